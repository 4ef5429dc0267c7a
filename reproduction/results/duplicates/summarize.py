#!/usr/bin/env python3
"""Summarises duplicates.py's runs.jsonl: per benchmark, the share of runs whose shown model and whose last checkpoint
have at least one pair of duplicate kernels, and the mean share of kernels in a duplicate group, with 68%
Clopper-Pearson intervals on the run shares. Usage: summarize.py RUNS.jsonl"""
import json, sys
from collections import defaultdict
from scipy.stats import beta

def cp(x, n, level=0.68):
    a = (1 - level) / 2
    return (0.0 if x == 0 else beta.ppf(a, x, n - x + 1)), (1.0 if x == n else beta.ppf(1 - a, x + 1, n - x))

rows = [json.loads(l) for l in open(sys.argv[1])]
by = defaultdict(list)
for r in rows:
    by[r['benchmark']].append(r)
print('| benchmark | runs | shown model: runs with duplicates [68% CI] | share of kernels in duplicates | '
      'last checkpoint: runs with duplicates [68% CI] | share of kernels in duplicates |')
print('|---|---:|---|---:|---|---:|')
tot = defaultdict(int)
for b, rs in by.items():
    n = len(rs)
    cells = []
    for key in ('shown_duplicates', 'last_duplicates'):
        x = sum(1 for r in rs if r[key])
        k = sum(sum(len(g) for g in r[key]) for r in rs) / sum(r['kernels'] for r in rs)
        lo, hi = cp(x, n)
        cells += ['%d/%d [%.2f, %.2f]' % (x, n, lo, hi), '%.2f' % k]
        tot[key] += x
    tot['n'] += n
    print('| %s | %d | %s |' % (b, n, ' | '.join(cells)))
for key in ('shown_duplicates', 'last_duplicates'):
    lo, hi = cp(tot[key], tot['n'])
    print('%s: %d of %d runs [%.2f, %.2f]' % (key, tot[key], tot['n'], lo, hi))
