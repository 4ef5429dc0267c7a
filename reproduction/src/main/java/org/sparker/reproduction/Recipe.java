package org.sparker.reproduction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sparker.engine.train.TrainerConfig;

/**
 * A training recipe for the tuning study: a name and the settings it changes from the base
 * configuration, written {@code name:key=value,key=value}. Keys: {@code optimizer} (adam, gd, hybrid),
 * {@code learning-rate}, {@code center-rate}, {@code amplitude-rate}, {@code center-units}
 * (width, initial-width, data), {@code schedule} (constant, linear, cosine), {@code annealing}
 * (linear, geometric), {@code anneal-fraction}, {@code init} (data, spread, spread-pooled),
 * {@code explore-fraction}, {@code center-step-cap}, {@code loss} (np, bce, mse), {@code softmax} (on, off),
 * {@code steps}, {@code clip}, {@code l2}.
 */
public record Recipe(String name, Map<String, String> settings) {

    public Recipe {
        if (name == null || !name.matches("[A-Za-z0-9._+-]+")) {
            throw new IllegalArgumentException("recipe: a name of letters, digits and . _ + - is required, got '" + name + "'");
        }
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        // every value is checked now, not when the study reaches it
        apply(TrainerConfig.builder(), settings, name);
    }

    /** Recipes separated by semicolons. */
    public static List<Recipe> parseList(String spec) {
        List<Recipe> out = new ArrayList<>();
        for (String part : spec.split(";")) {
            if (!part.isBlank()) {
                out.add(parse(part.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("recipes: none given");
        }
        if (out.stream().map(Recipe::name).distinct().count() != out.size()) {
            throw new IllegalArgumentException("recipes: two recipes share a name");
        }
        return List.copyOf(out);
    }

    /** {@code name:key=value,…} or just {@code name} (the base configuration). */
    public static Recipe parse(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        Map<String, String> settings = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String kv : spec.substring(colon + 1).split(",")) {
                if (kv.isBlank()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("recipe " + name + ": '" + kv + "' is not key=value");
                }
                settings.put(kv.substring(0, eq).trim().toLowerCase(Locale.ROOT), kv.substring(eq + 1).trim());
            }
        }
        return new Recipe(name.trim(), settings);
    }

    /** The base configuration with this recipe's settings. */
    public TrainerConfig.Builder applyTo(TrainerConfig.Builder b) {
        return apply(b, settings, name);
    }

    private static TrainerConfig.Builder apply(TrainerConfig.Builder b, Map<String, String> settings, String name) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue().toLowerCase(Locale.ROOT);
            try {
                switch (e.getKey()) {
                    case "optimizer" -> b.optimizer(switch (v) {
                        case "adam" -> TrainerConfig.Optimizer.ADAM;
                        case "gd" -> TrainerConfig.Optimizer.GRADIENT_DESCENT;
                        case "hybrid" -> TrainerConfig.Optimizer.HYBRID;
                        default -> throw new IllegalArgumentException("expected adam, gd or hybrid");
                    });
                    case "learning-rate" -> b.learningRate(Double.parseDouble(v));
                    case "center-rate" -> b.centerRate(Double.parseDouble(v));
                    case "amplitude-rate" -> b.amplitudeRate(Double.parseDouble(v));
                    case "center-units" -> b.centerUnits(TrainerConfig.CenterUnits.valueOf(
                            v.toUpperCase(Locale.ROOT).replace('-', '_')));
                    case "schedule" -> b.schedule(TrainerConfig.Schedule.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "annealing" -> b.annealing(TrainerConfig.Annealing.valueOf(v.toUpperCase(Locale.ROOT)));
                    case "anneal-fraction" -> b.annealFraction(Double.parseDouble(v));
                    case "init" -> b.initialization(TrainerConfig.Initialization.valueOf(
                            v.toUpperCase(Locale.ROOT).replace('-', '_')));
                    case "explore-fraction" -> b.exploreFraction(Double.parseDouble(v));
                    case "center-step-cap" -> b.centerStepCap(Double.parseDouble(v));
                    case "loss" -> b.loss(org.sparker.engine.Loss.parse(v));
                    case "softmax" -> b.softmax(switch (v) {
                        case "true", "on" -> true;
                        case "false", "off" -> false;
                        default -> throw new IllegalArgumentException("expected on or off");
                    });
                    case "steps" -> b.steps(Integer.parseInt(v));
                    case "kernels" -> b.kernels(Integer.parseInt(v));
                    case "clip" -> b.amplitudeClip(Double.parseDouble(v));
                    case "l2" -> b.l2(Double.parseDouble(v));
                    default -> throw new IllegalArgumentException("unknown key; expected optimizer, learning-rate, "
                            + "center-rate, amplitude-rate, center-units, schedule, annealing, anneal-fraction, init, explore-fraction, center-step-cap, "
                            + "loss, softmax, steps, kernels, clip or l2");
                }
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("recipe " + name + ": " + e.getKey() + "=" + e.getValue() + ": "
                        + ex.getMessage(), ex);
            }
        }
        return b;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name);
        String sep = ":";
        for (Map.Entry<String, String> e : settings.entrySet()) {
            s.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return s.toString();
    }
}
