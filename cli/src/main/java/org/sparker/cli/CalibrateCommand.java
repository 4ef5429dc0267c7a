package org.sparker.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sparker.app.CalibrateRequest;
import org.sparker.app.UserError;
import org.sparker.app.Workflows;
import org.sparker.stats.Calibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Builds, resumes or extends a calibration file for later {@code run --calibration FILE}. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build or resume a calibration file of anomaly-free toys (or one shard of it: --shard i/n; "
                + "then `calibrate merge`).", subcommands = {CalibrateMergeCommand.class, CheckExtrapolationCommand.class})
final class CalibrateCommand implements Callable<Integer>, TrainingOptions.Command {

    @Option(names = "--reference", paramLabel = "R", description = "The reference sample the test will use." + InputFormats.ANY)
    Path reference;

    @Option(names = "--pool", paramLabel = "P", description = "Separate anomaly-free pool (default: the reference)." + InputFormats.ANY)
    Path pool;

    @Option(names = "--data-size", paramLabel = "N_D", description = "Size of the data sample the test will use.")
    Integer dataSize;

    @Option(names = "--toys", paramLabel = "K", description = "Toys the file must hold.")
    Integer toys;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Train only the toys whose index ≡ i (mod n), 0 ≤ i < n, into this shard's own --out file, for "
                    + "batch systems (one array task per shard); every shard needs the same settings, seed and --toys. "
                    + "`sparker calibrate merge` joins them.")
    String shard;

    @Mixin
    PreprocessingOptions preprocessing;

    final TrainingOptions training = new TrainingOptions();

    @Override
    public TrainingOptions training() {
        return training;
    }

    @Mixin
    EngineOptions engine;

    @Option(names = "--out", paramLabel = "FILE", description = "Calibration file (JSON Lines); resumed if it exists.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Object[] o : new Object[][] {{"--reference", reference}, {"--data-size", dataSize}, {"--toys", toys},
            {"--out", out}}) {
            if (o[1] == null) {
                throw new UserError("calibrate: " + o[0] + " is required (or use `sparker calibrate merge`)");
            }
        }
        int[] sh = parseShard(shard);
        Workflows.Calibrated c = Workflows.calibrate(new CalibrateRequest(reference, pool, dataSize, toys, sh[0], sh[1],
                preprocessing.preprocessing(), training.config(), out, engine.engine()));
        var o = spec.commandLine().getOut();
        if (c.calibration() == null) {
            o.printf(Locale.ROOT, "%s: shard %d/%d, %d of the %d toys%n", out, sh[0], sh[1], c.shardToys(), toys);
        } else {
            o.printf(Locale.ROOT, "%s: %d toys, widths %.4g … %.4g%n", out, c.calibration().toys(), c.calibration().widths()[0],
                    c.calibration().widths()[c.calibration().widths().length - 1]);
        }
        return 0;
    }

    /** {@code i/n} as {i, n}; {0, 1} when absent. */
    static int[] parseShard(String s) {
        if (s == null) {
            return new int[] {0, 1};
        }
        String[] p = s.trim().split("/");
        try {
            if (p.length == 2) {
                int i = Integer.parseInt(p[0].trim());
                int n = Integer.parseInt(p[1].trim());
                if (n >= 1 && i >= 0 && i < n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UserError("--shard: expected i/n with whole numbers 0 ≤ i < n, got '" + s + "'");
    }
}
