package org.sparker.engine.simd;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;

import org.sparker.engine.AbstractBackendProvider;
import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.KernelBackend;

/**
 * Registers the {@code simd} backend the way Lucene's VectorizationProvider does: this class
 * never links against {@code jdk.incubator.vector}. The backend class is loaded reflectively,
 * and only after {@code ModuleLayer.boot()} shows the incubator module is present; otherwise one
 * warning names the flag to pass and {@code auto} falls back to another backend. The backend
 * refuses itself when the hardware's vectors are narrower than 128 bits, and reports itself
 * degraded (so {@code auto} passes it over) where the vector path would fall back to scalar
 * emulation ({@link VectorSupport#limitation()}).
 */
public final class SimdBackendProvider extends AbstractBackendProvider {

    static final String NAME = "simd";
    static final String MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger(SimdBackendProvider.class.getName());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    protected Availability probe() {
        return Once.AVAILABILITY;
    }

    /** The module set and the hardware are fixed for the process: probe (and warn) once. */
    private static final class Once {
        static final Availability AVAILABILITY = probeVectorApi();
    }

    private static Availability probeVectorApi() {
        try {
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                String why = "the JDK module " + MODULE + " is not enabled: start java with --add-modules " + MODULE;
                LOG.log(Level.WARNING, "SparKer simd backend disabled: " + why);
                return Availability.no(why);
            }
            Class<?> support = Class.forName("org.sparker.engine.simd.VectorSupport");
            String description = (String) support.getMethod("describe").invoke(null);
            String limitation = (String) support.getMethod("limitation").invoke(null);
            if (limitation != null) {
                LOG.log(Level.WARNING, "SparKer simd backend runs degraded here: " + limitation);
                return Availability.degraded(description + "; not fully supported at this width: " + limitation);
            }
            return Availability.yes(description);
        } catch (InvocationTargetException e) {
            return Availability.no(String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Availability.no("the Vector API could not be initialised: " + e);
        }
    }

    @Override
    protected KernelBackend start(BackendOptions options) {
        try {
            Class<?> impl = Class.forName("org.sparker.engine.simd.SimdBackend");
            return (KernelBackend) impl.getConstructor(int.class).newInstance(options.effectiveThreads());
        } catch (InvocationTargetException e) {
            throw new BackendUnavailableException("backend '" + NAME + "' could not start: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new BackendUnavailableException("backend '" + NAME + "' could not be loaded: " + e, e);
        }
    }
}
