package org.sparker.transport;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A synthetic stand-in for the jet images of Fraser et al., for the fixtures' qualitative checks and the
 * timings (the paper's Zenodo samples are not shipped): a jet of 1 (QCD-like), 2 (W-like) or 3
 * (top-like) prongs. The first prong sits on the jet axis, the others at a distance uniform in
 * [0.2, 0.9] in a random direction. Each prong is a hard core carrying most of its share of p_T
 * plus Poisson(8) soft particles around it, offset ~N(0, 0.15²) in η and φ, each with an
 * exponential share. The particles are binned on the grid (centred at 0) and the image
 * normalised to unit total, as the paper's images are.
 */
public final class JetImages {

    private JetImages() {
    }

    /** One image of {@code prongs} (1–3) prongs on {@code grid}, row-major. */
    public static double[] sample(int prongs, ImageGrid grid, UniformRandomProvider rng) {
        if (prongs < 1 || prongs > 3) {
            throw new IllegalArgumentException("prongs: 1, 2 or 3, got " + prongs);
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        ZigguratSampler.Exponential exp = ZigguratSampler.Exponential.of(rng);
        double[] img = new double[grid.pixels()];
        double[] share = new double[prongs];
        double total = 0;
        for (int p = 0; p < prongs; p++) {
            share[p] = p == 0 ? 1.5 + exp.sample() : 0.5 + exp.sample();
            total += share[p];
        }
        for (int p = 0; p < prongs; p++) {
            double eta = 0;
            double phi = 0;
            if (p > 0) {
                double r = 0.2 + 0.7 * rng.nextDouble();
                double angle = 2 * Math.PI * rng.nextDouble();
                eta = r * Math.cos(angle);
                phi = r * Math.sin(angle);
            }
            double prongPt = share[p] / total;
            deposit(img, grid, eta, phi, 0.8 * prongPt);
            int soft = PoissonSampler.of(rng, 8.0).sample();
            double[] w = new double[soft];
            double ws = 0;
            for (int k = 0; k < soft; k++) {
                w[k] = exp.sample();
                ws += w[k];
            }
            for (int k = 0; k < soft; k++) {
                deposit(img, grid, eta + 0.15 * gauss.sample(), phi + 0.15 * gauss.sample(), 0.2 * prongPt * w[k] / ws);
            }
            if (soft == 0) {
                deposit(img, grid, eta, phi, 0.2 * prongPt);
            }
        }
        double sum = 0;
        for (double v : img) {
            sum += v;
        }
        for (int i = 0; i < img.length; i++) {
            img[i] /= sum;
        }
        return img;
    }

    /** Adds {@code pt} to the pixel holding (η, φ), clamped to the grid's edge. */
    private static void deposit(double[] img, ImageGrid grid, double eta, double phi, double pt) {
        int r = (int) Math.floor(eta / grid.pitch() + grid.rows() / 2.0);
        int c = (int) Math.floor(phi / grid.pitch() + grid.cols() / 2.0);
        r = Math.max(0, Math.min(grid.rows() - 1, r));
        c = Math.max(0, Math.min(grid.cols() - 1, c));
        img[r * grid.cols() + c] += pt;
    }
}
