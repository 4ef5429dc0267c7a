"""SparKer (Algorithm 1's rule, the default, with the global p-value fixed on 2026-12-06) against the
nearest-neighbour test on the same digits draws, re-read from the stored statistics (no training):
per class and pooled, detections at p <= 0.05 and exact McNemar (only SparKer / only NN).
nn/paired.md pairs the NN test with the min-p p-values of the day. Usage: python3 paired_fixed.py"""
import json, os, sys
import numpy as np
from scipy.stats import binomtest
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', '..', 'aggregation'))
import compare

compare.FIXED = True
rows = [r for r in map(json.loads, open(os.path.join(here, 'trials.jsonl'))) if r['method'] == 'sparker']
nn = {(r['class'], r['k'], r['trial'], r['neighbours']): r['p_value'] <= 0.05
      for r in map(json.loads, open(os.path.join(here, 'nn', 'trials.jsonl')))}


def pair(a, b):
    x, y = int((a & ~b).sum()), int((b & ~a).sum())
    return '%d / %d, p = %.2g' % (x, y, binomtest(x, x + y).pvalue if x + y else 1.0)


print('| class | k | SparKer | NN, K = 5 (only SparKer / only NN, p) | NN, K = 10 (same) |')
print('|---:|---:|---:|---|---|')
pooled = {}
for c in sorted({r['class'] for r in rows}):
    null_t = compare.statistics(os.path.join(here, 'class%d' % c, 'd64', 'sparker-calibration.jsonl'))
    for k in (0, 20):
        trials = sorted((r for r in rows if (r['class'], r['k']) == (c, k)), key=lambda r: r['trial'])
        s = compare.detected(null_t, np.array([r['t'] for r in trials]))['algorithm-1']
        n5 = np.array([nn[(c, k, r['trial'], 5)] for r in trials])
        n10 = np.array([nn[(c, k, r['trial'], 10)] for r in trials])
        for key, v in (('s', s), ('5', n5), ('10', n10)):
            pooled.setdefault((k, key), []).append(v)
        print('| %d | %d | %d/%d | %d/%d (%s) | %d/%d (%s) |' % (c, k, s.sum(), len(s), n5.sum(), len(s), pair(s, n5),
                                                            n10.sum(), len(s), pair(s, n10)))
for k in (0, 20):
    s, n5, n10 = (np.concatenate(pooled[(k, key)]) for key in ('s', '5', '10'))
    print('| all | %d | %d/%d | %d/%d (%s) | %d/%d (%s) |' % (k, s.sum(), len(s), n5.sum(), len(s), pair(s, n5),
                                                        n10.sum(), len(s), pair(s, n10)))
