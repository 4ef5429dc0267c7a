#!/usr/bin/env python3
"""Fashion-MNIST latents from a small variational autoencoder (issue #31: `--spherical` on the
latents it is meant for).

A Gaussian-prior VAE (784 -> H ReLU -> mean and log-variance of a d-dimensional Gaussian;
d -> H ReLU -> 784 Bernoulli logits), trained by Adam on the ELBO over the 10,000 images of the
test split (t10k, all ten classes), then applied to both splits: every image's latent is the
encoder's posterior mean. The studies draw their reference and data from the training split, which
the encoder never saw, and hold one class out of the reference, so the anomaly is a class the
encoder knows (as with a network trained on a general collection) but the reference lacks.
The architecture and the training schedule are fixed here, not tuned on any power.

Writes OUT.npz with train, train_labels, test, test_labels (float32 latents and int64 labels) and
prints the training ELBO per epoch and the latents' radial spread: under the N(0, I) prior the
radius of a d-dimensional latent concentrates about sqrt(d) with a spread of about 1/sqrt(2), the
shell that hyperspherical coordinates make one coordinate.

Data: Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/, MIT licence).
Deterministic for a seed: one BLAS thread (set below, before numpy loads).
Usage: vae_latents.py OUT.npz [--latent 16] [--hidden 256] [--epochs 40] [--batch 100] [--seed 2043]
"""
import argparse, hashlib, os, sys
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('OMP_NUM_THREADS', '1')
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_mnist_power import idx

def init(rng, n_in, n_out):
    """He-uniform weights and zero biases (so the log-variances start at 0: the prior's width)."""
    bound = np.sqrt(6.0 / n_in)
    return [rng.uniform(-bound, bound, (n_in, n_out)).astype(np.float32), np.zeros(n_out, np.float32)]

class Vae:
    def __init__(self, rng, dim_x, hidden, latent):
        self.p = init(rng, dim_x, hidden) + init(rng, hidden, latent) + init(rng, hidden, latent) \
            + init(rng, latent, hidden) + init(rng, hidden, dim_x)
        self.m = [np.zeros_like(w) for w in self.p]
        self.v = [np.zeros_like(w) for w in self.p]
        self.t = 0

    def encode(self, x):
        w1, b1, wm, bm, wv, bv = self.p[:6]
        h = np.maximum(x @ w1 + b1, 0)
        return h, h @ wm + bm, np.clip(h @ wv + bv, -12, 8)

    def loss_and_grads(self, x, eps):
        """The batch's mean negative ELBO (nats per image) and its gradient, one array per parameter."""
        w1, b1, wm, bm, wv, bv, w3, b3, w4, b4 = self.p
        n = x.shape[0]
        h, mu, lv = self.encode(x)
        sd = np.exp(0.5 * lv)
        z = mu + sd * eps
        g = np.maximum(z @ w3 + b3, 0)
        logits = g @ w4 + b4
        # Bernoulli log-likelihood with logits, stable form; KL to N(0, I)
        rec = np.sum(np.maximum(logits, 0) - logits * x + np.log1p(np.exp(-np.abs(logits))), axis=1)
        kl = -0.5 * np.sum(1 + lv - mu * mu - np.exp(lv), axis=1)
        dl = (1 / (1 + np.exp(-logits)) - x) / n
        dg = (dl @ w4.T) * (g > 0)
        dz = dg @ w3.T
        dmu = dz + mu / n
        dlv = dz * eps * 0.5 * sd + 0.5 * (np.exp(lv) - 1) / n
        dh = (dmu @ wm.T + dlv @ wv.T) * (h > 0)
        grads = [x.T @ dh, dh.sum(0), h.T @ dmu, dmu.sum(0), h.T @ dlv, dlv.sum(0),
                 z.T @ dg, dg.sum(0), g.T @ dl, dl.sum(0)]
        return float(np.mean(rec + kl)), grads

    def step(self, x, eps, rate):
        """One Adam step on the batch's mean negative ELBO; returns that mean before the step."""
        loss, grads = self.loss_and_grads(x, eps)
        self.t += 1
        b1c, b2c = 1 - 0.9 ** self.t, 1 - 0.999 ** self.t
        for w, gr, m, v in zip(self.p, grads, self.m, self.v):
            m *= 0.9; m += 0.1 * gr
            v *= 0.999; v += 0.001 * gr * gr
            w -= (rate * (m / b1c) / (np.sqrt(v / b2c) + 1e-8)).astype(np.float32)
        return loss

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('out')
    ap.add_argument('--latent', type=int, default=16); ap.add_argument('--hidden', type=int, default=256)
    ap.add_argument('--epochs', type=int, default=40); ap.add_argument('--batch', type=int, default=100)
    ap.add_argument('--rate', type=float, default=1e-3); ap.add_argument('--seed', type=int, default=2043)
    a = ap.parse_args()
    if not a.out.endswith('.npz'):
        ap.error('OUT must end in .npz (numpy adds the suffix otherwise)')
    if os.path.exists(a.out):
        ap.error('%s exists: this script does not write over a file' % a.out)
    for name, v in (('--latent', a.latent), ('--hidden', a.hidden), ('--epochs', a.epochs), ('--batch', a.batch)):
        if v < 1:
            ap.error('%s must be at least 1' % name)
    xtr, ytr = idx('train-images-idx3-ubyte.gz'), idx('train-labels-idx1-ubyte.gz')
    xte, yte = idx('t10k-images-idx3-ubyte.gz'), idx('t10k-labels-idx1-ubyte.gz')
    rng = np.random.default_rng(a.seed)
    vae = Vae(rng, xte.shape[1], a.hidden, a.latent)
    for epoch in range(a.epochs):
        order = rng.permutation(len(xte))
        losses = []
        for s in range(0, len(order), a.batch):
            xb = xte[order[s:s + a.batch]]
            losses.append(vae.step(xb, rng.standard_normal((len(xb), a.latent)).astype(np.float32), a.rate))
        print('epoch %2d: -ELBO %.2f nats per image' % (epoch + 1, np.mean(losses)), flush=True)
    lat = {}
    for name, x in (('train', xtr), ('test', xte)):
        lat[name] = np.concatenate([vae.encode(x[s:s + 5000])[1] for s in range(0, len(x), 5000)]).astype(np.float32)
    r = np.linalg.norm(lat['train'], axis=1)
    sd = lat['train'].std(axis=0)
    print('train latents: radius mean %.3f, sd %.3f (sd/mean %.3f); per-coordinate sd from %.3f to %.3f; '
          '%d of %d coordinates with sd > 0.1' % (r.mean(), r.std(), r.std() / r.mean(), sd.min(), sd.max(),
                                                  int((sd > 0.1).sum()), a.latent))
    tmp = a.out[:-4] + '.tmp.npz'
    np.savez(tmp, train=lat['train'], train_labels=ytr, test=lat['test'], test_labels=yte)
    os.replace(tmp, a.out)
    print('wrote %s (sha256 of the train latents %s)' % (a.out, hashlib.sha256(lat['train'].tobytes()).hexdigest()[:16]))

if __name__ == '__main__':
    main()
