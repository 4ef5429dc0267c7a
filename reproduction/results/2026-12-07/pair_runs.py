#!/usr/bin/env python3
"""Pairs columns of `sparker toy real-data` runs of one seed, trial by trial.

The trials of the real-data study depend on the seed alone, so a run of one method
(`--methods kernel-np`) lines up with another run's columns. Usage:

    pair_runs.py COLUMN=RUN/real-data.json[:METHOD] ... [--against COLUMN]

prints, per k, each column's detections at p <= 0.05 and, for every column against the
`--against` column (default: the first), only-first / only-second and the exact McNemar p-value.
"""
import argparse
import json
import math
import sys


def mcnemar(b, c):
    """Two-sided exact McNemar p-value for b and c discordant pairs."""
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(0, min(b, c) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def load(spec):
    name, _, rest = spec.partition('=')
    path, _, method = rest.partition(':')
    with open(path) as f:
        j = json.load(f)
    rows = [r for r in j['rows'] if r['method'] == (method or name)]
    if not rows:
        sys.exit(f"{path}: no column '{method or name}' (has {sorted({r['method'] for r in j['rows']})})")
    return name, j['seed'], {r['malignant']: r['p_values'] for r in rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('columns', nargs='+', help='NAME=PATH[:METHOD]')
    ap.add_argument('--against', help='the column the others are compared with (default: the first)')
    ap.add_argument('--alpha', type=float, default=0.05)
    a = ap.parse_args()
    cols = [load(s) for s in a.columns]
    seeds = {s for _, s, _ in cols}
    if len(seeds) != 1:
        sys.exit(f"the runs have different seeds {sorted(seeds)}: their trials do not line up")
    base = next((c for c in cols if c[0] == a.against), cols[0]) if a.against else cols[0]
    ks = sorted(set.intersection(*(set(c[2]) for c in cols)))
    print('| column | ' + ' | '.join(f'k = {k}' for k in ks) + ' |')
    print('|---|' + '---:|' * len(ks))
    for name, _, p in cols:
        print(f'| {name} | ' + ' | '.join(f'{sum(v <= a.alpha for v in p[k])}/{len(p[k])}' for k in ks) + ' |')
    print()
    for name, _, p in cols:
        if name == base[0]:
            continue
        cells = []
        for k in ks:
            x, y = base[2][k], p[k]
            b = sum(u <= a.alpha < v for u, v in zip(x, y))
            c = sum(v <= a.alpha < u for u, v in zip(x, y))
            cells.append(f'k = {k}: {b} / {c} (p = {mcnemar(b, c):.2g})')
        print(f'{base[0]} only / {name} only: ' + '; '.join(cells))


if __name__ == '__main__':
    main()
