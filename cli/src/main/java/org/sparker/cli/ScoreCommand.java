package org.sparker.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sparker.app.ScoreRequest;
import org.sparker.app.Workflows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores points with a model: f, the anomaly score and every component, one CSV row per point. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write f(x), the anomaly score and the components f_i(x) of every input point.")
final class ScoreCommand implements Callable<Integer> {

    private static final int BATCH = 65_536;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model written by run or toy.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X", description = "Points to score, of the model's input dimension." + InputFormats.ANY)
    Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "CSV: f,score,f_0,...,f_{M-1}.")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "N",
            description = "Use the model of checkpoint N (from 1) listed in the model file, instead of the one it shows.")
    Integer checkpoint;

    @Mixin
    ComputeOptions compute;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Workflows.Scored r = Workflows.score(new ScoreRequest(model, input, out, checkpoint, compute.engine(1)));
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d points scored%n", r.out(), r.points());
        return 0;
    }

}
