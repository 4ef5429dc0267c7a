package org.sparker.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.sparker.engine.Loss;

/**
 * The one table of the training settings a user can choose: each setting's option name (the
 * command line's {@code --NAME} and a recipe's {@code NAME=value}), its key in a calibration file's
 * header, its description and default, how a value is read, and what a configuration holds. The
 * command line, the training recipes, the calibration header and the "made with other settings"
 * message all take their names from here.
 */
public final class TrainerSettings {

    /**
     * One setting.
     *
     * @param option the option's name, without dashes ({@code center-rate})
     * @param key its key in a calibration header ({@code center_rate}), or null for an option that
     *     sets others (learning-rate sets both rates)
     * @param label the kind of value, for help ({@code ETA}, {@code adam|gd|hybrid})
     * @param description what it does, with its default
     * @param defaultValue the default as text, or null when it depends on another setting
     * @param read sets the builder from a value as the user wrote it; throws
     *     {@link IllegalArgumentException} naming the accepted values
     * @param value the setting's value in a configuration, as the header records it (null for none)
     */
    public record Setting(String option, String key, String label, String description, String defaultValue,
            BiConsumer<TrainerConfig.Builder, String> read, Function<TrainerConfig, Object> value) {
    }

    /** Every setting, in the order the help and the header list them. */
    public static final List<Setting> ALL;

    /** The header keys of the width range, fixed from the data rather than chosen (not options). */
    public static final String WIDTH_INITIAL = "width_initial";
    public static final String WIDTH_FINAL = "width_final";

    static {
        List<Setting> s = new ArrayList<>();
        s.add(new Setting("kernels", "kernels", "M", "Kernels (default: 5, as the paper).", "5",
                (b, v) -> b.kernels(atLeast("kernels", integer(v), 1)), TrainerConfig::kernels));
        s.add(new Setting("steps", "steps", "T", "Optimiser steps (default: 2000).", "2000",
                (b, v) -> b.steps(atLeast("steps", integer(v), 1)), TrainerConfig::steps));
        s.add(new Setting("optimizer", "optimizer", "adam|gd|hybrid",
                "adam, gd (plain gradient descent on the loss per data point, as the paper's App. B) or hybrid "
                        + "(Adam on the amplitudes, gradient descent on the centres) (default: hybrid).", "hybrid",
                (b, v) -> b.optimizer(choice(v, TrainerConfig.Optimizer.class, "adam", "gd", "hybrid")),
                c -> c.optimizer().name()));
        s.add(new Setting("learning-rate", null, "ETA",
                "Step size of both centres and amplitudes; --center-rate and --amplitude-rate set them apart "
                        + "(default: the optimizer's: adam 0.05 and 0.05, hybrid 3 and 0.05, gd 3 and 1).", null,
                (b, v) -> b.learningRate(positive("learning-rate", number(v))), c -> null));
        s.add(new Setting("center-rate", "center_rate", "ETA",
                "Step size of the centres, in --center-units (default: adam 0.05, gd and hybrid 3).", null,
                (b, v) -> b.centerRate(nonNegative("center-rate", number(v))), TrainerConfig::centerRate));
        s.add(new Setting("amplitude-rate", "amplitude_rate", "ETA",
                "Step size of the amplitudes (default: adam and hybrid 0.05, gd 1).", null,
                (b, v) -> b.amplitudeRate(positive("amplitude-rate", number(v))), TrainerConfig::amplitudeRate));
        s.add(new Setting("center-units", "center_units", "width|initial-width|data",
                "What a centre step is measured in: width (the current σ_t) or initial-width (σ_0), with which "
                        + "results do not depend on the data's units, or data (default: width).", "width",
                (b, v) -> b.centerUnits(choice(v, TrainerConfig.CenterUnits.class, "width", "initial-width", "data")),
                c -> c.centerUnits().name()));
        s.add(new Setting("schedule", "schedule", "constant|linear|cosine",
                "How the step sizes fall over the steps (default: constant).", "constant",
                (b, v) -> b.schedule(choice(v, TrainerConfig.Schedule.class, "constant", "linear", "cosine")),
                c -> c.schedule().name()));
        s.add(new Setting("annealing", "annealing", "linear|geometric",
                "σ from σ_0 to σ_T: linear (the paper's) or geometric (as many steps per factor of width) "
                        + "(default: geometric).", "geometric",
                (b, v) -> b.annealing(choice(v, TrainerConfig.Annealing.class, "linear", "geometric")),
                c -> c.annealing().name()));
        s.add(new Setting("anneal-fraction", "anneal_fraction", "F",
                "σ anneals over the first F·T steps, then holds σ_T (default: 1).", "1",
                (b, v) -> b.annealFraction(fraction("anneal-fraction", number(v), false)), TrainerConfig::annealFraction));
        s.add(new Setting("init", "initialization", "spread|data|spread-pooled",
                "Starting centres: spread (k-means++ seeding over the data sample), data (distinct random data "
                        + "points, the paper's) or spread-pooled (k-means++ over reference and data) (default: spread).",
                "spread", (b, v) -> b.initialization(choice(v, TrainerConfig.Initialization.class, "data", "spread",
                        "spread-pooled")), c -> c.initialization().name()));
        s.add(new Setting("explore-fraction", "explore_fraction", "F",
                "With --optimizer hybrid: the centres take Adam steps of the amplitude rate during the first F·T "
                        + "steps, gradient-descent steps afterwards (default: 0).", "0",
                (b, v) -> b.exploreFraction(fraction("explore-fraction", number(v), true)), TrainerConfig::exploreFraction));
        s.add(new Setting("center-step-cap", "center_step_cap", "C",
                "The longest gradient-descent step a centre may take, in units of the current width σ_t (0: no cap; "
                        + "default: 0.5). Keeps a kernel on a strong signal from overshooting.", "0.5",
                (b, v) -> b.centerStepCap(nonNegative("center-step-cap", number(v))), TrainerConfig::centerStepCap));
        s.add(new Setting("clip", "amplitude_clip", "C",
                "Amplitude clip: |a_i| ≤ C (default: 5; Table VI uses 100 and more).", "5",
                (b, v) -> b.amplitudeClip(positive("clip", number(v))), TrainerConfig::amplitudeClip));
        s.add(new Setting("l2", "l2", "LAMBDA", "L2 coefficient on amplitudes (default: 0).", "0",
                (b, v) -> b.l2(nonNegative("l2", number(v))), TrainerConfig::l2));
        s.add(new Setting("loss", "loss", "np|bce|mse", "Training loss (default: np).", "np",
                (b, v) -> b.loss(Loss.parse(v.trim())), c -> c.loss().name()));
        s.add(new Setting("softmax", "softmax", "on|off",
                "The softmax competition between kernels; off is the paper's ablation f = Σ a_i k_i (default: on).",
                "on", (b, v) -> b.softmax(onOff(v)), TrainerConfig::softmax));
        s.add(new Setting("width-quantiles", null, "LOW,HIGH",
                "The widths anneal from σ_0 = 2 × the HIGH quantile of the pairwise distances among the samples "
                        + "down to σ_T = ½ × the LOW quantile (default: 0.01,0.99, as the paper); the calibration "
                        + "records the widths they give.", "0.01,0.99",
                (b, v) -> b.widthQuantiles(WidthRange.Quantiles.parse(v)), c -> c.widthQuantiles().toString()));
        s.add(new Setting("checkpoints", "checkpoints", "m", "Checkpoints along the annealing (default: 10).", "10",
                (b, v) -> b.checkpoints(atLeast("checkpoints", integer(v), 1)), TrainerConfig::checkpoints));
        s.add(new Setting("reseed-duplicates", "reseed_duplicates", "on|off",
                "After every checkpoint but the last, kernels whose centres lie within 0.1 σ_t of each other are "
                        + "made one again: the first keeps the centre and the group's amplitude, the others move to data "
                        + "points drawn by k-means++ seeding against the centres that stay, with amplitude 0 (default: off).",
                "off", (b, v) -> b.reseedDuplicates(onOff(v)), TrainerConfig::reseedDuplicates));
        ALL = List.copyOf(s);
    }

    private TrainerSettings() {
    }

    /** The setting of option {@code name} ({@code steps}, {@code center-rate}, …). */
    public static Optional<Setting> option(String name) {
        return ALL.stream().filter(s -> s.option().equals(name)).findFirst();
    }

    /** The setting whose header key is {@code key}. */
    public static Optional<Setting> key(String key) {
        return ALL.stream().filter(s -> key.equals(s.key())).findFirst();
    }

    /**
     * Sets option {@code name} to {@code value} as the user wrote it.
     *
     * @throws IllegalArgumentException "NAME: reason", for an unknown option or an unusable value
     */
    public static TrainerConfig.Builder apply(TrainerConfig.Builder b, String name, String value) {
        Setting s = option(name).orElseThrow(() -> new IllegalArgumentException(name + ": unknown setting; expected one of "
                + String.join(", ", ALL.stream().map(Setting::option).toList())));
        try {
            s.read().accept(b, value);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new IllegalArgumentException(name + ": " + m.replaceFirst("^" + java.util.regex.Pattern.quote(name)
                    + ": ", ""), e);
        }
        return b;
    }

    /**
     * What a calibration header records of a configuration: every setting's key and value, then
     * the width range ({@link #WIDTH_INITIAL}, {@link #WIDTH_FINAL}) when it is fixed. The seed
     * is left out: calibration toys derive their own.
     */
    public static Map<String, Object> describe(TrainerConfig c) {
        Map<String, Object> t = new LinkedHashMap<>();
        for (Setting s : ALL) {
            if (s.key() != null) {
                t.put(s.key(), s.value().apply(c));
            }
        }
        if (c.widthRange() != null) {
            t.put(WIDTH_INITIAL, c.widthRange().initial());
            t.put(WIDTH_FINAL, c.widthRange().last());
        }
        return t;
    }

    /** The option a header key belongs to, as the user types it ({@code --center-step-cap}), or the key itself. */
    public static String optionOf(String key) {
        return key(key).map(s -> "--" + s.option()).orElse(key);
    }

    private static boolean onOff(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("expected on or off, got '" + v + "'");
        };
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + v + "'");
        }
    }

    private static double number(String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, got '" + v + "'");
        }
    }

    private static int atLeast(String option, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("must be at least " + min + ", got " + v);
        }
        return v;
    }

    private static double positive(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("must be positive and finite, got " + v);
        }
        return v;
    }

    private static double nonNegative(String option, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("must be ≥ 0 and finite, got " + v);
        }
        return v;
    }

    private static double fraction(String option, double v, boolean zeroAllowed) {
        if (zeroAllowed ? !(v >= 0) || v > 1 : !(v > 0) || v > 1) {
            throw new IllegalArgumentException("must be in " + (zeroAllowed ? "[0, 1]" : "(0, 1]") + ", got " + v);
        }
        return v;
    }

    /** The enum constant named by {@code value}: one of {@code names}, in the order of the constants. */
    private static <E extends Enum<E>> E choice(String value, Class<E> type, String... names) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        E[] constants = type.getEnumConstants();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(v)) {
                return constants[i];
            }
        }
        throw new IllegalArgumentException("unknown value '" + value + "'; expected " + String.join(", ", names));
    }
}
