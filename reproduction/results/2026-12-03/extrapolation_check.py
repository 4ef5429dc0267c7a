"""Checks the chi-square extrapolation of result.json ("extrapolated", statistics.Extrapolation) on stored toys:
fits a chi-square (free dof, maximum likelihood on the positive values) to each checkpoint of a calibration, tests
each fit by Kolmogorov-Smirnov, and applies the Bonferroni bound to fresh anomaly-free toys, reporting how often it
falls at or below 5% (which a valid p-value does at most 5% of the time). The engine gives the bound only when every
fit passes (KS p >= 0.05); this script also shows what forcing it would give.
Usage: python3 extrapolation_check.py CALIBRATION.jsonl FRESH.jsonl"""
import json, sys
import numpy as np
from scipy import optimize, special, stats

def load(f):
    return np.array([json.loads(l)["t"] for l in open(f).read().strip().split("\n")[1:]])

cal, fresh = load(sys.argv[1]), load(sys.argv[2])
m = cal.shape[1]
fits = []
for j in range(m):
    pos = cal[:, j][cal[:, j] > 0]
    target = np.mean(np.log(pos)) - np.log(2)
    k = optimize.brentq(lambda k: special.digamma(k / 2) - target, 1e-6, 1e6)
    fits.append((k, stats.kstest(pos, stats.chi2(k).cdf).pvalue))
    print(f"checkpoint {j + 1}: dof {k:.2f}, KS p {fits[-1][1]:.3g}")
accepted = all(p >= 0.05 for _, p in fits)
bound = np.array([min(1.0, m * min(stats.chi2(fits[j][0]).sf(t[j]) for j in range(m))) for t in fresh])
print(f"accepted: {accepted}; {len(fresh)} fresh toys, bound <= 0.05 in {np.mean(bound <= 0.05):.3f}"
      f" (forced when not accepted), median bound {np.median(bound):.3f}")
