package org.sparker.reproduction;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.sparker.baselines.Method;

/**
 * What {@code NAME.json} holds: the study, how it was run (quick or full, backend, seed,
 * methods), its typed result (unwrapped into the same object), the wall time and the plots.
 */
@JsonPropertyOrder({"format", "version", "study", "quick", "backend", "seed", "methods"})
public record StudyReport(String format, int version, String study, boolean quick, String backend, long seed, List<Method> methods,
        @JsonUnwrapped StudyResult result, double seconds, List<String> plots) {
}
