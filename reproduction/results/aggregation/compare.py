#!/usr/bin/env python3
"""How the checkpoints' p-values are combined (issue #31, item 1), re-read from study outputs already
on disk: no training. For each (calibration file, signal file) pair given, every checkpoint's
p-value of a signal toy against the calibration toys, combined by Algorithm 1's rule
(-1/2 min log p - 1/(2m) sum log p), by min-p alone (-log min p, sparker's default) and by the product
(-sum log p); the null of each combined statistic from the calibration toys' leave-one-out
p-values, as sparker does (statistics/Calibration.nullCombined). Prints the share detected at
p <= 0.05 per rule and the paired counts against Algorithm 1's rule (exact McNemar).

With --fixed (first argument), the global p-value as sparker forms it since the fix of
2026-12-06 (statistics/Calibration.globalPValue, docs/design.md §5 step 2): each calibration toy's
per-checkpoint p-value against the other toys and the signal toy, on the (K + 1) grid, and the
signal toy's rank among the K + 1 combined statistics, ties ranked by the product (by min-p for
the product rule itself). Without it, the construction before the fix, which favoured min-p.

Usage: compare.py [--fixed] NAME NULL.jsonl SIGNAL.jsonl [NAME NULL SIGNAL ...]
       compare.py [--fixed] --trials STUDY_DIR METHOD   (a fashion_mnist_power.py folder: its
                                                         trials.jsonl and calibration files)
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


TIE_BREAK = {'algorithm-1': 'product', 'min-p': 'product', 'product': 'min-p'}
FIXED = False


def detected_fixed(null_t, signal_t):
    """sparker's global p-value since 2026-12-06: the signal toy ranked among the K + 1 tests."""
    k, m = null_t.shape
    # #{i != k : t_i >= t_k} per toy and checkpoint
    others = (null_t[None, :, :] >= null_t[:, None, :]).sum(axis=1) - 1
    out = {rule: [] for rule in RULES}
    for s in signal_t:
        p_obs = (1 + (null_t >= s).sum(axis=0)) / (k + 1)
        p_toys = (1 + others + (s[None, :] >= null_t)) / (k + 1)
        for rule, f in RULES.items():
            g = RULES[TIE_BREAK[rule]]
            t, u = f(p_obs), g(p_obs)
            tk = np.array([f(p) for p in p_toys])
            uk = np.array([g(p) for p in p_toys])
            above = np.sum((tk > t) | ((tk == t) & (uk >= u)))
            out[rule].append((1 + above) / (k + 1) <= 0.05)
    return {rule: np.array(v) for rule, v in out.items()}


def detected(null_t, signal_t):
    if FIXED:
        return detected_fixed(null_t, signal_t)
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
    global FIXED
    if sys.argv[1] == '--fixed':
        FIXED = True
        del sys.argv[1]
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
