#!/usr/bin/env python3
"""The most power any test can have on the 2D scale changes (issue #31, item 5): the Neyman-Pearson
test that knows both densities.

The toys are those of `sparker toy` (FourGaussiansToy): four Gaussians of standard deviation 2 at
(+-8, +-8), N(R) = 2,000 expected data events; smearing and squeezing set the bottom-left
Gaussian's standard deviation to 2.2 and 1.8 with the expected count unchanged. With the count
unchanged the Poisson terms of the extended likelihood cancel and the optimal statistic for one
signal against the nominal density is t = 2 sum_i log(p_signal(x_i) / p_nominal(x_i)) over the data
events. Its null distribution and its power come from TOYS anomaly-free and TOYS signal samples
(Poisson(2,000) events each), the level is 5%, the interval Clopper-Pearson 95%.

The same sums with f restricted to a family show how much of the optimum a model of the
log-ratio can reach. Printed beside the optimum: the log-ratio's shape (a bowl in |x - c|^2 about
the bottom-left centre c, which changes sign on a circle) and the expected statistic per event.

The second table asks whether SparKer's model can express the change: M kernels of one width
sigma with the softmax competition (docs/design.md section 1), f = sum_i a_i p_i k_i, |a_i| <= 5,
fitted to the population (the NP loss E_nominal[e^f - 1] - E_signal[f] over MC_EVENTS events of each
density, L-BFGS from RESTARTS starts about the bottom-left centre, the best kept), then used as a
fixed statistic, t = 2 sum_i f(x_i), on fresh toys: the power a training that found the best
member of the family from infinite data would have. What is left between that power and the
trained model's is estimation from 2,000 events, not capacity.

Usage: oracle.py [--toys 20000] [--family-toys 2000] [--mc-events 100000] [--restarts 4] [--seed 2044]
"""
import argparse
import numpy as np
from scipy import optimize, stats

CORNERS = np.array([[-8, -8], [8, -8], [-8, 8], [8, 8]], float)  # corner 0 is the bottom left
SIGNALS = {'smearing': 2.2, 'squeezing': 1.8}  # the bottom-left standard deviation of each signal

def log_mixture(x, s0):
    """log density of the four-Gaussian mixture with the bottom-left standard deviation s0."""
    out = []
    for i, c in enumerate(CORNERS):
        s = s0 if i == 0 else 2.0
        r2 = np.sum((x - c) ** 2, axis=1)
        out.append(np.log(0.25) - np.log(2 * np.pi * s * s) - r2 / (2 * s * s))
    return np.logaddexp.reduce(np.array(out), axis=0)

def sample(rng, n, s0):
    corner = rng.integers(0, 4, n)
    s = np.where(corner == 0, s0, 2.0)
    return CORNERS[corner] + s[:, None] * rng.standard_normal((n, 2))

def statistics(rng, toys, s_true, s_signal):
    """t on TOYS samples drawn with bottom-left width s_true, for the hypothesis s_signal."""
    t = np.empty(toys)
    for k in range(toys):
        x = sample(rng, rng.poisson(2000), s_true)
        t[k] = 2 * np.sum(log_mixture(x, s_signal) - log_mixture(x, 2.0))
    return t

def softmax_model(x, a, mu, sigma):
    """f and, per kernel, p_i k_i and the factor A_i of df/dmu_i = A_i (x - mu_i) (docs/design.md sections 1 and 3)."""
    u = np.sum((x[:, None, :] - mu[None, :, :]) ** 2, axis=2) / (2 * sigma * sigma)
    m = u.min(axis=1, keepdims=True)
    e = np.exp(-(u - m))
    p = e / e.sum(axis=1, keepdims=True)
    pk = p * np.exp(-u)
    f = pk @ a
    big_a = (2 * a[None, :] * np.exp(-u) - f[:, None]) * p / (sigma * sigma)
    return f, pk, big_a

def fit_family(x0, x1, m, sigma, restarts, rng):
    """The member of the M-kernel family of width sigma with the least population NP loss."""
    def loss(theta):
        a, mu = theta[:m], theta[m:].reshape(m, 2)
        f0, pk0, A0 = softmax_model(x0, a, mu, sigma)
        f1, pk1, A1 = softmax_model(x1, a, mu, sigma)
        e0 = np.exp(f0)
        value = np.mean(e0 - 1) - np.mean(f1)
        ga = (e0 @ pk0 - np.sum(pk1, axis=0)) / len(x0)
        w0 = e0[:, None] * A0
        gmu = (w0.T @ x0 - w0.sum(0)[:, None] * mu - (A1.T @ x1 - A1.sum(0)[:, None] * mu)) / len(x0)
        return value, np.concatenate([ga, gmu.ravel()])
    best = None
    for _ in range(restarts):
        mu = CORNERS[0] + 2.5 * rng.standard_normal((m, 2))
        theta = np.concatenate([np.zeros(m), mu.ravel()])
        bounds = [(-5, 5)] * m + [(None, None)] * (2 * m)
        r = optimize.minimize(loss, theta, jac=True, method='L-BFGS-B', bounds=bounds, options={'maxiter': 500})
        if best is None or r.fun < best.fun:
            best = r
    return best.x[:m], best.x[m:].reshape(m, 2), best.fun

def fixed_power(rng, toys, s, a, mu, sigma):
    """Power at 5% of t = 2 sum f(x_i) with f fixed, from TOYS anomaly-free and TOYS signal toys."""
    t = {}
    for width in (2.0, s):
        t[width] = np.array([2 * np.sum(softmax_model(sample(rng, rng.poisson(2000), width), a, mu, sigma)[0])
                             for _ in range(toys)])
    return float(np.mean(t[s] > np.quantile(t[2.0], 0.95)))

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--toys', type=int, default=20000); ap.add_argument('--seed', type=int, default=2044)
    ap.add_argument('--family-toys', type=int, default=2000); ap.add_argument('--mc-events', type=int, default=100000)
    ap.add_argument('--restarts', type=int, default=4)
    ap.add_argument('--kernels', default='1,2,5,20'); ap.add_argument('--widths', default='4.76,2.91,1.77,1.08')
    a = ap.parse_args()
    for name in ('toys', 'family_toys'):
        if getattr(a, name) < 100:
            ap.error('--%s must be at least 100' % name.replace('_', '-'))
    if a.mc_events < 1000 or a.restarts < 1:
        ap.error('--mc-events must be at least 1,000 and --restarts at least 1')
    try:
        kernels = [int(v) for v in a.kernels.split(',')]
        widths = [float(v) for v in a.widths.split(',')]
    except ValueError:
        ap.error('--kernels and --widths: numbers separated by commas')
    if min(kernels) < 1 or not min(widths) > 0:
        ap.error('--kernels must be at least 1 and --widths positive')
    print('| signal | bottom-left width | log-ratio at the centre | sign change at r | power of the optimal test | 95% interval |')
    print('|---|---:|---:|---:|---:|---|')
    for name, s in SIGNALS.items():
        rng = np.random.default_rng([a.seed, int(s * 10)])
        null = statistics(rng, a.toys, 2.0, s)
        sig = statistics(rng, a.toys, s, s)
        cut = np.quantile(null, 0.95)
        k = int(np.sum(sig > cut))
        lo, hi = stats.binomtest(k, a.toys).proportion_ci(0.95, method='exact')
        centre = -2 * np.log(s / 2)  # log(N(c; s) / N(c; 2)) in 2D
        radius = np.sqrt(centre / (1 / (2 * s * s) - 1 / 8))  # where the log-ratio changes sign
        print('| %s | %.1f | %+.3f | %.2f | %.3f | [%.3f, %.3f] |' % (name, s, centre, radius, k / a.toys, lo, hi))
    print()
    print('| signal | kernels | width | population loss per event | power of the fitted f | amplitudes |')
    print('|---|---:|---:|---:|---:|---|')
    for name, s in SIGNALS.items():
        rng = np.random.default_rng([a.seed, int(s * 10), 1])
        corner = rng.integers(0, 4, a.mc_events)
        z = rng.standard_normal((a.mc_events, 2))
        x0 = CORNERS[corner] + 2.0 * z
        x1 = CORNERS[corner] + np.where(corner == 0, s, 2.0)[:, None] * z  # the same events, corner 0 rescaled
        for m in kernels:
            for sigma in widths:
                amp, mu, value = fit_family(x0, x1, m, sigma, a.restarts, rng)
                power = fixed_power(rng, a.family_toys, s, amp, mu, sigma)
                print('| %s | %d | %.2f | %.5f | %.3f | %s |' % (name, m, sigma, value, power,
                      ' '.join('%+.2f' % v for v in sorted(amp))), flush=True)

if __name__ == '__main__':
    main()
