package org.sparker.reproduction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainerSettings;

/**
 * A training recipe for the tuning study: a name and the settings it changes from the base
 * configuration, written {@code name:key=value,key=value}. The keys are the training options of the
 * command line without their dashes ({@link TrainerSettings}: {@code optimizer=gd}, {@code init=data},
 * {@code softmax=off}, {@code center-step-cap=0}, …).
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
            try {
                TrainerSettings.apply(b, e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("recipe " + name + ": " + e.getKey() + "=" + e.getValue() + ": "
                        + ex.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(e.getKey()) + ": ", ""), ex);
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
