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
 * backend is degraded until its agreement tests have passed on one ({@link #VERIFIED_ON}).
 */
public final class CudaBackendProvider extends AbstractBackendProvider {

    static final String NAME = "cuda";

    /**
     * The device and date on which the agreement tests ({@code CudaAgreementTest}, run by
     * {@code verification/gpu/run.sh}) last passed, or empty while they never have. Until then the
     * backend runs by name but reports itself degraded, so {@code auto} never picks it.
     */
    static final String VERIFIED_ON = "";
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
            String device = CudaProbe.describe();
            return VERIFIED_ON.isEmpty()
                    ? Availability.degraded(device + "; never verified on a device: its agreement tests have not run on "
                            + "a GPU yet, so auto does not pick it (--backend cuda runs it)")
                    : Availability.yes(device + " (agreement tests passed on " + VERIFIED_ON + ")");
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
