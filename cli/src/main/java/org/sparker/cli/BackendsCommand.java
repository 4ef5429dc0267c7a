package org.sparker.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.sparker.engine.Availability;
import org.sparker.engine.BackendProvider;
import org.sparker.engine.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the backends, whether each can run here and why, and what auto picks. */
@Command(name = "backends", mixinStandardHelpOptions = true, description = "List the backends and which one auto picks.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (BackendProvider p : Backends.providers()) {
            Availability a = p.availability();
            out.printf(Locale.ROOT, "%-10s %-12s %s%n", p.name(),
                    a.degraded() ? "degraded" : a.available() ? "available" : "unavailable", a.reason());
        }
        try {
            out.println("auto → " + Backends.provider("auto").name());
        } catch (RuntimeException e) {
            out.println("auto → none: " + e.getMessage());
        }
        return 0;
    }
}
