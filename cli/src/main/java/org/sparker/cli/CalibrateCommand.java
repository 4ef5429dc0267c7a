package org.sparker.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.Standardization;
import org.sparker.stats.Calibration;
import org.sparker.stats.CalibrationSpec;
import org.sparker.stats.PoolBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Builds, resumes or extends a calibration file for later {@code run --calibration FILE}. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build or resume a calibration file of anomaly-free toys (or one shard of it: --shard i/n; "
                + "then `calibrate merge`).", subcommands = CalibrateCommand.Merge.class)
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--reference", paramLabel = "R", description = "The reference sample the test will use (.npy or .csv).")
    Path reference;

    @Option(names = "--pool", paramLabel = "P", description = "Separate anomaly-free pool (default: the reference).")
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

    @Option(names = "--map", paramLabel = "MAP",
            description = "Apply a coordinate map to every value first: identity, affine:A:B, phi, tanh (tanh(x+2)), "
                    + "exp-neg (e^-x), composed with >; as run --map.")
    String map;

    @Option(names = "--standardize",
            description = "Standardize every coordinate by the reference's mean and standard deviation, as run --standardize.")
    boolean standardize;

    @Mixin
    TrainingOptions training;

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
        OutputGuard.check("--out", out, null, Map.of("--reference", reference, "--pool", pool == null ? reference : pool));
        FloatMatrix ref = DataFiles.read(reference);
        FloatMatrix nominal = pool == null ? ref : DataFiles.read(pool);
        org.sparker.stats.coords.CoordinateMap coords = RunCommand.parseMap(map);
        if (coords != null) {
            try {
                ref = coords.apply(ref, reference.toString());
                nominal = pool == null ? ref : coords.apply(nominal, pool.toString());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        if (standardize) {
            // the same units as run --standardize: fitted on the reference
            Standardization units = Standardization.of(ref);
            nominal = units.apply(nominal);
        }
        PoolBootstrap source;
        try {
            source = pool == null ? PoolBootstrap.forReferenceFile(nominal, dataSize)
                    : new PoolBootstrap(nominal, ref.rows(), dataSize, (double) dataSize / ref.rows());
        } catch (IllegalArgumentException e) {
            throw new UserError("--data-size " + dataSize + ": " + e.getMessage());
        }
        CalibrationSpec cspec = CalibrationSpec.withEstimatedRange(training.config(), source, engine.seed);
        if (sh[1] > 1) {
            int mine = Pipeline.calibrateShard(engine, cspec, toys, out, sh[0], sh[1]);
            spec.commandLine().getOut().printf("%s: shard %d/%d, %d of the %d toys%n", out, sh[0], sh[1], mine, toys);
            return 0;
        }
        Calibration cal = Pipeline.calibrate(engine, cspec, toys, out);
        spec.commandLine().getOut().printf("%s: %d toys, widths %.4g … %.4g%n", out, cal.toys(), cal.widths()[0],
                cal.widths()[cal.widths().length - 1]);
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

    /** {@code sparker calibrate merge SHARD… --out FILE}. */
    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Join the shard files of one calibration (calibrate --shard i/n) into one file that run "
                    + "--calibration takes: byte for byte the file one machine writes with the same settings and seed.")
    static final class Merge implements Callable<Integer> {

        @picocli.CommandLine.Parameters(paramLabel = "SHARD", arity = "1..*", description = "The shard files, in any order.")
        java.util.List<Path> shards;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The merged calibration file.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Path> inputs = new java.util.LinkedHashMap<>();
            for (int i = 0; i < shards.size(); i++) {
                inputs.put("SHARD " + (i + 1), shards.get(i));
                if (!java.nio.file.Files.isRegularFile(shards.get(i))) {
                    throw new UserError(shards.get(i) + ": no such file");
                }
            }
            OutputGuard.check("--out", out, null, inputs);
            if (java.nio.file.Files.exists(out)) {
                throw new UserError("--out " + out + " exists; merge into a new file");
            }
            int n;
            try {
                n = org.sparker.stats.CalibrationFile.merge(shards, out);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            } catch (java.io.IOException e) {
                throw new UserError(out + ": cannot be written (" + e.getMessage() + ")", e);
            }
            spec.commandLine().getOut().printf("%s: %d toys from %d shards%n", out, n, shards.size());
            return 0;
        }
    }
}
