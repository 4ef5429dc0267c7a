#!/usr/bin/env python3
"""Pairs the runs of ab.sh by round: per shape, the geometric mean of old/new step time with a
t-interval on the logarithms, and the number of pairs where the new jar was faster (sign test).
Usage: summarize.py DIR [DIR ...] (pairs are pooled over the directories)."""
import glob, json, math, os, statistics, sys
from scipy.stats import binomtest, t

def medians(path):
    d = json.load(open(path))
    return {(c['n'], c['d'], c['m']): c['backends'][0]['ms_per_step']['median'] for c in d['cases']}

pairs = {}
for directory in sys.argv[1:]:
    for old in sorted(glob.glob(os.path.join(directory, 'old*.json'))):
        new = old.replace(os.sep + 'old', os.sep + 'new')
        o, n = medians(old), medians(new)
        for shape in o:
            if shape in n:
                pairs.setdefault(shape, []).append(o[shape] / n[shape])
for shape, ratios in sorted(pairs.items()):
    logs = [math.log(r) for r in ratios]
    k = len(logs)
    mean = sum(logs) / k
    half = t.ppf(0.975, k - 1) * statistics.stdev(logs) / math.sqrt(k) if k > 1 else float('nan')
    faster = sum(r > 1 for r in ratios)
    print('%s  pairs %d  speed-up %.3f [%.3f, %.3f]  new faster %d (sign p %.3f)' % (
        '×'.join(map(str, shape)), k, math.exp(mean), math.exp(mean - half), math.exp(mean + half),
        faster, binomtest(faster, k).pvalue))
