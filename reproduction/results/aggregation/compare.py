#!/usr/bin/env python3
"""How the checkpoints' p-values are combined (issue #31, item 1), re-read from study outputs already
on disk: no training. For each (calibration file, signal file) pair given, every checkpoint's
p-value of a signal toy against the calibration toys, combined by Algorithm 1's rule
(-1/2 min log p - 1/(2m) sum log p), by min-p alone (-log min p, sparker's default) and by the product
(-sum log p); the null of each combined statistic from the calibration toys' leave-one-out
p-values, as sparker does (statistics/Calibration.nullCombined). Prints the share detected at
p <= 0.05 per rule and the paired counts against Algorithm 1's rule (exact McNemar).

Usage: compare.py NAME NULL.jsonl SIGNAL.jsonl [NAME NULL SIGNAL ...]
       compare.py --trials STUDY_DIR METHOD      (a fashion_mnist_power.py folder: its trials.jsonl
                                                  and calibration files)
"""
import json, os, sys
import numpy as np
from scipy.stats import binomtest


def empirical(o, null):
    return (1 + np.sum(null >= o)) / (len(null) + 1)


def leave_one_out(k, col):
    return (1 + np.sum(np.delete(col, k) >= col[k])) / len(col)


RULES = {'algorithm-1': lambda p: -0.5 * np.log(p).min() - np.log(p).sum() / (2 * len(p)),
         'min-p': lambda p: -np.log(p).min(),
         'product': lambda p: -np.log(p).sum()}


def statistics(path):
    return np.array([json.loads(l)['t'] for l in open(path).read().splitlines()[1:]])


def detected(null_t, signal_t):
    k, m = null_t.shape
    loo = np.array([[leave_one_out(i, null_t[:, j]) for j in range(m)] for i in range(k)])
    out = {}
    for rule, f in RULES.items():
        null = np.array([f(loo[i]) for i in range(k)])
        out[rule] = np.array([empirical(f(np.array([empirical(s[j], null_t[:, j]) for j in range(m)])), null) <= 0.05
                              for s in signal_t])
    return out


def row(name, toys, det):
    base = det['algorithm-1']
    cells = []
    for rule in RULES:
        d = det[rule]
        cell = '%d/%d' % (d.sum(), len(d))
        if rule != 'algorithm-1':
            a, b = int((base & ~d).sum()), int((d & ~base).sum())
            p = binomtest(a, a + b).pvalue if a + b else 1.0
            cell += ' (%d / %d, p = %.2g)' % (a, b, p)
        cells.append(cell)
    print('| %s | %s | %s |' % (name, toys, ' | '.join(cells)))
    return det


def main():
    print('| signal | calibration toys | Algorithm 1 | min-p (only Alg. 1 / only min-p, McNemar p) | product (same) |')
    print('|---|---:|---|---|---|')
    if sys.argv[1] == '--trials':
        # the statistics of every trial from the study's trials.jsonl ('t', recorded by
        # fashion_mnist_power.py), the calibration toys from its committed calibration files
        root, method = sys.argv[2], sys.argv[3]
        rows = [json.loads(l) for l in open(os.path.join(root, 'trials.jsonl'))]
        rows = [r for r in rows if r['method'] == method and r.get('t')]
        pooled = {}
        for c, dim in sorted({(r['class'], r['dim']) for r in rows}):
            null_t = statistics(os.path.join(root, 'class%d' % c, 'd%d' % dim, method + '-calibration.jsonl'))
            for k in sorted({r['k'] for r in rows if (r['class'], r['dim']) == (c, dim)}):
                s = np.array([r['t'] for r in sorted(rows, key=lambda r: r['trial'])
                              if (r['class'], r['dim'], r['k']) == (c, dim, k)])
                det = row('class %d, d %d, k %d' % (c, dim, k), len(null_t), detected(null_t, s))
                for rule, d in det.items():
                    pooled.setdefault((dim, k), {}).setdefault(rule, []).append(d)
        # every class's paired draws together, per dimension and k
        for (dim, k), det in sorted(pooled.items()):
            row('all classes, d %d, k %d' % (dim, k), '—', {rule: np.concatenate(v) for rule, v in det.items()})
        return
    args = sys.argv[1:]
    for name, null_path, signal_path in zip(args[0::3], args[1::3], args[2::3]):
        null_t = statistics(null_path)
        row(name, len(null_t), detected(null_t, statistics(signal_path)))


if __name__ == '__main__':
    main()
