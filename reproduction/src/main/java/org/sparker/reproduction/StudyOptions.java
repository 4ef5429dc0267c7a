package org.sparker.reproduction;

import org.sparker.app.BaselineSettings;

import java.util.List;

import org.sparker.baselines.Method;
import org.sparker.engine.train.TrainerConfig;

/**
 * How to run a study.
 *
 * @param quick a small, fast version (seconds): samples ten times smaller, few steps and toys
 * @param nullToys anomaly-free toys per calibration, or {@code null} for the study's default
 * @param signalToys signal toys per power, or {@code null} for the study's default
 * @param methods the methods a study that compares them runs (others run SparKer alone), or
 *     {@code null} for the study's default ({@link Study#defaultMethods})
 * @param training the base training configuration (the command line's options)
 * @param baselines the baselines' settings
 * @param recipes the training recipes the tuning study compares, or {@code null} for its default grid
 * @param benchmarks the toy benchmarks ({@link Benchmarks}) the tuning study runs on, or {@code null}
 *     for its default list
 * @param dataset the table the real-data study reads, or {@code null} for its default location
 */
public record StudyOptions(boolean quick, Integer nullToys, Integer signalToys, List<Method> methods,
        TrainerConfig training, BaselineSettings baselines, List<Recipe> recipes, List<String> benchmarks,
        java.nio.file.Path dataset) {

    public StudyOptions {
        if ((nullToys != null && nullToys < 2) || (signalToys != null && signalToys < 1)) {
            throw new IllegalArgumentException("--null-toys must be ≥ 2 and --signal-toys ≥ 1");
        }
        methods = methods == null ? null : List.copyOf(methods);
        if (methods != null && methods.isEmpty()) {
            throw new IllegalArgumentException("--methods: name at least one method");
        }
        if (training == null || baselines == null) {
            throw new IllegalArgumentException("study options: training and baseline settings are required");
        }
        recipes = recipes == null ? null : List.copyOf(recipes);
        if (benchmarks != null) {
            benchmarks = List.copyOf(benchmarks);
            benchmarks.forEach(Benchmarks::model); // unknown names fail here, not hours into a study
        }
    }

    /** SparKer alone with the given training and default baselines. */
    public static StudyOptions of(boolean quick, TrainerConfig training) {
        return new StudyOptions(quick, null, null, List.of(Method.SPARKER), training, BaselineSettings.defaults(), null,
                null, null);
    }

    /** These options with {@code methods} where none were named. */
    public StudyOptions withDefaultMethods(List<Method> defaults) {
        return methods != null ? this : new StudyOptions(quick, nullToys, signalToys, defaults, training, baselines,
                recipes, benchmarks, dataset);
    }

    /** Anomaly-free toys per calibration: the override, else 6 quick or {@code full}. */
    public int nullToys(int full) {
        return nullToys != null ? nullToys : quick ? 6 : full;
    }

    /** Signal toys per power: the override, else 4 quick or {@code full}. */
    public int signalToys(int full) {
        return signalToys != null ? signalToys : quick ? 4 : full;
    }
}
