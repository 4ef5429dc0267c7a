package org.sparker.cli;

/** A problem with the user's input or environment: reported as one line, exit code 1. */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
