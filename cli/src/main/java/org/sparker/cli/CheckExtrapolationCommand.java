package org.sparker.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.sparker.app.ExtrapolationChecks;
import org.sparker.app.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparker calibrate check-extrapolation --calibration CAL --toys HELD…}. */
@Command(name = "check-extrapolation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Test the extrapolated significance of a calibration on held-back toys (calibration files "
                + "made with the same settings, e.g. a second calibration on another seed): each toy's empirical "
                + "and extrapolated p-value, how often each falls at or below 5%%, 1%%, the floor 1/(K+1) and beyond, "
                + "and a KS test of the extrapolated p-values' uniformity. For anomaly-free held-back toys the "
                + "rates should match the levels; for signal toys the output compares empirical and extrapolated Z. "
                + "With --resample N: no --calibration; the --toys (exchangeable anomaly-free toys) are split N "
                + "times at random into a calibration of --calibration-size toys and held-back toys, and the rates "
                + "are averaged over the splits.")
final class CheckExtrapolationCommand implements Callable<Integer> {

    @Option(names = "--calibration", paramLabel = "FILE", description = "The calibration whose "
            + "extrapolation is tested (not with --resample).")
    Path calibration;

    @Option(names = "--resample", paramLabel = "N", description = "Average over N random splits of the --toys "
            + "into calibration and held-back toys.")
    Integer resample;

    @Option(names = "--calibration-size", paramLabel = "K", defaultValue = "300", description = "With --resample: "
            + "toys per calibration (default: ${DEFAULT-VALUE}).")
    int calibrationSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "With --resample: the seed of "
            + "the splits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--toys", required = true, arity = "1..*", paramLabel = "FILE", description = "Held-back toys: "
            + "calibration files trained at the same widths with the same training settings.")
    List<Path> toys;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write every toy's p-values and the summary "
            + "as JSON (a new file).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((calibration == null) == (resample == null)) {
            throw new UserError("calibrate check-extrapolation: give --calibration FILE, or --resample N (not both)");
        }
        List<String> lines = calibration != null
                ? ExtrapolationChecks.heldBack(new ExtrapolationChecks.HeldBackRequest(calibration, toys, out)).lines()
                : ExtrapolationChecks.resampled(new ExtrapolationChecks.ResampleRequest(toys, resample,
                        calibrationSize, seed, out)).lines();
        PrintWriter o = spec.commandLine().getOut();
        lines.forEach(o::println);
        if (out != null) {
            o.println("written: " + out);
        }
        return 0;
    }
}
