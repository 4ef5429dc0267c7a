#!/usr/bin/env python3
"""Power of SparKer and the baselines on Fashion-MNIST (issue #31): a first measurement at the
current defaults, through the `sparker` command exactly as a user runs it.

Reference: N_R images of nine classes (training split). Data: N_D images, of which k are of the
held-out tenth class and N_D - k of the nine: from the training split, disjoint from the reference
(--data-split train, the default), or from the test split (--data-split test; the two splits
differ enough for MMD-FUSE to tell them apart, so that null is not clean). Dimensions:
raw pixels (784, in [0, 1]) and PCA to 64 and 16 components fitted on the reference only.
One calibration per (held-out class, dimension, method) serves every k (N_D is fixed), each trial
draws its data with its own seed. Resumable: a trial recorded in OUT/trials.jsonl, or whose
result.json exists, is read, not rerun; the calibration files are reused.

Data: Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/, MIT licence), or with
--dataset digits the 1,797 8x8 handwritten digits (64 coordinates, 0..16 scaled to [0, 1]) that
Debian's python3-sklearn ships (sklearn/datasets/data/digits.csv.gz, BSD-3-Clause): the set the
issue's first measurement used (reference 1,200 images of nine classes, data 400 with k of the
tenth). Digits have one split: the data come from the images not in the reference.
Usage: fashion_mnist_power.py JAR OUTDIR [--classes 0,3] [--dims 784,64,16] [--ks 0,10,20,40]
       [--trials 20] [--toys 100] [--seed 2026] [--methods sparker,sparker-raw,mmd-fuse]
       [--data-split train|test] [--dataset fashion-mnist|digits] [--features LATENTS.npz]
With --features, the images of the chosen --dataset (Fashion-MNIST) are replaced, image by image,
by the rows of an .npz with train, train_labels, test and test_labels (vae_latents.py writes one):
the same draws, made on embeddings of the images.
Methods: sparker (the default: standardized per toy), sparker-raw (--no-standardize), kernel-np,
kernel-np-lamN (the kernel NP test with --np-lambda 1e-N), mmd-fuse; a suffix -pcaK adds --pca K
(e.g. sparker-pca64 on the raw 784 pixels: the projection is fitted on the test's reference and on
every toy's, inside the test); a suffix -sphere adds --spherical mean (hyperspherical coordinates
about the reference's mean, after any --pca), and -sphere-origin adds --spherical origin (about the
origin: a VAE prior's centre); a last suffix -reseed adds --reseed-duplicates (e.g.
sparker-pca64-sphere-reseed); a suffix -wqNN before them sets --width-quantiles 0.01,0.NN
(sparker-wq50: sigma_0 = 2 x the median pairwise distance); a suffix -kN after all others sets
--kernels N (sparker-k20, sparker-pca64-k20).
"""
import argparse, gzip, json, os, re, struct, subprocess, sys
import numpy as np

D = '/usr/share/datasets/fashion-mnist/'
DIGITS = '/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz'

def digits():
    """The 1,797 digits as (images scaled to [0, 1], labels)."""
    with gzip.open(DIGITS, 'rt') as f:
        a = np.loadtxt(f, delimiter=',')
    return (a[:, :64] / 16).astype(np.float32), a[:, 64].astype(np.int64)

def pca_projection(ref, dim):
    """The map onto the reference's first dim principal axes (centred on its mean, float32), or the
    identity when dim is the reference's own dimension."""
    if dim >= ref.shape[1]:
        return lambda x: x
    mean = ref.mean(axis=0)
    _, _, vt = np.linalg.svd(ref - mean, full_matrices=False)
    return lambda x: ((x - mean) @ vt[:dim].T).astype(np.float32)

def idx(name):
    with gzip.open(D + name) as f:
        data = f.read()
    magic, n = struct.unpack('>II', data[:8])
    if magic == 2051:
        rows, cols = struct.unpack('>II', data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32) / 255
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)

def features(ap, path, ytr, yte):
    """The train and test embeddings of an .npz, checked row for row against the images' labels (one
    argparse error otherwise)."""
    try:
        f = np.load(path)
        out = []
        for split, labels in (('train', ytr), ('test', yte)):
            x, y = f[split], f[split + '_labels']
            if x.ndim != 2 or len(x) != len(labels) or not np.array_equal(y, labels):
                ap.error('--features %s: %s has %s rows and labels that do not match the %d images of that split'
                         % (path, split, x.shape, len(labels)))
            if not np.all(np.isfinite(x)):
                ap.error('--features %s: %s has a value that is not finite' % (path, split))
            out.append(x.astype(np.float32))
        return out
    except (OSError, KeyError, ValueError) as e:
        ap.error('--features %s: %s' % (path, e))

def statistics(result):
    """The statistic at every checkpoint (SparKer) or width (the kernel NP test) of a result.json, in
    the calibration file's order, or None (MMD-FUSE: a permutation test, no calibration toys)."""
    for key in ('checkpoints', 'widths'):
        if key in result:
            return [c['t'] for c in result[key]]
    return None

def sparker_command(jar):
    """The `sparker` command of the studies: Temurin 25 with the Vector API, the shaded jar."""
    return ['/usr/lib/jvm/temurin-25-jdk-amd64/bin/java', '--add-modules', 'jdk.incubator.vector', '-Xmn64m',
            '-XX:+UseParallelGC', '-Xmx8g', '-Djava.awt.headless=true', '-jar', jar]

def check_methods(ap, methods, toys):
    """One argparse error naming the first method of --methods that method_options does not understand."""
    for method in methods.split(','):
        try:
            method_options(method, toys, '')
        except ValueError as e:
            ap.error('--methods: %s' % e)

def method_options(method, toys, calibration):
    """The `sparker run` options of a method name (the module's docstring lists the names); a
    ValueError names what is not understood."""
    # a -kN suffix (after all others) sets --kernels N; -reseed, then -sphere, come before it;
    # -pcaK and -wqNN before those (to the calibration too: its file is named after the method)
    kernels = re.fullmatch(r'(.+)-k(\d+)', method)
    base = kernels.group(1) if kernels else method
    reseed = base.endswith('-reseed')
    base = base.removesuffix('-reseed')
    sphere = 'origin' if base.endswith('-sphere-origin') else 'mean' if base.endswith('-sphere') else None
    kind, _, pca = base.removesuffix('-sphere-origin').removesuffix('-sphere').partition('-pca')
    kind, _, wq = kind.partition('-wq')
    pca, _, wq2 = pca.partition('-wq')
    wq = wq or wq2
    # kernel-np-lamN: the kernel NP test with its penalty lambda = 1e-N
    lam = re.fullmatch(r'kernel-np-lam(\d+)', kind)
    kind = 'kernel-np' if lam else kind
    if kind not in ('sparker', 'sparker-raw', 'kernel-np', 'mmd-fuse'):
        raise ValueError('unknown method %r (sparker, sparker-raw, kernel-np, kernel-np-lamN or mmd-fuse, with suffixes)' % method)
    if not (pca == '' or pca.isdigit()) or not (wq == '' or wq.isdigit()):
        raise ValueError('method %r: -pca and -wq take digits' % method)
    opts = []
    if wq:
        opts += ['--width-quantiles', '0.01,0.%s' % wq]
    if reseed:
        opts += ['--reseed-duplicates']
    if kernels:
        opts += ['--kernels', kernels.group(2)]
    if sphere:
        opts += ['--spherical', sphere]
    if pca:
        opts += ['--pca', pca]
    if kind == 'mmd-fuse':
        return opts + ['--method', 'mmd-fuse']
    opts += ['--toys', str(toys), '--calibration', calibration]
    if kind == 'sparker-raw':
        opts += ['--no-standardize']
    if kind == 'kernel-np':
        opts += ['--method', 'kernel-np', '--np-centres', '1000']
        if lam:
            opts += ['--np-lambda', '1e-%s' % lam.group(1)]
    return opts

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('jar'); ap.add_argument('out')
    ap.add_argument('--classes', default='0,3'); ap.add_argument('--dims', default='784,64,16')
    ap.add_argument('--ks', default='0,10,20,40'); ap.add_argument('--trials', type=int, default=20)
    ap.add_argument('--toys', type=int, default=100); ap.add_argument('--seed', type=int, default=2026)
    ap.add_argument('--n-reference', type=int, default=1200); ap.add_argument('--n-data', type=int, default=400)
    ap.add_argument('--methods', default='sparker,sparker-raw,mmd-fuse')
    ap.add_argument('--data-split', choices=['train', 'test'], default='train')
    ap.add_argument('--dataset', choices=['fashion-mnist', 'digits'], default='fashion-mnist')
    ap.add_argument('--features', help='an .npz of embeddings, one row per image of both splits')
    a = ap.parse_args()
    check_methods(ap, a.methods, a.toys)
    if a.features and a.dataset != 'fashion-mnist':
        ap.error('--features replaces the Fashion-MNIST images: use it with --dataset fashion-mnist')
    if a.dataset == 'digits':
        if a.data_split != 'train':
            ap.error('--dataset digits has one split: --data-split train')
        if not os.path.exists(DIGITS):
            ap.error('--dataset digits: %s is missing; install it with apt-get install python3-sklearn' % DIGITS)
        xtr, ytr = digits()
        xte, yte = None, None
    else:
        if not os.path.exists(D + 'train-images-idx3-ubyte.gz'):
            ap.error('--dataset fashion-mnist: %s is missing; install it with apt-get install dataset-fashion-mnist' % D)
        xtr, ytr = idx('train-images-idx3-ubyte.gz'), idx('train-labels-idx1-ubyte.gz')
        xte, yte = idx('t10k-images-idx3-ubyte.gz'), idx('t10k-labels-idx1-ubyte.gz')
    if a.features:
        xtr, xte = features(ap, a.features, ytr, yte)
    for dim in [int(v) for v in a.dims.split(',')]:
        if not 1 <= dim <= xtr.shape[1]:
            ap.error('--dims: %d is not between 1 and the %d coordinates of the input' % (dim, xtr.shape[1]))
    java = sparker_command(a.jar)
    rows = []
    # trials already recorded in OUT/trials.jsonl are kept as they are, so a run resumes from that
    # file alone (the per-trial result.json files need not be kept)
    done_before = {}
    if os.path.exists(os.path.join(a.out, 'trials.jsonl')):
        for line in open(os.path.join(a.out, 'trials.jsonl')):
            r = json.loads(line)
            done_before[(r['class'], r['dim'], r['method'], r['k'], r['trial'])] = r
    for c in [int(v) for v in a.classes.split(',')]:
        rng = np.random.default_rng([a.seed, c])
        nominal_tr = np.flatnonzero(ytr != c)
        ref_rows = rng.choice(nominal_tr, a.n_reference, replace=False)
        ref = xtr[ref_rows]
        if a.data_split == 'train':  # the data's pool: the same split, without the reference's images
            xd, yd = np.delete(xtr, ref_rows, axis=0), np.delete(ytr, ref_rows)
        else:
            xd, yd = xte, yte
        for dim in [int(v) for v in a.dims.split(',')]:
            proj = pca_projection(ref, dim)
            base = os.path.join(a.out, 'class%d' % c, 'd%d' % dim)
            os.makedirs(base, exist_ok=True)
            np.save(os.path.join(base, 'reference.npy'), proj(ref))
            for method in a.methods.split(','):
                for k in [int(v) for v in a.ks.split(',')]:
                    for t in range(a.trials):
                        trial = os.path.join(base, method, 'k%d' % k, 't%02d' % t)
                        res = os.path.join(trial, 'result.json')
                        if (c, dim, method, k, t) in done_before:
                            rows.append(done_before[(c, dim, method, k, t)])
                            continue
                        if not os.path.exists(res):
                            r = np.random.default_rng([a.seed, c, dim, k, t])
                            normal = xd[r.choice(np.flatnonzero(yd != c), a.n_data - k, replace=False)]
                            odd = xd[r.choice(np.flatnonzero(yd == c), k, replace=False)]
                            d = np.concatenate([normal, odd])[r.permutation(a.n_data)]
                            os.makedirs(trial, exist_ok=True)
                            np.save(os.path.join(trial, 'data.npy'), proj(d))
                            cmd = java + ['run', '--reference', os.path.join(base, 'reference.npy'),
                                          '--data', os.path.join(trial, 'data.npy'), '--seed', str(a.seed), '-q',
                                          '--out', os.path.join(trial, 'out')]
                            cmd += method_options(method, a.toys, os.path.join(base, method + '-calibration.jsonl'))
                            p = subprocess.run(cmd, capture_output=True, text=True)
                            if p.returncode != 0:
                                print('failed:', ' '.join(cmd), p.stderr.strip().splitlines()[-1:], file=sys.stderr)
                                continue
                            os.replace(os.path.join(trial, 'out', 'result.json'), res)
                            os.remove(os.path.join(trial, 'data.npy'))
                            for f in ('model.json', 'report.html'):
                                fp = os.path.join(trial, 'out', f)
                                if os.path.exists(fp):
                                    os.remove(fp)
                            try:
                                os.rmdir(os.path.join(trial, 'out'))
                            except OSError:
                                pass
                        j = json.load(open(res))
                        rows.append({'class': c, 'dim': dim, 'method': method, 'k': k, 'trial': t,
                                     'p_value': j['p_value'], 'upper_limit': j['upper_limit'],
                                     'seconds': j.get('seconds'),
                                     # groups of kernels that ended on one centre (SparKer only), and the
                                     # statistic at every checkpoint (SparKer) or width (the kernel NP test)
                                     'duplicate_kernels': j.get('duplicate_kernels'),
                                     't': statistics(j)})
                        kept = {(r['class'], r['dim'], r['method'], r['k'], r['trial']) for r in rows}
                        with open(os.path.join(a.out, 'trials.jsonl') + '.tmp', 'w') as f:
                            # trials of other classes, dimensions or methods recorded before stay in the file
                            for key, row in done_before.items():
                                if key not in kept:
                                    f.write(json.dumps(row) + '\n')
                            for row in rows:
                                f.write(json.dumps(row) + '\n')
                        os.replace(os.path.join(a.out, 'trials.jsonl') + '.tmp', os.path.join(a.out, 'trials.jsonl'))
                    done = [r for r in rows if (r['class'], r['dim'], r['method'], r['k']) == (c, dim, method, k)]
                    print('class %d d %d %-12s k %3d: %d/%d at p <= 0.05' % (c, dim, method, k,
                          sum(r['p_value'] <= 0.05 for r in done), len(done)), flush=True)

if __name__ == '__main__':
    main()
