#!/usr/bin/env python3
"""Summarises fashion_mnist_power.py's trials.jsonl: per (class, dimension, method, k) the share of
trials at p <= 0.05 with a 68% Clopper-Pearson interval, and, per (class, dimension, k), exact
McNemar tests of SparKer (default) against each other method on the same data draws, and of
SparKer with --pca K (method sparker-pcaK) against the kernel NP test and MMD-FUSE on the same raw
draws. Several files (studies of other methods on the same seed: the same draws) are merged.
Usage: summarize.py TRIALS.jsonl [MORE.jsonl ...]"""
import json, sys
from collections import defaultdict
from scipy.stats import beta, binomtest

rows = [json.loads(l) for f in sys.argv[1:] for l in open(f)]
by = defaultdict(dict)
for r in rows:
    by[(r['class'], r['dim'], r['method'], r['k'])][r['trial']] = r['p_value'] <= 0.05

def cp(x, n, level=0.68):
    a = (1 - level) / 2
    lo = 0.0 if x == 0 else beta.ppf(a, x, n - x + 1)
    hi = 1.0 if x == n else beta.ppf(1 - a, x + 1, n - x)
    return lo, hi

print('| held-out class | d | k | method | detected | power [68% CI] |')
print('|---:|---:|---:|---|---:|---|')
for key in sorted(by):
    c, d, m, k = key
    v = list(by[key].values())
    x, n = sum(v), len(v)
    lo, hi = cp(x, n)
    print('| %d | %d | %d | %s | %d/%d | %.2f [%.2f, %.2f] |' % (c, d, k, m, x, n, x / n, lo, hi))
print()
secs = defaultdict(list)
for r in rows:
    if r.get('seconds') is not None:
        secs[(r['dim'], r['method'])].append(r['seconds'])
print('Seconds per trial (a run against an existing calibration: preprocessing and one training or fit), median:')
for (d, m) in sorted(secs):
    v = sorted(secs[(d, m)])
    print('  d %d %-18s %.1f s (%d trials)' % (d, m, v[len(v) // 2], len(v)))
print()
print('McNemar (exact, two-sided), SparKer default against each other method on the same draws:')
for (c, d, m, k), res in sorted(by.items()):
    if m == 'sparker':
        continue
    base = by.get((c, d, 'sparker', k))
    if not base:
        continue
    common = sorted(set(base) & set(res))
    b = sum(base[t] and not res[t] for t in common)
    o = sum(res[t] and not base[t] for t in common)
    p = binomtest(b, b + o, 0.5).pvalue if b + o else 1.0
    print('  class %d d %d k %d: sparker only %d, %s only %d, p = %.3g' % (c, d, k, b, m, o, p))

def mcnemar(first, second, c, d, k):
    a, b = by.get((c, d, first, k)), by.get((c, d, second, k))
    if not a or not b:
        return
    common = sorted(set(a) & set(b))
    x = sum(a[t] and not b[t] for t in common)
    y = sum(b[t] and not a[t] for t in common)
    p = binomtest(x, x + y, 0.5).pvalue if x + y else 1.0
    print('  class %d d %d k %d: %s only %d, %s only %d, p = %.3g' % (c, d, k, first, x, second, y, p))

pcas = sorted({m for (_, _, m, _) in by if m.startswith('sparker-pca')})
if pcas:
    print()
    print('McNemar (exact, two-sided), SparKer with --pca against the baselines on the same draws:')
    for m in pcas:
        for (c, d, mm, k) in sorted(by):
            if mm == m:
                for other in ('kernel-np', 'mmd-fuse'):
                    mcnemar(m, other, c, d, k)

# A method with a suffixed variant (sparker-pca64 and sparker-pca64-wq50, say) is compared with it
# class by class; then every pair of methods studied on the same draws is compared pooled over the
# held-out classes, per dimension and k (totals and one exact McNemar test over all paired draws).
methods = sorted({m for (_, _, m, _) in by})
variants = [(m, v) for m in methods for v in methods
            if v.startswith(m + '-') and m != 'sparker' and not v[len(m) + 1:].startswith('pca')]
if variants:
    print()
    print('McNemar (exact, two-sided), each method against its suffixed variant on the same draws:')
    for m, v in variants:
        for (c, d, mm, k) in sorted(by):
            if mm == m:
                mcnemar(m, v, c, d, k)

dks = sorted({(d, k) for (_, d, _, k) in by})
print()
print('Pooled over held-out classes (the same draws): detections, and exact McNemar on all paired draws:')
print()
print('| d | k | first | second | first | second | first only | second only | McNemar p |')
print('|---:|---:|---|---|---:|---:|---:|---:|---:|')
for d, k in dks:
    here = sorted({m for (_, dd, m, kk) in by if (dd, kk) == (d, k)})
    for i, m in enumerate(here):
        for o in here[i + 1:]:
            xs = ys = x = y = n = 0
            for c in sorted({c for (c, dd, mm, kk) in by if (dd, kk) == (d, k)}):
                a, b = by.get((c, d, m, k)), by.get((c, d, o, k))
                if not a or not b:
                    continue
                for t in sorted(set(a) & set(b)):
                    n += 1
                    xs += a[t]
                    ys += b[t]
                    x += a[t] and not b[t]
                    y += b[t] and not a[t]
            if n:
                p = binomtest(x, x + y, 0.5).pvalue if x + y else 1.0
                print('| %d | %d | %s | %s | %d/%d | %d/%d | %d | %d | %.3g |' % (d, k, m, o, xs, n, ys, n, x, y, p))
