package org.sparker.engine;

/**
 * Whether a backend can run here, and if not, why, in words a user can act on
 * (e.g. "no CUDA driver found (libcuda.so.1)").
 */
public record Availability(boolean available, String reason) {

    public Availability {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: an availability needs a reason");
        }
    }

    public static Availability yes(String how) {
        return new Availability(true, how);
    }

    public static Availability no(String why) {
        return new Availability(false, why);
    }
}
