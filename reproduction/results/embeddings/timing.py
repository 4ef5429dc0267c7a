#!/usr/bin/env python3
"""How long SparKer takes on embeddings of 64, 256 and 784 coordinates (issue #31; the timing
table of docs/embeddings.md), through the `sparker` command exactly as a user runs it.

Fashion-MNIST (T-shirts held out, so the reference and data are the nine other classes): a
reference of N_R images and data of N_D other images from the training split, at d = 784 (raw
pixels in [0, 1]), PCA to 256 and 64 components fitted on the reference by this script, and the raw
784 pixels with `--pca 64` (the projection fitted inside the test and every toy). For each, one
`sparker run --toys T` that calibrates (result.json's calibration_seconds and training_seconds),
then --repeats runs of the test alone against that calibration with fresh data draws (their
training_seconds, and the command's wall time including the JVM's start). Run it on an otherwise
idle machine: the numbers are wall times.

Resumable: a configuration recorded in OUT/timing.jsonl is not rerun; an interrupted calibration
resumes from its file.

Data: Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/, MIT licence).
Usage: timing.py JAR OUTDIR [--configs 64,256,784,784-pca64] [--toys 100] [--repeats 3]
       [--seed 2039] [--n-reference 1200] [--n-data 400] [--backend simd]
"""
import argparse, json, os, shutil, subprocess, sys, time
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_mnist_power import idx, pca_projection, sparker_command


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('jar'); ap.add_argument('out')
    ap.add_argument('--configs', default='64,256,784,784-pca64')
    ap.add_argument('--toys', type=int, default=100); ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--seed', type=int, default=2039)
    ap.add_argument('--n-reference', type=int, default=1200); ap.add_argument('--n-data', type=int, default=400)
    ap.add_argument('--backend', default='simd')
    a = ap.parse_args()
    for config in a.configs.split(','):
        dim, _, pca = config.partition('-pca')
        if not dim.isdigit() or not 1 <= int(dim) <= 784 or not (pca == '' or pca.isdigit()):
            ap.error('--configs: %r is not D or D-pcaK (D at most 784, e.g. 64, 784-pca64)' % config)
    xtr, ytr = idx('train-images-idx3-ubyte.gz'), idx('train-labels-idx1-ubyte.gz')
    java = sparker_command(a.jar)
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, 'timing.jsonl')
    rows = [json.loads(l) for l in open(path)] if os.path.exists(path) else []
    done = {(r['config'], r['run']) for r in rows}
    rng = np.random.default_rng([a.seed, 0])
    nominal = np.flatnonzero(ytr != 0)
    ref_rows = rng.choice(nominal, a.n_reference, replace=False)
    pool = np.setdiff1d(nominal, ref_rows)
    ref = xtr[ref_rows]
    for config in a.configs.split(','):
        dim, _, pca = config.partition('-pca')
        dim = int(dim)
        proj = pca_projection(ref, dim)
        base = os.path.join(a.out, config)
        os.makedirs(base, exist_ok=True)
        reference = os.path.join(base, 'reference.npy')
        np.save(reference, proj(ref))
        calibration = os.path.join(base, 'calibration.jsonl')
        # run 0 trains the calibration toys and tests; runs 1.. test fresh data against that calibration
        for run in range(a.repeats + 1):
            if (config, run) in done:
                continue
            if run > 0 and not any(r['config'] == config and r['run'] == 0 for r in rows):
                print('skipped: %s has no calibration run' % config, file=sys.stderr)
                break
            data = os.path.join(base, 'data.npy')
            pick = np.random.default_rng([a.seed, 1, dim, run]).choice(pool, a.n_data, replace=False)
            np.save(data, proj(xtr[pick]))
            out = os.path.join(base, 'out')
            shutil.rmtree(out, ignore_errors=True)
            cmd = java + ['run', '--reference', reference, '--data', data, '--seed', str(a.seed), '-q',
                          '--backend', a.backend, '--toys', str(a.toys), '--calibration', calibration,
                          '--out', out]
            if pca:
                cmd += ['--pca', pca]
            start = time.monotonic()
            p = subprocess.run(cmd, capture_output=True, text=True)
            wall = time.monotonic() - start
            if p.returncode != 0:
                print('failed:', ' '.join(cmd), p.stderr.strip().splitlines()[-1:], file=sys.stderr)
                break
            j = json.load(open(os.path.join(out, 'result.json')))
            shutil.rmtree(out)
            os.remove(data)
            row = {'config': config, 'dim': dim, 'pca': int(pca) if pca else None, 'run': run,
                   'n_reference': a.n_reference, 'n_data': a.n_data, 'toys': a.toys, 'backend': a.backend,
                   'wall_seconds': round(wall, 2), 'calibration_seconds': j.get('calibration_seconds'),
                   'training_seconds': j.get('training_seconds'), 'p_value': j['p_value']}
            rows.append(row)
            with open(path + '.tmp', 'w') as f:
                for r in rows:
                    f.write(json.dumps(r) + '\n')
            os.replace(path + '.tmp', path)
            print('%-12s run %d: wall %.1f s, calibration %.1f s, test %.1f s' % (
                  config, run, wall, row['calibration_seconds'] or 0, row['training_seconds'] or 0), flush=True)
        os.remove(reference)
    summarize(rows, a)


def summarize(rows, a):
    lines = ['| input | coordinates the kernels see | %d-toy calibration | one test (training) | one test, '
             'wall incl. JVM start |' % a.toys, '|---|---:|---:|---:|---:|']
    for config in a.configs.split(','):
        mine = [r for r in rows if r['config'] == config]
        cal = [r for r in mine if r['run'] == 0]
        tests = [r for r in mine if r['run'] > 0]
        if not cal or not tests:
            continue
        dim, pca = cal[0]['dim'], cal[0]['pca']
        name = ('%d pixels, `--pca %d`' % (dim, pca) if pca else
                '%d pixels' % dim if dim == 784 else 'PCA to %d (fitted by the script)' % dim)
        lines.append('| %s | %d | %.0f s | %.1f s | %.1f s |' % (
            name, pca or dim, cal[0]['calibration_seconds'],
            float(np.median([r['training_seconds'] for r in tests])),
            float(np.median([r['wall_seconds'] for r in tests]))))
    open(os.path.join(a.out, 'summary.md'), 'w').write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
