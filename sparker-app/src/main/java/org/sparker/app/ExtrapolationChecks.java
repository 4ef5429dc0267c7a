package org.sparker.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.sparker.app.io.Json;
import org.sparker.app.io.OutputFiles;
import org.sparker.app.io.OutputGuard;
import org.sparker.app.io.ResultFiles;
import org.sparker.calibration.CalibrationFile;
import org.sparker.calibration.IoErrors;
import org.sparker.stats.Calibration;
import org.sparker.stats.Extrapolation;
import org.sparker.stats.ExtrapolationCheck;
import org.sparker.stats.Power;

/**
 * The check of a calibration's extrapolated significance on held-back toys
 * ({@code sparker calibrate check-extrapolation}): either one calibration against held-back
 * calibration files, or exchangeable toys split at random into calibrations and held-back toys.
 * Every input is read and checked before anything is computed; the result's {@code lines()} are
 * what a person reads, its record is the {@code --out} file (format {@value #FORMAT}).
 */
public final class ExtrapolationChecks {

    public static final String FORMAT = "sparker-extrapolation-check";

    private ExtrapolationChecks() {
    }

    /** One calibration ({@code calibration}) against the held-back toys of {@code toys}; {@code out} may be null. */
    public record HeldBackRequest(Path calibration, List<Path> toys, Path out) {
        public HeldBackRequest {
            Objects.requireNonNull(calibration, "calibration");
            toys = List.copyOf(toys);
        }
    }

    /** {@code splits} random splits of the pooled {@code toys} into calibrations of {@code calibrationSize}. */
    public record ResampleRequest(List<Path> toys, int splits, int calibrationSize, long seed, Path out) {
        public ResampleRequest {
            toys = List.copyOf(toys);
        }
    }

    /** The calibration's tail model: what {@code result.json}'s {@code extrapolated} says of the model itself. */
    public record TailModel(String method, boolean accepted, String reason, Double threshold, int exceedances,
            Double gpdShape, Double gpdScale, @JsonProperty("ks_p_value") Double ksPValue) {

        static TailModel of(ResultFiles.Extrapolated e) {
            return new TailModel(e.method(), e.accepted(), e.reason(), e.threshold(), e.exceedances(), e.gpdShape(),
                    e.gpdScale(), e.ksPValue());
        }
    }

    /** How many held-back toys fall at or below a level, with Wilson 95% intervals on the rates. */
    public record LevelCount(double level, int extrapolated,
            @JsonProperty("extrapolated_ci95") List<Double> extrapolatedCi95, int empirical,
            @JsonProperty("empirical_ci95") List<Double> empiricalCi95) {
    }

    /** One toy's empirical p-value and extrapolated p-value (null where the tail model was refused). */
    public record ToyPValues(double empiricalP, Double extrapolatedP) {
    }

    /** One file of held-back toys against the calibration. */
    public record FileCheck(String file, int toys, @JsonProperty("uniformity_ks_p_value") Double uniformityKsPValue,
            List<LevelCount> rates, @JsonProperty("median_z_empirical") double medianZEmpirical,
            @JsonProperty("median_z_extrapolated") Double medianZExtrapolated,
            List<ToyPValues> perToy) {
    }

    /** The {@code --calibration} check: the calibration, its tail model and every file of held-back toys. */
    @JsonPropertyOrder({"format", "version"})
    public record HeldBackResult(String format, int version, String calibration, int toys, String aggregation,
            TailModel model, List<FileCheck> heldBack) {

        /** What a person reads, in order. */
        public List<String> lines() {
            List<String> l = new ArrayList<>();
            l.add(String.format(Locale.ROOT, "%s: %d toys; %s", calibration, toys, model.accepted()
                    ? String.format(Locale.ROOT, "tail model accepted (threshold %.4g, %d excesses, shape %.3g, "
                            + "scale %.3g, KS p %.3g)", model.threshold(), model.exceedances(), model.gpdShape(),
                            model.gpdScale(), model.ksPValue())
                    : "no extrapolation: " + model.reason()));
            for (FileCheck f : heldBack) {
                l.add(String.format(Locale.ROOT, "%s: %d held-back toys%s", f.file(), f.toys(),
                        f.uniformityKsPValue() == null ? "" : String.format(Locale.ROOT,
                                "; extrapolated p-values against U(0,1): KS p %.3g", f.uniformityKsPValue())));
                l.add(String.format(Locale.ROOT, "  %-10s %-30s %-30s", "level", "extrapolated p <= level",
                        "empirical p (" + aggregation + ") <= level"));
                for (LevelCount r : f.rates()) {
                    l.add(String.format(Locale.ROOT, "  %-10.4g %-30s %-30s", r.level(),
                            count(r.extrapolated(), f.toys(), r.extrapolatedCi95()),
                            count(r.empirical(), f.toys(), r.empiricalCi95())));
                }
                l.add(String.format(Locale.ROOT, "  median Z: empirical %.2f, extrapolated %s", f.medianZEmpirical(),
                        f.medianZExtrapolated() == null ? "-"
                                : String.format(Locale.ROOT, "%.2f", f.medianZExtrapolated())));
            }
            return l;
        }

        private static String count(int detected, int n, List<Double> ci) {
            return String.format(Locale.ROOT, "%d (%.4f [%.4f, %.4f])", detected, (double) detected / n, ci.get(0),
                    ci.get(1));
        }
    }

    /** Mean rates over the splits at one level. */
    public record MeanRate(double level, double extrapolated, double empirical) {
    }

    /** The {@code --resample} check. */
    @JsonPropertyOrder({"format", "version"})
    public record ResampledResult(String format, int version, List<String> toys, int pooled, int splits, long seed,
            String aggregation, int calibrationSize, int heldBack, double acceptedFraction, List<MeanRate> rates,
            @JsonProperty("own_calibration_uniformity_ks_p_value") Double ownCalibrationUniformityKsPValue,
            @JsonProperty("own_calibration_empirical_uniformity_ks_p_value")
            double ownCalibrationEmpiricalUniformityKsPValue,
            List<ToyPValues> ownCalibrationPerToy) {

        /** What a person reads, in order. */
        public List<String> lines() {
            List<String> l = new ArrayList<>();
            l.add(String.format(Locale.ROOT, "%d pooled toys, %d splits (seed %d): calibrations of %d toys, %d held "
                    + "back each; tail model accepted in %.1f%% of the splits", pooled, splits, seed, calibrationSize,
                    heldBack, 100 * acceptedFraction));
            l.add(String.format(Locale.ROOT, "  %-10s %-26s %-26s", "level", "mean rate, extrapolated",
                    "mean rate, empirical (" + aggregation + ")"));
            for (MeanRate r : rates) {
                l.add(String.format(Locale.ROOT, "  %-10.4g %-26.5f %-26.5f", r.level(), r.extrapolated(),
                        r.empirical()));
            }
            l.add(String.format(Locale.ROOT, "every toy against a calibration of its own (%d others at random): "
                    + "extrapolated p-values against U(0,1): KS p %.3g; empirical: KS p %.3g", calibrationSize,
                    ownCalibrationUniformityKsPValue == null ? Double.NaN : ownCalibrationUniformityKsPValue,
                    ownCalibrationEmpiricalUniformityKsPValue));
            return l;
        }
    }

    /** Checks {@code q.calibration()}'s extrapolation on the toys of {@code q.toys()}; writes {@code q.out()} if set. */
    public static HeldBackResult heldBack(HeldBackRequest q) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--calibration", q.calibration());
        q.toys().forEach(t -> inputs.put("--toys", t));
        checkOut(q.out(), inputs);
        CalibrationFile cal = read("--calibration", q.calibration());
        List<CalibrationFile> held = new ArrayList<>();
        for (Path t : q.toys()) {
            CalibrationFile h = read("--toys", t);
            String differs = trainingDifference(cal, h);
            if (differs != null) {
                throw new UserError("--toys " + t + ": trained " + differs + " than --calibration " + q.calibration()
                        + "; held-back toys must come from the same training");
            }
            held.add(h);
        }
        Calibration c = cal.calibration();
        TailModel model = TailModel.of(ResultFiles.Extrapolated.of(Extrapolation.model(c).of(c.statisticsOf(0))));
        List<FileCheck> files = new ArrayList<>();
        for (int i = 0; i < q.toys().size(); i++) {
            Calibration h = held.get(i).calibration();
            List<double[]> stats = new ArrayList<>();
            for (int k = 0; k < h.toys(); k++) {
                stats.add(h.statisticsOf(k));
            }
            ExtrapolationCheck check;
            try {
                check = ExtrapolationCheck.of(c, stats, Workflows.DEFAULT_AGGREGATION);
            } catch (IllegalArgumentException e) {
                throw new UserError("--toys " + q.toys().get(i) + ": " + e.getMessage(), e);
            }
            files.add(fileCheck(q.toys().get(i), check));
        }
        HeldBackResult r = new HeldBackResult(FORMAT, 1, q.calibration().toString(), c.toys(),
                Workflows.DEFAULT_AGGREGATION.cliName(), model, files);
        write(q.out(), r);
        return r;
    }

    /** Pools {@code q.toys()} and averages the check over {@code q.splits()} random splits. */
    public static ResampledResult resampled(ResampleRequest q) {
        if (q.splits() < 1) {
            throw new UserError("--resample must be ≥ 1, got " + q.splits());
        }
        List<double[]> pooled = new ArrayList<>();
        CalibrationFile first = null;
        for (Path t : q.toys()) {
            CalibrationFile f = read("--toys", t);
            if (first == null) {
                first = f;
            } else if (trainingDifference(first, f) != null) {
                throw new UserError("--toys " + t + ": trained at other widths or with other settings than --toys "
                        + q.toys().get(0) + "; pooled toys must come from the same training");
            }
            Calibration c = f.calibration();
            for (int k = 0; k < c.toys(); k++) {
                pooled.add(c.statisticsOf(k));
            }
        }
        if (pooled.size() <= Extrapolation.MIN_TOYS) {
            throw new UserError("--toys: " + pooled.size() + " pooled toys; --resample needs more than "
                    + Extrapolation.MIN_TOYS + " (a calibration of at least " + Extrapolation.MIN_TOYS
                    + " and held-back toys besides)");
        }
        if (q.calibrationSize() < Extrapolation.MIN_TOYS || q.calibrationSize() >= pooled.size()) {
            throw new UserError("--calibration-size must be in [" + Extrapolation.MIN_TOYS + ", "
                    + (pooled.size() - 1) + "] for " + pooled.size() + " pooled toys, got " + q.calibrationSize());
        }
        Map<String, Path> inputs = new LinkedHashMap<>();
        q.toys().forEach(t -> inputs.put("--toys", t));
        checkOut(q.out(), inputs);
        ExtrapolationCheck.Resampled r = ExtrapolationCheck.resampled(first.widths(), pooled, q.calibrationSize(),
                q.splits(), q.seed(), Workflows.DEFAULT_AGGREGATION);
        List<MeanRate> rates = new ArrayList<>();
        for (int l = 0; l < r.levels().length; l++) {
            rates.add(new MeanRate(r.levels()[l], r.extrapolated()[l], r.empirical()[l]));
        }
        ResampledResult result = new ResampledResult(FORMAT, 1, q.toys().stream().map(Path::toString).toList(),
                pooled.size(), r.splits(), q.seed(), Workflows.DEFAULT_AGGREGATION.cliName(), q.calibrationSize(),
                r.heldBack(), r.accepted(), rates,
                finite(r.ownUniformity()), r.ownEmpiricalUniformity(), perToy(r.ownEmpirical(), r.ownExtrapolated()));
        write(q.out(), result);
        return result;
    }

    private static FileCheck fileCheck(Path file, ExtrapolationCheck check) {
        List<LevelCount> rates = new ArrayList<>();
        for (int l = 0; l < check.levels().length; l++) {
            Power x = check.rates().get(l);
            Power e = check.empiricalRates().get(l);
            rates.add(new LevelCount(check.levels()[l], x.detected(), List.of(x.lower(), x.upper()), e.detected(),
                    List.of(e.lower(), e.upper())));
        }
        return new FileCheck(file.toString(), check.empirical().length, finite(check.uniformity()), rates,
                median(zs(check.empirical())), finite(median(zs(check.extrapolated()))),
                perToy(check.empirical(), check.extrapolated()));
    }

    private static List<ToyPValues> perToy(double[] empirical, double[] extrapolated) {
        List<ToyPValues> per = new ArrayList<>();
        for (int i = 0; i < empirical.length; i++) {
            per.add(new ToyPValues(empirical[i], finite(extrapolated[i])));
        }
        return per;
    }

    /**
     * How {@code b}'s toys were trained differently from {@code a}'s ("at other widths", "with other
     * settings"), or {@code null} when they come from the same training and can be compared or pooled.
     */
    private static String trainingDifference(CalibrationFile a, CalibrationFile b) {
        if (!Arrays.equals(a.widths(), b.widths())) {
            return "at other widths";
        }
        return Objects.equals(a.config().get("trainer"), b.config().get("trainer")) ? null : "with other settings";
    }

    private static void checkOut(Path out, Map<String, Path> inputs) {
        if (out != null) {
            OutputGuard.check("--out", out, null, inputs);
            if (Files.exists(out)) {
                throw new UserError("--out " + out + " exists; write the check to a new file");
            }
        }
    }

    private static void write(Path out, Object result) {
        if (out != null) {
            OutputFiles.write(out, f -> Json.MAPPER.writeValue(f, result));
        }
    }

    private static CalibrationFile read(String option, Path p) {
        if (!Files.isRegularFile(p)) {
            throw new UserError(option + " " + p + ": no such file");
        }
        try {
            return CalibrationFile.read(p);
        } catch (IllegalArgumentException e) {
            // the reader's advice on where run writes a calibration does not apply: this check only reads
            String m = e.getMessage();
            int advice = m.indexOf("; it is left as it is");
            throw new UserError(option + " " + (advice < 0 ? m : m.substring(0, advice)), e);
        } catch (IOException e) {
            throw new UserError(option + " " + p + ": cannot be read (" + IoErrors.describe(e) + ")", e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** One-sided Z of each p-value (NaN where the p-value is). */
    private static double[] zs(double[] p) {
        NormalDistribution g = NormalDistribution.of(0, 1);
        return Arrays.stream(p).map(v -> Double.isFinite(v)
                ? g.inverseSurvivalProbability(Math.max(v, Double.MIN_NORMAL)) : Double.NaN).toArray();
    }

    private static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        return s.length == 0 ? Double.NaN
                : s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
