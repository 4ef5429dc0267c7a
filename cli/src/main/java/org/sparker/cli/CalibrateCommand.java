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
        description = "Build or resume a calibration file of anomaly-free toys.")
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, paramLabel = "R", description = "The reference sample the test will use (.npy or .csv).")
    Path reference;

    @Option(names = "--pool", paramLabel = "P", description = "Separate anomaly-free pool (default: the reference).")
    Path pool;

    @Option(names = "--data-size", required = true, paramLabel = "N_D", description = "Size of the data sample the test will use.")
    int dataSize;

    @Option(names = "--toys", required = true, paramLabel = "K", description = "Toys the file must hold.")
    int toys;

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

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Calibration file (JSON Lines); resumed if it exists.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
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
        Calibration cal = Pipeline.calibrate(engine, cspec, toys, out);
        spec.commandLine().getOut().printf("%s: %d toys, widths %.4g … %.4g%n", out, cal.toys(), cal.widths()[0],
                cal.widths()[cal.widths().length - 1]);
        return 0;
    }
}
