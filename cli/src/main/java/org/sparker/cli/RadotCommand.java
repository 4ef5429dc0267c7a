package org.sparker.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.openlca.npy.Npy;
import org.openlca.npy.NpyDoubleArray;
import org.sparker.app.UserError;
import org.sparker.app.io.DataFiles;
import org.sparker.app.io.OutputFiles;
import org.sparker.app.io.OutputGuard;
import org.sparker.engine.FloatMatrix;
import org.sparker.transport.MassModel;
import org.sparker.transport.RadOt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A RAD-OT background template for a resonant search (arXiv:2407.19818): sideband events paired by
 * optimal transport and interpolated to signal-region masses, written as a {@code .npy} that
 * {@code sparker run --reference} takes.
 */
@Command(name = "radot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build a signal-region background template from the two sidebands by optimal transport (RAD-OT, "
                + "Leigh et al., arXiv:2407.19818); the .npy it writes is a reference for `sparker run`.")
final class RadotCommand implements Callable<Integer> {

    @Option(names = "--events", required = true, paramLabel = "EV", description = "Events: a mass column and the features." + InputFormats.ANY)
    Path events;

    @Option(names = "--mass-column", paramLabel = "C", defaultValue = "0", description = "The mass column, from 0 (default: ${DEFAULT-VALUE}).")
    int massColumn;

    @Option(names = "--sr", required = true, paramLabel = "LOW:HIGH", description = "The signal region, e.g. 3300:3700.")
    String sr;

    @Option(names = "--sb1", required = true, paramLabel = "LOW:HIGH", description = "The lower sideband, e.g. 3100:3300.")
    String sb1;

    @Option(names = "--sb2", required = true, paramLabel = "LOW:HIGH", description = "The upper sideband, e.g. 3700:3900.")
    String sb2;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "5000", description = "Events per sideband per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "100", description = "Batches (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--cost", paramLabel = "sqeuclidean|euclidean", defaultValue = "sqeuclidean",
            description = "Ground cost between scaled features; euclidean has non-unique optima (default: ${DEFAULT-VALUE}).")
    String cost;

    @Option(names = "--pairing", paramLabel = "optimal|random", defaultValue = "optimal",
            description = "Optimal transport, or random pairing as a control (default: ${DEFAULT-VALUE}).")
    String pairing;

    @Option(names = "--mass-model", paramLabel = "kde|dijet", defaultValue = "kde",
            description = "Signal-region masses: kde (a kernel density of the observed SR masses) or dijet (the "
                    + "four-parameter dijet function fitted to the sidebands only) (default: ${DEFAULT-VALUE}).")
    String massModel;

    @Option(names = "--sqrt-s", paramLabel = "E", defaultValue = "13000",
            description = "Collision energy in the masses' units, for --mass-model dijet (default: ${DEFAULT-VALUE}, "
                    + "13 TeV in GeV).")
    double sqrtS;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of every draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Option(names = "--masses-out", paramLabel = "FILE", description = "Also write the sampled signal-region masses (.npy).")
    Path massesOut;

    @Option(names = "--out", required = true, paramLabel = "TEMPLATE.npy", description = "The template: one row per event, the features without the mass.")
    Path out;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new UserError("--out " + out + ": the template is written as .npy; give a name ending in .npy");
        }
        OutputGuard.check("--out", out, null, Map.of("--events", events));
        OutputGuard.check("--masses-out", massesOut, null, Map.of("--events", events, "--out", out));
        RadOt.Config config;
        RadOt.Pairing pair = switch (pairing.toLowerCase(Locale.ROOT)) {
            case "optimal" -> RadOt.Pairing.OPTIMAL;
            case "random" -> RadOt.Pairing.RANDOM;
            default -> throw new UserError("--pairing: expected optimal or random, got '" + pairing + "'");
        };
        try {
            config = new RadOt.Config(RadOt.Window.parse("--sr", sr), RadOt.Window.parse("--sb1", sb1),
                    RadOt.Window.parse("--sb2", sb2), batch, batches, RadOt.Cost.parse(cost), pair);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().startsWith("--") ? e.getMessage() : "--" + e.getMessage());
        }
        FloatMatrix ev = DataFiles.read(events);
        if (massColumn < 0 || massColumn >= ev.cols()) {
            throw new UserError("--mass-column: " + events + " has columns 0 to " + (ev.cols() - 1) + ", got " + massColumn);
        }
        if (ev.cols() < 2) {
            throw new UserError(events + ": needs a mass column and at least one feature column");
        }
        double[] data = new double[ev.rows() * ev.cols()];
        for (int i = 0; i < data.length; i++) {
            data[i] = ev.data()[i];
        }
        var o = spec.commandLine().getOut();
        if (config.cost() == RadOt.Cost.EUCLIDEAN) {
            spec.commandLine().getErr().println("warning: with the euclidean cost the optimal pairing is not unique; solvers differ and the "
                    + "template's spread can shrink (docs/transport.md). sqeuclidean is the default for that reason.");
        }
        int workers = threads.effective(); // the template does not depend on it
        MassModel mass;
        RadOt.Template t;
        long started = System.nanoTime();
        try (Progress progress = Progress.start("RAD-OT batches", batches, quiet.quiet)) {
            mass = switch (massModel.toLowerCase(Locale.ROOT)) {
                case "kde" -> MassModel.kde(data, ev.rows(), ev.cols(), massColumn, config.sr());
                case "dijet" -> MassModel.dijet(data, ev.rows(), ev.cols(), massColumn, config.sb1(), config.sr(),
                        config.sb2(), sqrtS);
                default -> throw new UserError("--mass-model: expected kde or dijet, got '" + massModel + "'");
            };
            t = RadOt.build(data, ev.rows(), ev.cols(), massColumn, config, mass, seed, workers, k -> progress.step(1));
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        RadOt.Template tt = t;
        OutputFiles.write(out, os -> Npy.write(os, NpyDoubleArray.rowOrderOf(tt.features(), tt.rows(), tt.dimension())));
        if (massesOut != null) {
            OutputFiles.write(massesOut, os -> Npy.write(os, NpyDoubleArray.vectorOf(tt.masses())));
        }
        String model = mass.dijetParameters() == null ? String.format(Locale.ROOT, "mass KDE bandwidth %.4g",
                mass.bandwidth()) : "dijet fit p2, p3, p4 = " + java.util.Arrays.toString(mass.dijetParameters());
        o.printf(Locale.ROOT, "%s: %d template events × %d features from %d batches of %d in %.1f s (%s)%n", out,
                t.rows(), t.dimension(), batches, batch, seconds, model);
        return 0;
    }
}
