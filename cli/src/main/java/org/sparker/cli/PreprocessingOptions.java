package org.sparker.cli;

import org.sparker.app.preprocess.Preprocessing;

import picocli.CommandLine.Option;

/** What every sample goes through before training ({@code run}, {@code calibrate}): one option block, one meaning. */
final class PreprocessingOptions {

    @Option(names = "--map", paramLabel = "MAP",
            description = "Apply a coordinate map to every value first: identity, affine:A:B, phi, tanh (tanh(x+2)), "
                    + "exp-neg (e^-x), composed with >; recorded in model.json, so score and eval apply it too.")
    String map;

    @Option(names = "--pca", paramLabel = "K",
            description = "Project onto the reference's first K principal axes (after --map, before standardizing), "
                    + "fitted on the test's reference and refitted on every calibration toy's; recorded in "
                    + "model.json, so score and eval project new points the same way (docs/embeddings.md).")
    Integer pca;

    @Option(names = "--spherical", paramLabel = "CENTRE", arity = "0..1", fallbackValue = "mean",
            description = "Put every point in hyperspherical coordinates (its radius and d - 1 angles) about the "
                    + "reference's mean (mean, the default of the bare option) or the origin (origin), after --pca and "
                    + "before standardizing; refitted on every calibration toy's reference and recorded in model.json "
                    + "(docs/embeddings.md).")
    String spherical;

    @Option(names = "--standardize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Put every coordinate on the reference's scale first (mean 0, standard deviation 1), "
                    + "so that columns in different units weigh alike; recorded in model.json. The default; "
                    + "--no-standardize trains in the input's units (docs/reproduction.md, \"Real data\").")
    boolean standardize;

    /** The options as the application's step. */
    Preprocessing preprocessing() {
        return Preprocessing.of(map, pca, spherical, standardize);
    }
}
