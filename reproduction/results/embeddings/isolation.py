#!/usr/bin/env python3
"""How far k held-out images stand from the reference, against how close they stand to each other
(issue #31's "why power falls with d"): for a random reference of N_R nominal images and k images
of the held-out class, the median over those k of (distance to the nearest reference image) /
(distance to the 3rd-nearest other held-out image), in the units the test trains in (each
coordinate standardized on the reference; with --pca K, after projecting on the reference's first
K principal axes). Above 1, the held-out images form a group of their own that kernels of about
their mutual distance can cover; below 1, each sits closer to some reference image than to its
own kind, and a kernel that covers two of them covers reference images too.

Usage: isolation.py [--dataset fashion-mnist|digits] [--classes 0,3] [--pca 0,64] [--k 20]
       [--n-reference 1200] [--repeats 20] [--seed 7]
"""
import argparse, os, sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_mnist_power import digits, idx


def standardize(ref, x):
    mean, sd = ref.mean(0), ref.std(0)
    sd[sd == 0] = 1
    return (ref - mean) / sd, (x - mean) / sd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--dataset', choices=['fashion-mnist', 'digits'], default='fashion-mnist')
    ap.add_argument('--classes', default='0,3'); ap.add_argument('--pca', default='0,64')
    ap.add_argument('--k', type=int, default=20); ap.add_argument('--n-reference', type=int, default=1200)
    ap.add_argument('--repeats', type=int, default=20); ap.add_argument('--seed', type=int, default=7)
    a = ap.parse_args()
    if a.dataset == 'digits':
        x, y = digits()
    else:
        x, y = idx('train-images-idx3-ubyte.gz'), idx('train-labels-idx1-ubyte.gz')
    print('| held-out class | d | NN distance to the reference | 3rd NN among the held-out | ratio (median) |')
    print('|---:|---:|---:|---:|---:|')
    for c in [int(v) for v in a.classes.split(',')]:
        for k_pca in [int(v) for v in a.pca.split(',')]:
            rng = np.random.default_rng([a.seed, c, k_pca])
            nom, odd = np.flatnonzero(y != c), np.flatnonzero(y == c)
            dref, dodd, ratio = [], [], []
            for _ in range(a.repeats):
                ref = x[rng.choice(nom, a.n_reference, replace=False)].astype(np.float64)
                s = x[rng.choice(odd, a.k, replace=False)].astype(np.float64)
                if k_pca:
                    mean = ref.mean(0)
                    _, _, vt = np.linalg.svd(ref - mean, full_matrices=False)
                    ref, s = (ref - mean) @ vt[:k_pca].T, (s - mean) @ vt[:k_pca].T
                r, z = standardize(ref, s)
                to_ref = np.sqrt(np.maximum(0, (z * z).sum(1)[:, None] + (r * r).sum(1)[None, :] - 2 * z @ r.T)).min(1)
                dd = np.sqrt(((z[:, None, :] - z[None, :, :]) ** 2).sum(-1))
                np.fill_diagonal(dd, np.inf)
                third = np.sort(dd, 1)[:, 2]
                dref.append(np.median(to_ref)); dodd.append(np.median(third)); ratio.append(np.median(to_ref / third))
            print('| %d | %d | %.2f | %.2f | %.2f |' % (c, k_pca or x.shape[1], np.mean(dref), np.mean(dodd),
                                                     np.mean(ratio)))


if __name__ == '__main__':
    main()
