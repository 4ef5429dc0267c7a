package org.sparker.engine;

/**
 * Whether a backend can run here, and if not, why, in words a user can act on
 * (e.g. "no CUDA driver found (libcuda.so.1)"). A backend can also be available but
 * <em>degraded</em>: it runs, correctly, but the hardware lacks what makes it fast (the Vector
 * API without float↔double conversions or fused multiply-add at the host's width, say), so
 * {@code auto} passes it over for the next available backend; asking for it by name still works.
 *
 * @param available whether it can run here
 * @param degraded whether it runs slower here than it is built for ({@code auto} skips it)
 * @param reason how it runs, or why it cannot or runs slowly
 */
public record Availability(boolean available, boolean degraded, String reason) {

    public Availability {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: an availability needs a reason");
        }
        if (degraded && !available) {
            throw new IllegalArgumentException("degraded: only an available backend can be degraded");
        }
    }

    public static Availability yes(String how) {
        return new Availability(true, false, how);
    }

    /** Runs, but slower than it is built for, for the reason given; {@code auto} skips it. */
    public static Availability degraded(String why) {
        return new Availability(true, true, why);
    }

    public static Availability no(String why) {
        return new Availability(false, false, why);
    }

    /** Whether {@code auto} may choose it: available and not degraded. */
    public boolean preferred() {
        return available && !degraded;
    }
}
