package org.sparker.reproduction;

/**
 * The typed outcome of a study: a record whose components become the study's JSON fields
 * (snake_case), beside the common ones of {@link StudyReport}.
 */
public interface StudyResult {
}
