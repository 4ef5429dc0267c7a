#!/usr/bin/env python3
"""A nearest-neighbour two-sample test (Schilling 1986; Henze 1988) on the digits draws of
fashion_mnist_power.py --dataset digits: a yardstick for what a local, unsupervised test can find
where SparKer and both baselines find nothing (issue #31: classes 8 and 9).

For each draw (the same reference, data and seeds as fashion_mnist_power.py: reference 1,200
digits of nine classes, data 400 others with k of the held-out class), pool reference and data,
find each point's K nearest neighbours (Euclidean, pixels in [0, 1]), and count the data points'
neighbours that are data points. Its null is exact: the same neighbour graph with the sample labels
permuted (B permutations, p = (1 + #{T_b >= T}) / (B + 1)). No training, no calibration toys.

Usage: nn_test.py OUT [--classes 0,...,9] [--ks 0,20] [--trials 20] [--seed S] [--neighbours 5,10]
       [--permutations 1000] [--compare STUDY_DIR]
Writes OUT/trials.jsonl (one line per class, k, trial, K: the p-value) and prints the counts
detected at p <= 0.05. With --compare, a fashion_mnist_power.py --dataset digits folder made with
the same seed (the same draws): per class and k, its method 'sparker' against each K, toy by toy
(only SparKer / only the NN test, exact McNemar), written to OUT/paired.md.
"""
import argparse, json, os
import numpy as np
from scipy.stats import binomtest
from fashion_mnist_power import digits


def neighbour_graph(z, kmax):
    """The kmax nearest neighbours of every row of z (itself excluded), nearest first."""
    sq = (z * z).sum(axis=1)
    d2 = sq[:, None] + sq[None, :] - 2.0 * (z @ z.T)
    np.fill_diagonal(d2, np.inf)
    return np.argsort(d2, axis=1, kind='stable')[:, :kmax]


def p_value(nn, is_data, permutations, rng):
    """The permutation p-value of the count of data-to-data neighbour links."""
    def count(labels):
        return int((labels[:, None] & labels[nn]).sum())
    observed = count(is_data)
    null = np.array([count(rng.permutation(is_data)) for _ in range(permutations)])
    return (1 + np.sum(null >= observed)) / (permutations + 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--classes', default='0,1,2,3,4,5,6,7,8,9')
    ap.add_argument('--ks', default='0,20')
    ap.add_argument('--trials', type=int, default=20)
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--neighbours', default='5,10')
    ap.add_argument('--permutations', type=int, default=1000)
    ap.add_argument('--n-reference', type=int, default=1200)
    ap.add_argument('--n-data', type=int, default=400)
    ap.add_argument('--compare', help='a fashion_mnist_power.py --dataset digits folder of the same seed')
    a = ap.parse_args()
    try:
        classes = [int(v) for v in a.classes.split(',')]
        ks = [int(v) for v in a.ks.split(',')]
        neighbours = [int(v) for v in a.neighbours.split(',')]
    except ValueError:
        ap.error('--classes, --ks and --neighbours take comma-separated integers')
    if not all(0 <= c <= 9 for c in classes) or not all(0 <= k <= a.n_data for k in ks) \
            or not all(n >= 1 for n in neighbours) or a.permutations < 1 or a.trials < 1:
        ap.error('--classes in 0..9, --ks in 0..--n-data, --neighbours >= 1, --permutations and --trials >= 1')
    os.makedirs(a.out, exist_ok=True)
    x, y = digits()
    rows = []
    for c in classes:
        # the draws of fashion_mnist_power.py --dataset digits with the same seed
        rng = np.random.default_rng([a.seed, c])
        ref_rows = rng.choice(np.flatnonzero(y != c), a.n_reference, replace=False)
        ref = x[ref_rows]
        xd, yd = np.delete(x, ref_rows, axis=0), np.delete(y, ref_rows)
        dim = x.shape[1]
        for k in ks:
            for t in range(a.trials):
                r = np.random.default_rng([a.seed, c, dim, k, t])
                normal = xd[r.choice(np.flatnonzero(yd != c), a.n_data - k, replace=False)]
                odd = xd[r.choice(np.flatnonzero(yd == c), k, replace=False)]
                d = np.concatenate([normal, odd])[r.permutation(a.n_data)]
                z = np.concatenate([ref, d]).astype(np.float64)
                is_data = np.zeros(len(z), dtype=bool)
                is_data[len(ref):] = True
                nn = neighbour_graph(z, max(neighbours))
                for K in neighbours:
                    p = p_value(nn[:, :K], is_data, a.permutations, np.random.default_rng([a.seed, c, k, t, K]))
                    rows.append({'class': c, 'k': k, 'trial': t, 'neighbours': K, 'p_value': p})
            for K in neighbours:
                done = [q for q in rows if (q['class'], q['k'], q['neighbours']) == (c, k, K)]
                print('class %d k %3d K %2d: %d/%d at p <= 0.05' % (c, k, K,
                      sum(q['p_value'] <= 0.05 for q in done), len(done)), flush=True)
    with open(os.path.join(a.out, 'trials.jsonl'), 'w') as f:
        for q in rows:
            f.write(json.dumps(q) + '\n')
    if a.compare:
        compare(a, rows, classes, ks, neighbours)


def compare(a, rows, classes, ks, neighbours):
    """SparKer's detections on the same draws against the NN test's, per class and k, and pooled."""
    sparker = {(r['class'], r['k'], r['trial']): r['p_value'] <= 0.05
               for r in map(json.loads, open(os.path.join(a.compare, 'trials.jsonl')))
               if r['method'] == 'sparker' and r['dim'] == 64}
    nn = {(q['class'], q['k'], q['trial'], q['neighbours']): q['p_value'] <= 0.05 for q in rows}
    head = ' | '.join('NN, K = %d (only SparKer / only NN, p)' % K for K in neighbours)
    lines = ['| class | k | SparKer | %s |' % head, '|---:|---:|---:|' + '---|' * len(neighbours)]
    pooled = {}

    def cell(s, n):
        x, y = int((s & ~n).sum()), int((n & ~s).sum())
        return '%d/%d (%d / %d, p = %.2g)' % (n.sum(), len(n), x, y, binomtest(x, x + y).pvalue if x + y else 1)

    for c in classes:
        for k in ks:
            keys = [(c, k, t) for t in range(a.trials)]
            if not all(key in sparker for key in keys):
                raise SystemExit('--compare: %s lacks class %d, k %d, trials 0-%d of method sparker at d 64'
                                 % (a.compare, c, k, a.trials - 1))
            s = np.array([sparker[key] for key in keys])
            cells = []
            for K in neighbours:
                n = np.array([nn[key + (K,)] for key in keys])
                cells.append(cell(s, n))
                ps, pn = pooled.setdefault((k, K), ([], []))
                ps.append(s)
                pn.append(n)
            lines.append('| %d | %d | %d/%d | %s |' % (c, k, s.sum(), len(s), ' | '.join(cells)))
    for k in ks:
        s = np.concatenate(pooled[(k, neighbours[0])][0])
        cells = [cell(s, np.concatenate(pooled[(k, K)][1])) for K in neighbours]
        lines.append('| all | %d | %d/%d | %s |' % (k, s.sum(), len(s), ' | '.join(cells)))
    with open(os.path.join(a.out, 'paired.md'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
