#!/usr/bin/env python3
"""Adds each trial's statistics ('t': per checkpoint, or per width for the kernel NP test) and
duplicate kernels to a study's trials.jsonl from the per-trial result.json files that
fashion_mnist_power.py keeps on disk (rows written before the script recorded them). Run it only
when no study writes to that folder. Rows whose result.json is gone are left as they are.

Usage: backfill_statistics.py STUDY_DIR
"""
import json, os, sys
from fashion_mnist_power import statistics


def main():
    root = sys.argv[1]
    path = os.path.join(root, 'trials.jsonl')
    rows = [json.loads(l) for l in open(path)]
    filled = 0
    for r in rows:
        if r.get('t') is not None:
            continue
        res = os.path.join(root, 'class%d' % r['class'], 'd%d' % r['dim'], r['method'], 'k%d' % r['k'],
                           't%02d' % r['trial'], 'result.json')
        if not os.path.exists(res):
            continue
        j = json.load(open(res))
        t = statistics(j)
        if t is not None:
            r['t'] = t
            r['duplicate_kernels'] = j.get('duplicate_kernels')
            filled += 1
    with open(path + '.tmp', 'w') as f:
        for r in rows:
            f.write(json.dumps(r) + '\n')
    os.replace(path + '.tmp', path)
    print('%s: %d rows given their statistics' % (path, filled))


if __name__ == '__main__':
    main()
