"""Exactness check of docs/transport.md: 5-D squared-Euclidean assignment problems at B = 1000, 2500, 5000,
solved by SciPy (timed); the matrices and SciPy's permutations go to lapx/ (in the working folder) for CmpScipy.java, which solves
the same matrices with LapJv and compares cost and permutation."""
import json, time
import numpy as np
from scipy.spatial.distance import cdist
from scipy.optimize import linear_sum_assignment
out = {}
for n in (1000, 2500, 5000):
    rng = np.random.default_rng(n + 7)
    a = rng.normal(size=(n, 5)); b = 0.5 + 1.2 * rng.normal(size=(n, 5))
    C = cdist(a, b, "sqeuclidean")
    C.astype("<f8").tofile(f"lapx/C{n}.bin")
    t0 = time.perf_counter(); r, c = linear_sum_assignment(C); t = time.perf_counter() - t0
    np.save(f"lapx/perm{n}.npy", c)
    out[n] = {"scipy_s": t, "cost": float(C[r, c].sum())}
print(json.dumps(out))
