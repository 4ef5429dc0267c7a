package org.sparker.app;

/** A problem with the user's input or environment: reported as one line, exit code 1. */
public final class UserError extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
