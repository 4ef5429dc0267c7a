#!/usr/bin/env python3
"""Type-I error of SparKer on Fashion-MNIST with a fresh reference and calibration per trial
(issue #31). fashion_mnist_power.py draws one reference per held-out class and lets its 20 trials
share that reference and its calibration, so its k = 0 counts are conditional on one reference and
are not 20 independent draws. Here every trial draws N_R + N_D images of the nine nominal classes
from the training split without replacement (the first N_R are the reference, the rest the data),
calibrates on that reference and runs the test: each trial is one independent anomaly-free
experiment, and the share rejected at p <= 0.05 estimates the unconditional type-I error.

Resumable: a trial recorded in OUT/trials.jsonl is kept; a calibration interrupted part-way is
resumed by `sparker run --calibration`.

Data: Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/, MIT licence), or with
--dataset digits the 1,797 8x8 digits of Debian's python3-sklearn (BSD-3-Clause; about 1,620 of
the nine nominal classes, so the trials' draws overlap, but each splits them at random).
Usage: fashion_mnist_null.py JAR OUTDIR [--classes 0] [--trials 20] [--toys 100] [--seed 2030]
       [--methods sparker,sparker-pca64] [--n-reference 1200] [--n-data 400]
       [--dataset fashion-mnist|digits]
Methods: those of fashion_mnist_power.py: sparker (the default, standardized), sparker-raw
(--no-standardize), kernel-np, mmd-fuse; a suffix -pcaK adds --pca K (fitted inside the test on
its reference and on every toy's), -sphere adds --spherical mean (after any --pca), and so on.
"""
import argparse, json, os, shutil, subprocess, sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_mnist_power import check_methods, digits, idx, method_options, sparker_command


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('jar'); ap.add_argument('out')
    ap.add_argument('--classes', default='0'); ap.add_argument('--trials', type=int, default=20)
    ap.add_argument('--toys', type=int, default=100); ap.add_argument('--seed', type=int, default=2030)
    ap.add_argument('--n-reference', type=int, default=1200); ap.add_argument('--n-data', type=int, default=400)
    ap.add_argument('--methods', default='sparker,sparker-pca64')
    ap.add_argument('--dataset', choices=['fashion-mnist', 'digits'], default='fashion-mnist')
    a = ap.parse_args()
    check_methods(ap, a.methods, a.toys)
    if a.dataset == 'digits':
        xtr, ytr = digits()
    else:
        xtr, ytr = idx('train-images-idx3-ubyte.gz'), idx('train-labels-idx1-ubyte.gz')
    java = sparker_command(a.jar)
    path = os.path.join(a.out, 'trials.jsonl')
    rows = [json.loads(l) for l in open(path)] if os.path.exists(path) else []
    done = {(r['class'], r['method'], r['trial']) for r in rows}
    os.makedirs(a.out, exist_ok=True)
    for t in range(a.trials):
        for c in [int(v) for v in a.classes.split(',')]:
            rng = np.random.default_rng([a.seed, c, t])
            pick = rng.choice(np.flatnonzero(ytr != c), a.n_reference + a.n_data, replace=False)
            trial = os.path.join(a.out, 'class%d' % c, 't%02d' % t)
            os.makedirs(trial, exist_ok=True)
            ref, data = os.path.join(trial, 'reference.npy'), os.path.join(trial, 'data.npy')
            np.save(ref, xtr[pick[:a.n_reference]])
            np.save(data, xtr[pick[a.n_reference:]])
            for method in a.methods.split(','):
                if (c, method, t) in done:
                    continue
                out = os.path.join(trial, method)
                shutil.rmtree(out, ignore_errors=True)  # a run cut off before result.json: start it again
                cmd = java + ['run', '--reference', ref, '--data', data, '--seed', str(a.seed + t), '-q',
                              '--out', out]
                cmd += method_options(method, a.toys, os.path.join(trial, method + '-calibration.jsonl'))
                p = subprocess.run(cmd, capture_output=True, text=True)
                if p.returncode != 0:
                    print('failed:', ' '.join(cmd), p.stderr.strip().splitlines()[-1:], file=sys.stderr)
                    continue
                j = json.load(open(os.path.join(out, 'result.json')))
                shutil.rmtree(out)
                rows.append({'class': c, 'dim': xtr.shape[1], 'method': method, 'k': 0, 'trial': t,
                             'p_value': j['p_value'], 'seconds': j.get('seconds'),
                             # groups of kernels that ended on one centre (SparKer only)
                             'duplicate_kernels': j.get('duplicate_kernels')})
                done.add((c, method, t))
                with open(path + '.tmp', 'w') as f:
                    for row in rows:
                        f.write(json.dumps(row) + '\n')
                os.replace(path + '.tmp', path)
                mine = [r for r in rows if (r['class'], r['method']) == (c, method)]
                print('class %d %-14s trial %2d: p = %.3f (%d/%d at p <= 0.05)' % (
                      c, method, t, j['p_value'], sum(r['p_value'] <= 0.05 for r in mine), len(mine)), flush=True)
            os.remove(ref)
            os.remove(data)


if __name__ == '__main__':
    main()
