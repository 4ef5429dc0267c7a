package org.sparker.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sparker.app.EvalRequest;
import org.sparker.app.Workflows;
import org.sparker.engine.Loss;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The loss, the NP statistic and the analytic gradients of a model on (reference, data). */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model: loss, t = −2 L_NP, and the gradients of the loss.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL.json",
            description = "A model written by run or toy (or by hand: sigma, centers, amplitudes).")
    Path model;

    @Option(names = "--reference", required = true, paramLabel = "R",
            description = "The reference sample." + InputFormats.ANY)
    Path reference;

    @Option(names = "--data", required = true, paramLabel = "D",
            description = "The data sample, of the model's input dimension." + InputFormats.ANY)
    Path data;

    @Option(names = "--reference-weight", paramLabel = "W", description = "w_R (default: N_D / N_R).")
    Double referenceWeight;

    @Option(names = "--loss", paramLabel = "np|bce|mse", defaultValue = "np", description = "Loss (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--out", required = true, paramLabel = "OUT.json",
            description = "The JSON to write: loss, t and the gradients (a new file, or an eval file of sparker's).")
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
        Workflows.Evaluated r = Workflows.eval(new EvalRequest(model, reference, data, referenceWeight, loss, out,
                checkpoint, compute.engine(1)));
        spec.commandLine().getOut().printf(Locale.ROOT, "loss %.6g, t %.6g → %s%n", r.loss(), r.t(), r.out());
        return 0;
    }

}
