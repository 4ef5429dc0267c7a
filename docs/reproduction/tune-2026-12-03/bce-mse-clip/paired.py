"""Power at 5% and toy-by-toy McNemar tests between recipes of a tune folder (extreme tail).
Usage: python3 paired.py FOLDER TAG TAG ..."""
import sys, math
import os; sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from loo_power import load, pvals, combined
def detections(folder, tag, bench='exp1d-extreme-tail'):
    null = load('%s/tune-%s-null-%s.jsonl' % (folder, bench, tag)); sig = load('%s/tune-%s-signal-%s.jsonl' % (folder, bench, tag))
    t0 = [combined(pvals(null[:k] + null[k+1:], null[k])) for k in range(len(null))]
    out = []
    for t in sig:
        c = combined(pvals(null, t)); p = (1 + sum(1 for x in t0 if x >= c)) / (len(t0) + 1); out.append(p <= 0.05)
    return out
def mcnemar(a, b):
    x = sum(1 for i, j in zip(a, b) if i and not j); y = sum(1 for i, j in zip(a, b) if j and not i); n = x + y
    if n == 0: return x, y, 1.0
    k = min(x, y); p = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n * 2
    return x, y, min(1.0, p)
f = sys.argv[1]
d = {t: detections(f, t) for t in sys.argv[2:]}
for t, v in d.items(): print(t, sum(v) / len(v), len(v))
tags = list(d)
for i in range(len(tags)):
    for j in range(i + 1, len(tags)):
        print(tags[i], 'vs', tags[j], mcnemar(d[tags[i]], d[tags[j]]))
