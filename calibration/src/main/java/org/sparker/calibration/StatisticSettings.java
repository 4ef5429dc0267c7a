package org.sparker.calibration;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a calibration header records of a test statistic: SparKer's trainer settings under
 * {@code trainer} (the table of {@link org.sparker.engine.train.TrainerSettings#describe}), or a
 * baseline test's settings under {@code test}; exactly one of the two.
 *
 * @param trainer SparKer's trainer settings, key by key, or null
 * @param test a baseline test's settings, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatisticSettings(Map<String, Object> trainer, Baseline test) {

    /** A baseline test's settings: a record whose first component is the method's name. */
    public interface Baseline {

        /** The method's name: {@code kernel-np}, {@code mmd-fuse}. */
        String method();
    }

    public StatisticSettings {
        if ((trainer == null) == (test == null)) {
            throw new IllegalArgumentException("a statistic has either trainer settings or a test's settings");
        }
        trainer = trainer == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trainer));
    }

    /** SparKer's trainer settings. */
    public static StatisticSettings ofTrainer(Map<String, Object> trainer) {
        return new StatisticSettings(trainer, null);
    }

    /** A baseline test's settings. */
    public static StatisticSettings ofTest(Baseline test) {
        return new StatisticSettings(null, test);
    }
}
