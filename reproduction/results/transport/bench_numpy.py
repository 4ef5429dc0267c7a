"""Same-session comparison timings for docs/transport.md: one log-domain Sinkhorn iteration in
NumPy/SciPy (cost matrix precomputed, two max-shifted log-sum-exps) and SciPy's exact assignment
on a RAD-OT-like batch. Usage: python3 bench_numpy.py [--lsa-sizes 1000,2500,5000]"""
import json, sys, time
import numpy as np
from scipy.special import logsumexp
from scipy.spatial.distance import cdist
from scipy.optimize import linear_sum_assignment

def sinkhorn_iteration(n, reps=7, eps=0.05):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(n, 2)); y = rng.normal(size=(n, 2)) + 1
    C = cdist(x, y, "sqeuclidean")
    logw = np.full(n, np.log(1.0 / n)); f = np.zeros(n); g = np.zeros(n)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f = -eps * logsumexp((g[None, :] - C) / eps + logw[None, :], axis=1)
        g = -eps * logsumexp((f[:, None] - C) / eps + logw[:, None], axis=0)
        times.append(time.perf_counter() - t0)
    return sorted(times)

def lsa(batch, reps=1):
    rng = np.random.default_rng(batch)
    a = rng.normal(size=(batch, 5)); b = 0.5 + 1.2 * rng.normal(size=(batch, 5))
    C = cdist(a, b, "sqeuclidean")
    times = []
    for _ in range(reps):
        t0 = time.perf_counter(); r, c = linear_sum_assignment(C); times.append(time.perf_counter() - t0)
    return sorted(times), float(C[r, c].sum())

sizes = [1000, 2500, 5000]
if "--lsa-sizes" in sys.argv:
    sizes = [int(s) for s in sys.argv[sys.argv.index("--lsa-sizes") + 1].split(",")]
out = {"numpy": np.__version__, "sinkhorn_iteration_ms": {}, "lsa_s": {}, "lsa_cost": {}}
for n in (1000, 1600, 5000):
    t = sinkhorn_iteration(n)
    out["sinkhorn_iteration_ms"][n] = {"median": 1e3 * t[len(t) // 2], "min": 1e3 * t[0], "max": 1e3 * t[-1]}
for b in sizes:
    t, cost = lsa(b)
    out["lsa_s"][b] = t[0]; out["lsa_cost"][b] = cost
print(json.dumps(out, indent=1))
