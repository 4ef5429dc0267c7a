#!/usr/bin/env python3
"""How often SparKer's kernels end as duplicates (issue #31): centres within 0.1 sigma of each other, the rule of
result.json's duplicate_kernels (KernelNotes.DUPLICATE_WIDTHS). Runs `sparker toy NAME` (calibrate on the null, train
on one draw with the signal) for each of the paper's eight benchmarks and several fresh seeds, and counts, in the
model the run shows (the most significant checkpoint) and in the last checkpoint's, the kernels that share a centre
with another. The calibration is kept small (--toys 2): only the observed model is studied here, not its p-value.

Resumable: a (benchmark, seed) recorded in OUT/runs.jsonl is kept.
Usage: duplicates.py JAR OUTDIR [--seeds 3001-3010] [--benchmarks exp1d-bulk,...]
"""
import argparse, json, os, shutil, subprocess, sys
import numpy as np

BENCHMARKS = 'exp1d-bulk,exp1d-tail,exp1d-extreme-tail,exp1d-excess,gauss2d-bulk,gauss2d-extreme-tail,' \
             'gauss2d-smearing,gauss2d-squeezing'
LIMIT = 0.1  # in units of the checkpoint's sigma


def groups(centers, sigma):
    """Groups (as sorted lists) of kernels linked by centres within LIMIT * sigma, singletons left out."""
    c = np.asarray(centers, dtype=float)
    m = len(c)
    parent = list(range(m))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i
    for i in range(m):
        for j in range(i + 1, m):
            if np.linalg.norm(c[i] - c[j]) <= LIMIT * sigma:
                parent[find(i)] = find(j)
    out = {}
    for i in range(m):
        out.setdefault(find(i), []).append(i)
    return sorted(g for g in out.values() if len(g) > 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('jar'); ap.add_argument('out')
    ap.add_argument('--seeds', default='3001-3010'); ap.add_argument('--benchmarks', default=BENCHMARKS)
    a = ap.parse_args()
    lo, hi = (int(v) for v in a.seeds.split('-'))
    java = ['/usr/lib/jvm/temurin-25-jdk-amd64/bin/java', '--add-modules', 'jdk.incubator.vector', '-Xmx8g',
            '-Djava.awt.headless=true', '-jar', a.jar]
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, 'runs.jsonl')
    rows = [json.loads(l) for l in open(path)] if os.path.exists(path) else []
    done = {(r['benchmark'], r['seed']) for r in rows}
    for seed in range(lo, hi + 1):
        for b in a.benchmarks.split(','):
            if (b, seed) in done:
                continue
            run = os.path.join(a.out, 'run')
            shutil.rmtree(run, ignore_errors=True)
            p = subprocess.run(java + ['toy', b, '--toys', '2', '--seed', str(seed), '-q', '--out', run],
                               capture_output=True, text=True)
            if p.returncode != 0:
                print('failed:', b, seed, p.stderr.strip().splitlines()[-1:], file=sys.stderr)
                continue
            res = json.load(open(os.path.join(run, 'result.json')))
            model = json.load(open(os.path.join(run, 'model.json')))
            shown = res['model_checkpoint']['checkpoint']
            cps = {c['checkpoint']: c for c in model['checkpoints']}
            mine = groups(cps[shown]['centers'], cps[shown]['sigma'])
            if mine != sorted(sorted(g) for g in res['duplicate_kernels']):
                print('warning: %s seed %d: %s against result.json %s' % (b, seed, mine, res['duplicate_kernels']),
                      file=sys.stderr)
            last = cps[max(cps)]
            rows.append({'benchmark': b, 'seed': seed, 'kernels': len(last['centers']), 'shown_checkpoint': shown,
                         'shown_duplicates': res['duplicate_kernels'],
                         'last_duplicates': groups(last['centers'], last['sigma']), 'p_value': res['p_value']})
            with open(path + '.tmp', 'w') as f:
                for r in rows:
                    f.write(json.dumps(r) + '\n')
            os.replace(path + '.tmp', path)
            shutil.rmtree(run)
            r = rows[-1]
            print('%-22s seed %d: shown checkpoint %d, duplicates %s; last %s' % (
                b, seed, shown, r['shown_duplicates'], r['last_duplicates']), flush=True)


if __name__ == '__main__':
    main()
