package org.sparker.app.io;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.sparker.calibration.ToyParameters;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Extrapolation;
import org.sparker.stats.WidthPValue;

/**
 * The content of {@code result.json}, every key named once here (snake_case of the record
 * components, through {@link Json#MAPPER}). Entries that do not apply to a run are left out.
 */
public final class ResultFiles {

    /**
     * How the headline p-value is formed, the checkpoints' p-values combined by {@code rule}
     * (Algorithm 1's unless {@code --aggregation} chose another): the sentence result.json and the
     * report give.
     */
    public static String headline(Aggregation rule) {
        String combined = switch (rule) {
            case SPARKER -> "-1/2 min log p - 1/(2m) sum log p, Algorithm 1's rule (--aggregation sparker)";
            case MIN_P -> "-log min p, the most significant checkpoint alone (--aggregation min-p)";
            case PRODUCT -> "-sum log p (--aggregation product)";
            case FUSE -> "log((1/m) sum 1/p) (--aggregation fuse)";
        };
        return "the share of the anomaly-free calibration toys whose combined statistic "
                + "(each checkpoint's p-value against the other toys and the data, combined as " + combined
                + ") is at least the data's, ties ranked by " + tieBreak(rule) + ", counting the data as one "
                + "more toy: (1 + #{toys at or above}) / (toys + 1)";
    }

    /** The statistic that ranks ties of {@code rule}'s combined statistic ({@link Aggregation#tieBreak}), in words. */
    public static String tieBreak(Aggregation rule) {
        return switch (rule.tieBreak()) {
            case PRODUCT -> "-sum log p";
            case MIN_P -> "-log min p";
            case SPARKER -> "Algorithm 1's rule";
            case FUSE -> "log((1/m) sum 1/p)";
        };
    }

    /** The {@code format} of a baseline's result file. */
    public static final String BASELINE_FORMAT = "sparker-baseline-result";

    /** The {@code format} of a SparKer result file. */
    public static final String FORMAT = "sparker-result";
    /** The version this tool writes. */
    public static final int VERSION = 2;

    private ResultFiles() {
    }

    /**
     * A SparKer test's result.
     *
     * @param pValue Algorithm 1's global p-value
     * @param z its one-sided Gaussian significance, or null when infinite (then {@code zNote} says why)
     * @param upperLimit whether the observation is beyond every toy (the p-value is then at its floor)
     * @param pValueIs how the p-value is formed, in one sentence ({@link #headline})
     * @param combinedStatistic the combined statistic (Algorithm 1, line 12, or the rule {@code aggregation} names)
     * @param aggregation the combination rule, as {@code --aggregation} spells it ({@link Aggregation#cliName})
     * @param toys the calibration toys
     * @param checkpoints each checkpoint's width, statistic and p-values
     * @param seconds the run's wall time: the calibration (toys trained by this command) and the training
     * @param calibrationSeconds the calibration's share (0 when every toy was read from a file)
     * @param trainingSeconds the observed test's training
     * @param model the model shown (the chosen checkpoint's)
     * @param extrapolated the tail-model significance beyond the toys' floor
     * @param modelCheckpoint which checkpoint {@code model} is, and why
     * @param duplicateKernels the groups of the model's kernels (numbered from 0) that ended on one centre
     *     (within a tenth of σ), empty when none did
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String format, int version, double pValue, Double z, String zNote, boolean upperLimit,
            String pValueIs,
            double combinedStatistic, String aggregation, int toys, List<WidthPValue> checkpoints, String backend,
            long seed, double seconds, double calibrationSeconds, double trainingSeconds, int nReference, int nData, int dimension, double referenceWeight,
            ModelFiles.Document model, Extrapolated extrapolated, @JsonUnwrapped Inputs inputs,
            ModelCheckpoint modelCheckpoint, List<List<Integer>> duplicateKernels) {
    }

    /**
     * Where a run's samples came from: files ({@code sparker run}) or a toy model ({@code demo}, {@code toy}).
     *
     * @param referenceFile the reference file, or null
     * @param dataFile the data file, or null
     * @param calibrationFile the calibration file, or null
     * @param standardized whether the samples were standardized (null for a toy)
     * @param map the coordinate map's name, or null
     * @param pca the principal axes kept ({@code --pca K}), or null
     * @param spherical the centre of the hyperspherical coordinates ({@code --spherical}: mean or origin), or null
     * @param targetZ the significance an adaptive calibration aimed at, or null
     * @param toysForTargetZ the toys that significance needs, or null
     * @param toy the toy model's parameters, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Inputs(String referenceFile, String dataFile, String calibrationFile, Boolean standardized, String map,
            Integer pca, String spherical, Double targetZ, Integer toysForTargetZ, ToyParameters toy) {

        /** A toy model's run. */
        public static Inputs toy(ToyParameters parameters) {
            return new Inputs(null, null, null, null, null, null, null, null, null, parameters);
        }
    }

    /** The checkpoint the model and the report show: its number from 1, σ, t, p-value, and how it was chosen. */
    public record ModelCheckpoint(int checkpoint, double sigma, double t, double pValue, String selectedBy) {
    }

    /**
     * The tail-model significance of {@link Extrapolation}, labelled as a model beside the empirical
     * p-value. Numbers without a value (no fit) are null.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Extrapolated(String method, boolean accepted, Double pValue, Double z, String reason, Double statistic,
            @JsonProperty("statistic_empirical_p_value") double statisticEmpiricalPValue, Double threshold,
            int exceedances, Double gpdShape,
            Double gpdScale, @JsonProperty("ks_p_value") Double ksPValue,
            List<Column> checkpoints) {

        /** One checkpoint's standardisation: the toys' median and spread, and the observation's standardised value. */
        public record Column(double median, double spread, Double standardized) {
        }

        /** The label every result carries. */
        public static String label() {
            return "a model of a different statistic, beside the empirical p-value, not instead of it: s = the largest "
                    + "checkpoint statistic standardised by the toys' median and interquartile range; a generalized "
                    + "Pareto (shape >= 0) fitted to the excesses of the top "
                    + Math.round(100 * Extrapolation.TAIL_FRACTION) + "% of the toys' s, checked by Kolmogorov-Smirnov; "
                    + "shown only when the data lie beyond every toy (docs/design.md 5.6)";
        }

        public static Extrapolated of(Extrapolation e) {
            List<Column> cols = new ArrayList<>();
            for (var c : e.checkpoints()) {
                cols.add(new Column(c.median(), c.spread(), finite(c.standardized())));
            }
            return new Extrapolated(label(), e.accepted(), e.pValue(),
                    e.z() == null || Double.isFinite(e.z()) ? e.z() : null, e.reason(), finite(e.statistic()),
                    e.empiricalPValue(), finite(e.threshold()), e.exceedances(), finite(e.shape()), finite(e.scale()),
                    finite(e.goodnessOfFit()), cols);
        }

        /** Z for people to read: its value, or ∓∞ where the file holds none (a p-value of 1 or 0). */
        public String zText() {
            return OutputFiles.formatZ(z != null ? z
                    : pValue != null && pValue >= 1 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
    }

    /**
     * A baseline's result ({@code run --method kernel-np} or {@code mmd-fuse}); entries of the other
     * method are left out.
     *
     * @param widths the kernel NP test's per-width statistics and p-values
     * @param fusedStatistic MMD-FUSE's fused statistic
     * @param kernels MMD-FUSE's per-kernel statistics
     * @param config the method's settings
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BaselineResult(String format, int version, String method, double pValue, Double z, String zNote,
            boolean upperLimit, String pValueIs, Double combinedStatistic, String aggregation, Integer toys,
            List<WidthPValue> widths, Double fusedStatistic, List<MmdKernel> kernels, Object config, String backend,
            long seed, double seconds, int nReference, int nData, int dimension, String calibrationFile,
            String referenceFile, String dataFile) {
    }

    /** One MMD-FUSE kernel and bandwidth: its normalised statistic and the Nyström features it used. */
    public record MmdKernel(String kernel, double bandwidth, @JsonProperty("normalised_mmd") double normalisedMmd,
            int features) {
    }

    /** The {@code format} of an eval file. */
    public static final String EVAL_FORMAT = "sparker-eval";

    /**
     * {@code sparker eval}'s file: the loss, {@code t = −2 L_NP} and the gradients of a model on
     * (reference, data), with the reference weight and the backend.
     */
    public record Evaluation(String format, int version, String lossName, double loss, double t,
            double[] gradAmplitudes, double[][] gradCenters, double referenceWeight, String backend) {
    }

    /** Z and its note: a finite Z, or null with the reason (a p-value of 1 gives −∞, of 0 +∞, which JSON cannot hold). */
    public static String zNote(double z) {
        return Double.isFinite(z) ? null
                : z < 0 ? "Z = −∞: the p-value is 1 (the observed statistic is at or below every toy's)"
                : "Z = +∞: the p-value is 0";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
