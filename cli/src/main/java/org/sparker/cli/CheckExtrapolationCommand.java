package org.sparker.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sparker.app.UserError;
import org.sparker.app.io.Json;
import org.sparker.app.io.OutputGuard;
import org.sparker.app.io.ResultFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparker calibrate check-extrapolation --calibration CAL --toys HELD…}. */
@Command(name = "check-extrapolation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Test the extrapolated significance of a calibration on held-back toys (calibration files "
                + "made with the same settings, e.g. a second calibration on another seed): each toy's empirical "
                + "and extrapolated p-value, how often each falls at or below 5%, 1%, the floor 1/(K+1) and beyond, "
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
    java.util.List<Path> toys;

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
        if (resample != null) {
            return resampled();
        }
        java.util.Map<String, Path> inputs = new java.util.LinkedHashMap<>();
        inputs.put("--calibration", calibration);
        for (Path t : toys) {
            inputs.put("--toys", t);
        }
        if (out != null) {
            OutputGuard.check("--out", out, null, inputs);
            if (java.nio.file.Files.exists(out)) {
                throw new UserError("--out " + out + " exists; write the check to a new file");
            }
        }
        org.sparker.calibration.CalibrationFile cal = readCalibration("--calibration", calibration);
        // every input read and checked before anything is printed
        java.util.List<org.sparker.calibration.CalibrationFile> heldFiles = new java.util.ArrayList<>();
        for (Path t : toys) {
            org.sparker.calibration.CalibrationFile held = readCalibration("--toys", t);
            String differs = trainingDifference(cal, held);
            if (differs != null) {
                throw new UserError("--toys " + t + ": trained " + differs + " than --calibration " + calibration
                        + "; held-back toys must come from the same training");
            }
            heldFiles.add(held);
        }
        org.sparker.stats.Calibration c = cal.calibration();
        java.io.PrintWriter o = spec.commandLine().getOut();
        org.sparker.stats.Extrapolation.Model model = org.sparker.stats.Extrapolation.model(c);
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("calibration", calibration.toString());
        json.put("toys", c.toys());
        @SuppressWarnings("unchecked")
        Map<String, Object> tail = Json.MAPPER.convertValue(ResultFiles.Extrapolated.of(model.of(c.statisticsOf(0))),
                java.util.LinkedHashMap.class);
        for (String key : new String[] {"p_value", "z", "statistic", "statistic_empirical_p_value", "checkpoints"}) {
            tail.remove(key); // those describe toy 0, not the model
        }
        json.put("model", tail);
        o.printf("%s: %d toys; %s%n", calibration, c.toys(), model.failure() == null
                ? String.format(java.util.Locale.ROOT, "tail model accepted (threshold %.4g, %d excesses, shape %.3g, "
                        + "scale %.3g, KS p %.3g)", tail.get("threshold"), tail.get("exceedances"),
                        tail.get("gpd_shape"), tail.get("gpd_scale"), tail.get("ks_p_value"))
                : "no extrapolation: " + model.failure());
        java.util.List<Map<String, Object>> files = new java.util.ArrayList<>();
        for (int i = 0; i < toys.size(); i++) {
            Path t = toys.get(i);
            org.sparker.stats.Calibration h = heldFiles.get(i).calibration();
            java.util.List<double[]> stats = new java.util.ArrayList<>();
            for (int k = 0; k < h.toys(); k++) {
                stats.add(h.statisticsOf(k));
            }
            org.sparker.stats.ExtrapolationCheck check;
            try {
                check = org.sparker.stats.ExtrapolationCheck.of(c, stats);
            } catch (IllegalArgumentException e) {
                throw new UserError("--toys " + t + ": " + e.getMessage(), e);
            }
            files.add(report(t, check, o));
        }
        json.put("held_back", files);
        if (out != null) {
            write(out, json, o);
        }
        return 0;
    }

    private int resampled() {
        if (resample < 1) {
            throw new UserError("--resample must be ≥ 1, got " + resample);
        }
        java.util.List<double[]> pooled = new java.util.ArrayList<>();
        org.sparker.calibration.CalibrationFile first = null;
        for (Path t : toys) {
            org.sparker.calibration.CalibrationFile f = readCalibration("--toys", t);
            if (first == null) {
                first = f;
            } else if (trainingDifference(first, f) != null) {
                throw new UserError("--toys " + t + ": trained at other widths or with other settings than --toys "
                        + toys.get(0) + "; pooled toys must come from the same training");
            }
            org.sparker.stats.Calibration c = f.calibration();
            for (int k = 0; k < c.toys(); k++) {
                pooled.add(c.statisticsOf(k));
            }
        }
        if (calibrationSize < org.sparker.stats.Extrapolation.MIN_TOYS || calibrationSize >= pooled.size()) {
            throw new UserError("--calibration-size must be in [" + org.sparker.stats.Extrapolation.MIN_TOYS + ", "
                    + (pooled.size() - 1) + "] for " + pooled.size() + " pooled toys, got " + calibrationSize);
        }
        if (out != null) {
            java.util.Map<String, Path> inputs = new java.util.LinkedHashMap<>();
            toys.forEach(t -> inputs.put("--toys", t));
            OutputGuard.check("--out", out, null, inputs);
            if (java.nio.file.Files.exists(out)) {
                throw new UserError("--out " + out + " exists; write the check to a new file");
            }
        }
        org.sparker.stats.ExtrapolationCheck.Resampled r = org.sparker.stats.ExtrapolationCheck.resampled(
                first.widths(), pooled, calibrationSize, resample, seed);
        java.io.PrintWriter o = spec.commandLine().getOut();
        o.printf(java.util.Locale.ROOT, "%d pooled toys, %d splits (seed %d): calibrations of %d toys, %d held back "
                + "each; tail model accepted in %.1f%% of the splits%n", pooled.size(), r.splits(), seed,
                calibrationSize, r.heldBack(), 100 * r.accepted());
        o.printf("  %-10s %-26s %-26s%n", "level", "mean rate, extrapolated", "mean rate, empirical");
        java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int l = 0; l < r.levels().length; l++) {
            o.printf(java.util.Locale.ROOT, "  %-10.4g %-26.5f %-26.5f%n", r.levels()[l], r.extrapolated()[l],
                    r.empirical()[l]);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("level", r.levels()[l]);
            row.put("extrapolated", r.extrapolated()[l]);
            row.put("empirical", r.empirical()[l]);
            rows.add(row);
        }
        o.printf(java.util.Locale.ROOT, "every toy against a calibration of its own (%d others at random): "
                + "extrapolated p-values against U(0,1): KS p %.3g; empirical: KS p %.3g%n", calibrationSize,
                r.ownUniformity(), r.ownEmpiricalUniformity());
        if (out != null) {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("toys", toys.stream().map(Path::toString).toList());
            json.put("pooled", pooled.size());
            json.put("splits", r.splits());
            json.put("seed", seed);
            json.put("calibration_size", calibrationSize);
            json.put("held_back", r.heldBack());
            json.put("accepted_fraction", r.accepted());
            json.put("rates", rows);
            json.put("own_calibration_uniformity_ks_p_value", Double.isFinite(r.ownUniformity()) ? r.ownUniformity()
                    : null);
            json.put("own_calibration_empirical_uniformity_ks_p_value", r.ownEmpiricalUniformity());
            java.util.List<Map<String, Object>> per = new java.util.ArrayList<>();
            for (int i = 0; i < r.ownExtrapolated().length; i++) {
                Map<String, Object> t = new java.util.LinkedHashMap<>();
                t.put("empirical_p", r.ownEmpirical()[i]);
                t.put("extrapolated_p", Double.isFinite(r.ownExtrapolated()[i]) ? r.ownExtrapolated()[i] : null);
                per.add(t);
            }
            json.put("own_calibration_per_toy", per);
            write(out, json, o);
        }
        return 0;
    }

    /**
     * How {@code b}'s toys were trained differently from {@code a}'s ("at other widths", "with other
     * settings"), or {@code null} when they come from the same training and can be compared or pooled.
     */
    private static String trainingDifference(org.sparker.calibration.CalibrationFile a, org.sparker.calibration.CalibrationFile b) {
        if (!java.util.Arrays.equals(a.widths(), b.widths())) {
            return "at other widths";
        }
        return java.util.Objects.equals(a.config().get("trainer"), b.config().get("trainer")) ? null
                : "with other settings";
    }

    private static void write(Path out, Map<String, Object> json, java.io.PrintWriter o) {
        try {
            org.sparker.calibration.AtomicFiles.writeJson(out, json);
        } catch (java.io.UncheckedIOException e) {
            throw new UserError(e.getMessage(), e);
        }
        o.printf("written: %s%n", out);
    }

    private static org.sparker.calibration.CalibrationFile readCalibration(String option, Path p) {
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new UserError(option + " " + p + ": no such file");
        }
        try {
            return org.sparker.calibration.CalibrationFile.read(p);
        } catch (IllegalArgumentException e) {
            // the reader's advice on where run writes a calibration does not apply: this command only reads
            String m = e.getMessage();
            int advice = m.indexOf("; it is left as it is");
            throw new UserError(option + " " + (advice < 0 ? m : m.substring(0, advice)), e);
        } catch (java.io.IOException e) {
            throw new UserError(option + " " + p + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, Object> report(Path file, org.sparker.stats.ExtrapolationCheck check,
            java.io.PrintWriter o) {
        int n = check.empirical().length;
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("toys", n);
        m.put("uniformity_ks_p_value", Double.isFinite(check.uniformity()) ? check.uniformity() : null);
        o.printf("%s: %d held-back toys%s%n", file, n, Double.isFinite(check.uniformity())
                ? String.format(java.util.Locale.ROOT, "; extrapolated p-values against U(0,1): KS p %.3g",
                        check.uniformity()) : "");
        o.printf("  %-10s %-30s %-30s%n", "level", "extrapolated p <= level", "empirical p <= level");
        java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int l = 0; l < check.levels().length; l++) {
            org.sparker.stats.Power x = check.rates().get(l);
            org.sparker.stats.Power e = check.empiricalRates().get(l);
            o.printf(java.util.Locale.ROOT, "  %-10.4g %-30s %-30s%n", check.levels()[l],
                    String.format(java.util.Locale.ROOT, "%d (%.4f [%.4f, %.4f])", x.detected(), x.value(), x.lower(),
                            x.upper()),
                    String.format(java.util.Locale.ROOT, "%d (%.4f [%.4f, %.4f])", e.detected(), e.value(), e.lower(),
                            e.upper()));
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("level", check.levels()[l]);
            row.put("extrapolated", x.detected());
            row.put("extrapolated_ci95", java.util.List.of(x.lower(), x.upper()));
            row.put("empirical", e.detected());
            row.put("empirical_ci95", java.util.List.of(e.lower(), e.upper()));
            rows.add(row);
        }
        m.put("rates", rows);
        double[] ze = zs(check.empirical());
        double[] zx = zs(check.extrapolated());
        o.printf(java.util.Locale.ROOT, "  median Z: empirical %.2f, extrapolated %s%n", median(ze),
                Double.isFinite(median(zx)) ? String.format(java.util.Locale.ROOT, "%.2f", median(zx)) : "-");
        m.put("median_z_empirical", median(ze));
        m.put("median_z_extrapolated", Double.isFinite(median(zx)) ? median(zx) : null);
        java.util.List<Map<String, Object>> per = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> t = new java.util.LinkedHashMap<>();
            t.put("empirical_p", check.empirical()[i]);
            t.put("extrapolated_p", Double.isFinite(check.extrapolated()[i]) ? check.extrapolated()[i] : null);
            per.add(t);
        }
        m.put("per_toy", per);
        return m;
    }

    private static double[] zs(double[] p) {
        org.apache.commons.statistics.distribution.NormalDistribution g =
                org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);
        return java.util.Arrays.stream(p).map(v -> Double.isFinite(v)
                ? g.inverseSurvivalProbability(Math.max(v, Double.MIN_NORMAL)) : Double.NaN).toArray();
    }

    private static double median(double[] v) {
        double[] s = java.util.Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
