package org.sparker.app.io;

import java.nio.file.Path;

import org.sparker.app.UserError;
import org.sparker.engine.FloatMatrix;

/**
 * The command line's input reader for other front ends (the Spark runner): the same formats and
 * checks as every {@code sparker} command ({@code .npy}, {@code .npz:NAME}, {@code .h5:/PATH},
 * {@code .csv}), with problems as {@link IllegalArgumentException} naming the file, row and column.
 */
public final class Inputs {

    private Inputs() {
    }

    /** Reads {@code file} as {@code sparker run} would. */
    public static FloatMatrix read(Path file) {
        try {
            return DataFiles.read(file);
        } catch (UserError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
