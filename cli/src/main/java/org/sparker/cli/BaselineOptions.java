package org.sparker.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.sparker.app.BaselineSettings;
import org.sparker.app.UserError;
import org.sparker.app.Workflows;
import org.sparker.baselines.KernelNpFit;
import org.sparker.baselines.Method;
import org.sparker.baselines.MmdFuse;
import org.sparker.baselines.NystromKernel;
import org.sparker.stats.Aggregation;
import picocli.CommandLine.Option;

/** The settings of the two baselines (kernel Neyman–Pearson test, Nyström MMD-FUSE). */
final class BaselineOptions {

    @Option(names = "--np-centres", paramLabel = "M_c", defaultValue = "5000",
            description = "kernel-np: Nyström centres drawn from the pooled sample (default: ${DEFAULT-VALUE}).")
    int centres;

    @Option(names = "--np-lambda", paramLabel = "LAMBDA", defaultValue = "1e-10",
            description = "kernel-np: RKHS penalty, Falkon's scaling (default: ${DEFAULT-VALUE}, the published value "
                    + "for large samples in few dimensions; a few thousand points in 16 or more dimensions need "
                    + "more, tuned on data like theirs: on Fashion-MNIST 1e-4 at d = 16, 1 at d = 64, 1e-2 at "
                    + "d = 784; 1e-4 on the 30-feature breast-cancer table. "
                    + "result.json's widths[].chi2_dof should stay far below the number of points; "
                    + "docs/embeddings.md).")
    double lambda;

    @Option(names = "--np-newton-steps", paramLabel = "S", defaultValue = "1",
            description = "kernel-np: Newton steps from f = 0; 1 as the original implementation, 0 to convergence (default: ${DEFAULT-VALUE}).")
    int newtonSteps;

    @Option(names = "--np-widths", paramLabel = "σ,…", split = ",",
            description = "kernel-np: kernel widths (default: the --np-percentiles of the pairwise distances).")
    double[] widths;

    @Option(names = "--np-percentiles", paramLabel = "P,…", split = ",", defaultValue = "10,25,50,75,90,95",
            description = "kernel-np: pairwise-distance percentiles that give the widths (default: ${DEFAULT-VALUE}).")
    double[] percentiles;

    @Option(names = "--aggregation", paramLabel = "RULE",
            description = "How the per-width p-values combine into the headline p-value: sparker (Algorithm 1's "
                    + "rule), min-p (the most significant checkpoint), product or fuse (default: sparker; min-p for "
                    + "--method kernel-np, whose studies use it). The calibration does not depend on it.")
    String aggregation;

    @Option(names = "--mmd-kernels", paramLabel = "K,…", split = ",", defaultValue = "gaussian,laplace",
            description = "mmd-fuse: kernel families (default: ${DEFAULT-VALUE}).")
    String[] kernels;

    @Option(names = "--mmd-bandwidths", paramLabel = "Q", defaultValue = "10",
            description = "mmd-fuse: bandwidths per kernel (default: ${DEFAULT-VALUE}).")
    int bandwidths;

    @Option(names = "--mmd-permutations", paramLabel = "B", defaultValue = "2000",
            description = "mmd-fuse: permutations (default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--mmd-landmarks", paramLabel = "L", defaultValue = "1000",
            description = "mmd-fuse: candidate Nyström landmarks (default: ${DEFAULT-VALUE}).")
    int landmarks;

    @Option(names = "--mmd-features", paramLabel = "R", defaultValue = "100",
            description = "mmd-fuse: most Nyström features per kernel and bandwidth (default: ${DEFAULT-VALUE}).")
    int features;

    KernelNpFit.Config npConfig() {
        try {
            return new KernelNpFit.Config(centres, lambda, newtonSteps, KernelNpFit.Config.DEFAULT.pivotTolerance(),
                    KernelNpFit.Config.DEFAULT.maxRank());
        } catch (IllegalArgumentException e) {
            throw new UserError("--np-*: " + e.getMessage());
        }
    }

    /** The rule for {@code method}: {@code --aggregation}, else the method's default. */
    Aggregation aggregation(Method method) {
        if (aggregation == null) {
            return method == Method.SPARKER ? Workflows.DEFAULT_AGGREGATION : BaselineSettings.defaults().aggregation();
        }
        return switch (aggregation.trim().toLowerCase(Locale.ROOT)) {
            case "min-p", "minp" -> Aggregation.MIN_P;
            case "product" -> Aggregation.PRODUCT;
            case "fuse" -> Aggregation.FUSE;
            case "sparker" -> Aggregation.SPARKER;
            default -> throw new UserError("--aggregation: unknown rule '" + aggregation
                    + "'; expected min-p, product, fuse or sparker");
        };
    }

    /** The baselines' settings, as the workflows and the studies take them. */
    BaselineSettings settings() {
        return new BaselineSettings(npConfig(), widths, percentiles, aggregation(Method.KERNEL_NP), mmdConfig(1));
    }

    /** A {@code --method} / {@code --methods} value. */
    static Method method(String s) {
        return method("--method", s);
    }

    /** {@code s} as a method, or one line naming the option {@code option} and the methods. */
    static Method method(String option, String s) {
        try {
            return Method.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    MmdFuse.Config mmdConfig(int threads) {
        try {
            List<NystromKernel> ks = Arrays.stream(kernels).map(NystromKernel::parse).toList();
            return new MmdFuse.Config(ks, bandwidths, permutations, landmarks, features,
                    MmdFuse.Config.DEFAULT.pivotTolerance(), threads);
        } catch (IllegalArgumentException e) {
            throw new UserError("--mmd-*: " + e.getMessage());
        }
    }
}
