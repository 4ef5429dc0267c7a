"""How the tail model of `extrapolated` was chosen (docs/reproduction.md, "Extrapolated significance"): on the
seed-2027 type-I toys, random splits into a small calibration and held-back toys, and the mean rate of held-back
extrapolated p-values at or below each level, for
  MODE=free|pos|exp   generalized Pareto with free shape, shape >= 0, or shape 0 (exponential), and
  STAT=two|max|sum    per-checkpoint tail models combined like the engine's statistic ("two" levels), or the
                      largest / the sum of the checkpoints' robustly standardised statistics (one tail model).
Usage: MODE=pos python3 choose_tail_model.py CAL.jsonl FRESH.jsonl TAIL_FRACTION CAL_SIZE SPLITS STAT"""
import json, os, sys
import numpy as np
from scipy import optimize

MODE = os.environ.get("MODE", "pos")

def load(f):
    return np.array([json.loads(l)["t"] for l in open(f).read().strip().split("\n")[1:]])

def gpd_fit(y):
    def nll(p):
        xi, lb = p
        b = np.exp(lb)
        xi = 0.0 if MODE == "exp" else (abs(xi) if MODE == "pos" else xi)
        z = 1 + xi * y / b
        if np.any(z <= 0):
            return 1e300
        if abs(xi) < 1e-9:
            return len(y) * lb + y.sum() / b
        return len(y) * lb + (1 + 1 / xi) * np.log(z).sum()
    r = optimize.minimize(nll, [0.1, np.log(y.mean())], method="Nelder-Mead",
                          options=dict(xatol=1e-10, fatol=1e-10, maxiter=4000))
    xi = 0.0 if MODE == "exp" else (abs(r.x[0]) if MODE == "pos" else r.x[0])
    return xi, np.exp(r.x[1])

def gpd_sf(y, xi, b):
    y = np.maximum(y, 0)
    if abs(xi) < 1e-9:
        return np.exp(-y / b)
    return np.maximum(1 + xi * y / b, 0) ** (-1 / xi)

class Tail:
    """Empirical (1 + #)/(n + 1) up to the threshold, generalized Pareto above it."""
    def __init__(self, x, q):
        self.x = np.sort(x)
        n = len(x)
        self.n = n
        self.k = max(10, int(round(q * n)))
        self.u = self.x[n - self.k - 1]
        self.xi, self.b = gpd_fit(self.x[n - self.k:] - self.u)

    def sf(self, t):
        t = np.atleast_1d(t)
        emp = (1 + np.sum(self.x[None, :] >= t[:, None], axis=1)) / (self.n + 1)
        tail = (self.k + 1) / (self.n + 1) * gpd_sf(t - self.u, self.xi, self.b)
        return np.where(t > self.u, tail, emp)

def combine(p):
    lp = np.log(np.maximum(p, 1e-300))
    return -0.5 * lp.min(axis=1) - 0.5 * lp.mean(axis=1)

cal, fresh = load(sys.argv[1]), load(sys.argv[2])
q, ncal, splits, stat = float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
pool = np.vstack([cal, fresh])
rng = np.random.default_rng(11)
levels = [0.05, 0.01, 0.005, 0.002, 0.001]
acc = []
for _ in range(splits):
    idx = rng.permutation(len(pool))
    c, f = pool[idx[:ncal]], pool[idx[ncal:]]
    m = c.shape[1]
    if stat == "two":
        tails = [Tail(c[:, j], q) for j in range(m)]
        sc = combine(np.column_stack([tails[j].sf(c[:, j]) for j in range(m)]))
        sf = combine(np.column_stack([tails[j].sf(f[:, j]) for j in range(m)]))
    else:
        med = np.median(c, axis=0)
        iqr = np.subtract(*np.percentile(c, [75, 25], axis=0))
        reduce = np.max if stat == "max" else np.sum
        sc, sf = reduce((c - med) / iqr, axis=1), reduce((f - med) / iqr, axis=1)
    pf = Tail(sc, q).sf(sf)
    acc.append([np.mean(pf <= a) for a in levels])
acc = np.array(acc)
print(MODE, stat, "tail", q, "calibration", ncal, " ".join(f"P(p<={a})={acc[:, i].mean():.4f}" for i, a in enumerate(levels)))
