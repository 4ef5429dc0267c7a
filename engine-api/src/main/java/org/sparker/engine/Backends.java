package org.sparker.engine;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds and creates backends (docs/design.md §7). Backends register a {@link BackendProvider} with
 * {@link ServiceLoader}; they are selected by name ({@code reference}, {@code simd}, {@code cuda})
 * or by {@code auto}, which takes the available backend of highest priority that is not
 * {@linkplain Availability#degraded() degraded} here (a degraded one only when nothing else runs). With no name given,
 * the {@value #PROPERTY} system property decides, and {@code auto} when it is unset.
 *
 * <pre>{@code
 * try (KernelBackend backend = Backends.get("auto")) {
 *     backend.forward(points, model, result);
 * }
 * }</pre>
 */
public final class Backends {

    /** System property naming the backend {@link #get()} returns. */
    public static final String PROPERTY = "sparker.backend";
    /** The name that picks the best available backend. */
    public static final String AUTO = "auto";

    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    private static volatile List<BackendProvider> providers;

    private Backends() {
    }

    /** The backend named by the {@value #PROPERTY} system property, or {@code auto}. */
    public static KernelBackend get() {
        return get(System.getProperty(PROPERTY, AUTO), BackendOptions.defaults());
    }

    /** The backend of that name ({@code auto} allowed), with default options. */
    public static KernelBackend get(String name) {
        return get(name, BackendOptions.defaults());
    }

    /**
     * The backend of that name, or the best available for {@code auto}.
     *
     * @throws IllegalArgumentException if no backend of that name is registered
     * @throws BackendUnavailableException if it is registered but cannot run here; the message
     *     gives the reason
     */
    public static KernelBackend get(String name, BackendOptions options) {
        return provider(name).create(options);
    }

    /**
     * The provider of that name, or for {@code auto} the available provider of highest priority
     * (each skipped one is logged with its reason).
     *
     * @throws IllegalArgumentException if no backend of that name is registered
     * @throws BackendUnavailableException if a named backend is unavailable
     */
    public static BackendProvider provider(String name) {
        String wanted = name == null ? AUTO : name.trim().toLowerCase(Locale.ROOT);
        List<BackendProvider> all = providers();
        if (wanted.isEmpty() || wanted.equals(AUTO)) {
            // the best backend that runs at full speed here; a degraded one only if no other runs
            BackendProvider fallback = null;
            for (BackendProvider p : all) {
                Availability a = p.availability();
                if (a.preferred()) {
                    LOG.log(Level.DEBUG, "backend auto: chose {0} ({1})", p.name(), a.reason());
                    return p;
                }
                if (a.available() && fallback == null) {
                    fallback = p;
                }
                LOG.log(Level.DEBUG, "backend auto: skipped {0}: {1}", p.name(), a.reason());
            }
            if (fallback != null) {
                return fallback;
            }
            throw new BackendUnavailableException("no backend is available: " + describe());
        }
        for (BackendProvider p : all) {
            if (p.name().equals(wanted)) {
                Availability a = p.availability();
                if (!a.available()) {
                    throw new BackendUnavailableException("backend '" + wanted + "' is unavailable: " + a.reason());
                }
                return p;
            }
        }
        throw new IllegalArgumentException("backend: unknown backend '" + name + "'; registered: "
                + all.stream().map(BackendProvider::name).collect(Collectors.joining(", ")) + ", or auto");
    }

    /** Every registered provider, highest priority first. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> p = providers;
        if (p == null) {
            synchronized (Backends.class) {
                p = providers;
                if (p == null) {
                    p = load();
                    providers = p;
                }
            }
        }
        return p;
    }

    /** One line per registered backend: name, priority, and whether it is available and why. */
    public static String describe() {
        return providers().stream()
                .map(p -> {
                    Availability a = p.availability();
                    return p.name() + " (priority " + p.priority() + "): "
                            + (a.degraded() ? "available but degraded (auto skips it), "
                                    : a.available() ? "available, " : "unavailable, ") + a.reason();
                })
                .collect(Collectors.joining("; "));
    }

    private static List<BackendProvider> load() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader<BackendProvider> loader = ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader());
        for (ServiceLoader.Provider<BackendProvider> candidate : loader.stream().toList()) {
            try {
                found.add(candidate.get());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.WARNING, "backend provider " + candidate.type().getName() + " could not be loaded: " + e);
            }
        }
        found.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
                .thenComparing(BackendProvider::name));
        return List.copyOf(found);
    }
}
