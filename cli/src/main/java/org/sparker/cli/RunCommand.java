package org.sparker.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sparker.app.RunRequest;
import org.sparker.app.Workflows;
import org.sparker.baselines.Method;
import org.sparker.stats.Calibration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The full Algorithm 1 on the user's data. Calibration toys are disjoint random subsets of the
 * reference (or of {@code --pool}): a pseudo-reference of {@code N_R*} and a pseudo-data sample of
 * {@code N_D} points. Without a pool, {@code N_R* = N_R − N_D} and the real test uses a random
 * {@code N_R*} of the reference, so that toys and test match in both sizes and in {@code w_R}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Test whether DATA deviates from REFERENCE: calibrate, train, p-value, report. "
                + "--method kernel-np or mmd-fuse runs a baseline instead (result.json only).")
final class RunCommand implements Callable<Integer>, TrainingOptions.Command {

    @Option(names = "--reference", required = true, paramLabel = "R", description = "Anomaly-free reference sample." + InputFormats.ANY)
    Path reference;

    @Option(names = "--data", required = true, paramLabel = "D", description = "Data sample to test, of the reference's dimension." + InputFormats.ANY)
    Path data;

    @Option(names = "--pool", paramLabel = "P", description = "Separate anomaly-free pool for calibration toys (default: the reference itself)." + InputFormats.ANY)
    Path pool;

    @ArgGroup(exclusive = false)
    CalibrationChoice calibration = new CalibrationChoice();

    static final class CalibrationChoice {
        @Option(names = "--calibration", paramLabel = "FILE", description = "Calibration file to use, resume or extend (default: OUT/calibration.jsonl).")
        Path file;

        @Option(names = "--toys", paramLabel = "K", description = "Calibration toys (default: 100, or all in --calibration when it holds more; an interrupted run resumes).")
        Integer toys;
    }

    @Option(names = "--method", paramLabel = "M", defaultValue = "sparker",
            description = "sparker, kernel-np (kernel Neyman–Pearson test, min-p over widths) or mmd-fuse "
                    + "(Nyström MMD-FUSE, permutation p-value) (default: ${DEFAULT-VALUE}).")
    String methodName;

    @Option(names = "--target-z", paramLabel = "Z",
            description = "Calibrate adaptively: start with --toys (or the default), and while the observed statistic is "
                    + "beyond every toy and the toys cannot yet resolve Z, add toys (×4, resuming the file) up to the "
                    + "1/p(Z) − 1 that Z needs. Prints that number first.")
    Double targetZ;

    @Option(names = "--checkpoint", paramLabel = "best|last|N", defaultValue = "best",
            description = "The checkpoint whose model goes to model.json and the report: best (the most significant), "
                    + "last, or its number from 1 (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Mixin
    PreprocessingOptions preprocessing;

    final TrainingOptions training = new TrainingOptions();

    @Override
    public TrainingOptions training() {
        return training;
    }

    @Mixin
    BaselineOptions baselines;

    @Mixin
    EngineOptions engine;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder: result.json, model.json, report.html.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Method method = BaselineOptions.method(methodName);
        RunRequest request = new RunRequest(reference, data, pool, calibration.file, calibration.toys, method, targetZ,
                checkpoint, preprocessing.preprocessing(), training.config(), baselines.aggregation(Method.SPARKER),
                method == Method.SPARKER ? null : baselines.settings(), out, engine.engine());
        Workflows.Ran ran = Workflows.run(request);
        // what the run did (a calibration reused or extended) is said on stderr, as progress is:
        // stdout holds the result line and the path written, for scripts
        ran.notes().forEach(spec.commandLine().getErr()::println);
        var o = spec.commandLine().getOut();
        o.println(ran.summary());
        o.println((ran.outcome() == null ? "result: " : "report: ") + ran.written());
        return 0;
    }
}
