package org.sparker.engine.cuda;

import java.lang.System.Logger.Level;

import org.sparker.engine.AbstractBackendProvider;
import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.KernelBackend;

/**
 * Registers the {@code cuda} backend. Cheap to construct; the first {@link #availability()}
 * loads JCuda's native library and asks the driver for a device, turning every failure (no
 * natives for this platform, no driver, no device) into a reason. No GPU is a normal state,
 * logged at debug; asking for {@code cuda} by name then fails with the reason. With a device, the
 * backend is available (and {@code auto} prefers it) only on a device model its agreement tests
 * have passed on ({@link #VERIFIED}); on any other it is degraded: it runs by name, and {@code auto}
 * does not pick it, because double-precision rates differ by 30× between NVIDIA's data-centre
 * and consumer parts and the kernels have been checked and timed on the former only.
 */
public final class CudaBackendProvider extends AbstractBackendProvider {

    static final String NAME = "cuda";

    /**
     * A device model on which the agreement tests ({@code CudaAgreementTest} and the end-to-end
     * checks of {@code verification/gpu/run.sh}) passed with the kernels of this build.
     *
     * @param device the driver's device name
     * @param date the day they passed
     * @param software driver and CUDA versions of that run
     */
    record Verification(String device, String date, String software) {
    }

    /** The device models the kernels have passed on (docs/benchmarks.md, "CUDA on a GPU"). */
    static final java.util.List<Verification> VERIFIED = java.util.List.of(
            new Verification("NVIDIA H200", "2026-12-04", "driver 580.159.04, CUDA 13.0"));
    private static final System.Logger LOG = System.getLogger(CudaBackendProvider.class.getName());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    protected Availability probe() {
        return Once.AVAILABILITY;
    }

    /** Loading native code succeeds or fails once per process: so is the answer kept. */
    private static final class Once {
        static final Availability AVAILABILITY = probeDriver();
    }

    /** How many times this process probed the driver: once, whatever the number of providers. */
    static final java.util.concurrent.atomic.AtomicInteger PROBES = new java.util.concurrent.atomic.AtomicInteger();

    private static Availability probeDriver() {
        PROBES.incrementAndGet();
        try {
            CudaProbe.Device device = CudaProbe.describe();
            return availabilityOn(device.name(), device.description());
        } catch (UnsatisfiedLinkError e) {
            return unavailable("the JCuda native library or the CUDA driver (libcuda.so) could not be loaded: "
                    + firstLine(e.getMessage()));
        } catch (LinkageError e) {
            return unavailable("JCuda could not be initialised: " + firstLine(String.valueOf(e)));
        } catch (CudaBackendException e) {
            return unavailable(e.getMessage());
        } catch (RuntimeException e) {
            return unavailable("probing the CUDA driver failed: " + firstLine(String.valueOf(e)));
        }
    }

    /** Available on a verified device model, degraded (by name only) on any other. */
    static Availability availabilityOn(String deviceName, String description) {
        for (Verification v : VERIFIED) {
            if (v.device().equals(deviceName)) {
                return Availability.yes(description + " (agreement tests passed on this model, " + v.date() + ", "
                        + v.software() + ")");
            }
        }
        String where = VERIFIED.stream().map(v -> v.device() + " (" + v.date() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        return Availability.degraded(description + "; its agreement tests have passed on " + where + " but not on a "
                + deviceName + ", so auto does not pick it (--backend cuda runs it; verification/gpu/run.sh checks it)");
    }

    private static Availability unavailable(String why) {
        LOG.log(Level.DEBUG, "cuda backend unavailable: {0}", why);
        return Availability.no(why);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    protected KernelBackend start(BackendOptions options) {
        try {
            return new CudaBackend();
        } catch (CudaBackendException e) {
            throw new BackendUnavailableException("backend '" + NAME + "' could not start: " + e.getMessage(), e);
        }
    }
}
