#!/usr/bin/env python3
"""Where SparKer's kernels sit on the 2D scale changes (issue #31, item 5): how many of them end in
the bottom-left Gaussian, the only one that changes, at every checkpoint.

Each trial draws a data sample of the four-Gaussian toy (oracle.py, FourGaussiansToy: N(R) = 2,000
expected events, the bottom-left standard deviation 2.2 for smearing, 1.8 for squeezing, 2 for
none) against one shared reference of 20,000 events, runs `sparker run` on it exactly as a user
would (the defaults: standardized, k-means++ starts; --kernels as asked) and reads the centres of
every checkpoint from model.json. A kernel is in a corner when its centre lies within 6 (three
standard deviations) of that corner's centre. The p-values come from a calibration of --toys toys per
trial (the width range is estimated on each trial's data, so trials cannot share one) and are not
the point here.
Usage: kernels_2d.py JAR OUTDIR [--kernels 5,20] [--signals smearing,none] [--trials 20] [--seed 2045]
       [--toys 2]
"""
import argparse, json, os, shutil, subprocess, sys
import numpy as np
here = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [here, os.path.join(here, '..', 'embeddings')]
from fashion_mnist_power import sparker_command
from oracle import CORNERS, SIGNALS, sample

WIDTH = {**SIGNALS, 'none': 2.0}

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('jar'); ap.add_argument('out')
    ap.add_argument('--kernels', default='5,20'); ap.add_argument('--signals', default='smearing,none')
    ap.add_argument('--trials', type=int, default=20); ap.add_argument('--seed', type=int, default=2045)
    ap.add_argument('--toys', type=int, default=2)
    a = ap.parse_args()
    signals = a.signals.split(',')
    if not set(signals) <= set(WIDTH):
        ap.error('--signals: each of %s' % ', '.join(WIDTH))
    try:
        kernels = [int(v) for v in a.kernels.split(',')]
    except ValueError:
        ap.error('--kernels: whole numbers separated by commas, got %r' % a.kernels)
    if min(kernels) < 1 or a.trials < 1 or a.toys < 2:
        ap.error('--kernels and --trials must be at least 1, --toys at least 2')
    os.makedirs(a.out, exist_ok=True)
    reference = os.path.join(a.out, 'reference.npy')
    if not os.path.exists(reference):
        np.save(reference, sample(np.random.default_rng([a.seed, 0]), 20000, 2.0).astype(np.float32))
    rows_path = os.path.join(a.out, 'trials.jsonl')
    done = {}
    if os.path.exists(rows_path):
        for line in open(rows_path):
            r = json.loads(line)
            done[(r['signal'], r['kernels'], r['trial'])] = r
    for signal in signals:
        for m in kernels:
            for t in range(a.trials):
                if (signal, m, t) in done:
                    continue
                rng = np.random.default_rng([a.seed, 1, t])  # the same draws for every kernel count
                data = sample(rng, rng.poisson(2000), WIDTH[signal]).astype(np.float32)
                trial = os.path.join(a.out, '%s-k%d-t%02d' % (signal, m, t))
                os.makedirs(trial, exist_ok=True)
                np.save(os.path.join(trial, 'data.npy'), data)
                cmd = sparker_command(a.jar) + ['run', '--reference', reference, '--data', os.path.join(trial, 'data.npy'),
                       '--kernels', str(m), '--toys', str(a.toys), '--seed', str(a.seed + t), '-q',
                       '--out', os.path.join(trial, 'out')]
                p = subprocess.run(cmd, capture_output=True, text=True)
                if p.returncode != 0:
                    sys.exit('failed: %s\n%s' % (' '.join(cmd), p.stderr.strip()))
                model = json.load(open(os.path.join(trial, 'out', 'model.json')))
                result = json.load(open(os.path.join(trial, 'out', 'result.json')))
                mean, scale = np.array(model['standardization']['mean']), np.array(model['standardization']['scale'])
                per_checkpoint = []
                for cp in model['checkpoints']:
                    centres = mean + scale * np.array(cp['centers'])
                    near = np.linalg.norm(centres[:, None, :] - CORNERS[None, :, :], axis=2) < 6
                    per_checkpoint.append({'sigma': cp['sigma'] * float(np.mean(scale)),
                                           'per_corner': [int(v) for v in near.sum(axis=0)],
                                           't': result['checkpoints'][cp['checkpoint'] - 1]['t']})
                row = {'signal': signal, 'kernels': m, 'trial': t, 'checkpoints': per_checkpoint}
                with open(rows_path, 'a') as f:
                    f.write(json.dumps(row) + '\n')
                shutil.rmtree(trial)
    summary(rows_path, signals, kernels)

def summary(rows_path, signals, kernels):
    """Per signal, kernel count and checkpoint: the mean number of kernels in the bottom-left corner
    and in the other three (each), the share of trials with none in the bottom left, and the median t."""
    rows = [json.loads(l) for l in open(rows_path)]
    print('| data | kernels | trials | width | bottom left (mean) | none there | each other corner (mean) | median t |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|')
    for signal in signals:
        for m in kernels:
            mine = [r for r in rows if r['signal'] == signal and r['kernels'] == m]
            for j in range(len(mine[0]['checkpoints'])):
                corners = np.array([r['checkpoints'][j]['per_corner'] for r in mine])
                print('| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.1f |' % (
                    signal, m, len(mine), np.mean([r['checkpoints'][j]['sigma'] for r in mine]),
                    corners[:, 0].mean(), np.mean(corners[:, 0] == 0), corners[:, 1:].mean(),
                    np.median([r['checkpoints'][j]['t'] for r in mine])))

if __name__ == '__main__':
    main()
