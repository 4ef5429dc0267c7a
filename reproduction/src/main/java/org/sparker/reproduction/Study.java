package org.sparker.reproduction;

import java.util.List;

import org.sparker.baselines.Method;

/**
 * One of the paper's toy experiments (Section III, App. C–E) as a study: it trains, calibrates
 * and plots through its {@link StudyContext} and returns a typed result, which
 * {@link Studies#run} writes as {@code NAME.json} beside the plots.
 */
public interface Study {

    /** The name {@code sparker toy NAME} runs it by. */
    String name();

    /** One line for {@code sparker toy --list}. */
    String description();

    /** Whether it compares methods (SparKer and the baselines); the others run SparKer alone. */
    default boolean comparesMethods() {
        return false;
    }

    /**
     * The methods it runs when the command line names none ({@code --methods}): SparKer alone
     * unless the study says otherwise.
     */
    default List<Method> defaultMethods() {
        return List.of(Method.SPARKER);
    }

    /** Runs the study. */
    StudyResult run(StudyContext context);
}
