package org.sparker.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sparker.app.Medoids;
import org.sparker.transport.Sinkhorn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Event-to-ensemble optimal-transport scores (Fraser et al., arXiv:2110.06948): k medoids of a reference sample of
 * images under an image metric, then every data image's distance to them (or to the reference's
 * mean image), and the AUC when labels are given.
 */
@Command(name = "medoids", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score images by their optimal-transport (or pixel) distance to k medoids of a reference sample "
                + "(Fraser et al., arXiv:2110.06948); writes medoids.json and scores.csv, with the AUC when labels are given.")
final class MedoidsCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, paramLabel = "R",
            description = "Reference images, one flattened image per row." + InputFormats.ANY)
    Path reference;

    @Option(names = "--data", required = true, paramLabel = "X", description = "Images to score, same layout." + InputFormats.ANY)
    Path data;

    @Option(names = "--labels", paramLabel = "Y", description = "Optional 0/1 per data row (1 = signal), one column: the AUC is reported." + InputFormats.ANY)
    Path labels;

    @Option(names = "--metric", paramLabel = "wass:P|mpe:A", defaultValue = "wass:1",
            description = "wass:P (W_p between pixel centres, P > 0) or mpe:A (mean pixel error, exponent A) (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--k", paramLabel = "K|elbow", defaultValue = "elbow",
            description = "Number of medoids, or elbow to choose it from 1..--max-k (default: ${DEFAULT-VALUE}).")
    String k;

    @Option(names = "--max-k", paramLabel = "K", defaultValue = "10", description = "Largest k the elbow tries (default: ${DEFAULT-VALUE}).")
    int maxK;

    @Option(names = "--combine", paramLabel = "min|sum|avg", defaultValue = "min",
            description = "min or sum of the distances to the medoids, or avg: the distance to the reference's mean image (default: ${DEFAULT-VALUE}).")
    String combine;

    @Option(names = "--solver", paramLabel = "exact|sinkhorn", defaultValue = "exact",
            description = "Exact transport, or entropic (Sinkhorn, ⟨P_ε, C⟩^{1/p}) (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--eps", paramLabel = "E",
            description = "Sinkhorn's ε in cost units (default: pitch^p / 8, an eighth of the cost of moving mass by one "
                    + "pixel: 0.01 for W_1 on the default grid); medoids.json records the ε used.")
    Double eps;

    @Option(names = "--grid", paramLabel = "ROWSxCOLS:PITCH", defaultValue = "40x40:0.08",
            description = "The pixel grid of a flattened image (default: ${DEFAULT-VALUE}, the jets of Fraser et al.).")
    String grid;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for medoids.json and scores.csv.")
    Path out;

    @Mixin
    ComputeOptions compute;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Medoids.Result r = Medoids.run(new Medoids.Request(reference, data, labels, metric, k, maxK, combine, solver, eps,
                grid, out, compute.engine(1)));
        var o = spec.commandLine().getOut();
        int medoids = r.summary().k();
        o.printf(Locale.ROOT, "%s: %d images scored against %s%s%n", out, r.summary().dataImages(),
                medoids == 0 ? "the mean reference image" : medoids + " medoids",
                r.auc() == null ? "" : String.format(Locale.ROOT, "; AUC %.4f", r.auc()));
        if (r.unconverged() > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "warning: %d Sinkhorn problems stopped before the tolerance (raise --eps)%n",
                    r.unconverged());
        }
        return 0;
    }
}
