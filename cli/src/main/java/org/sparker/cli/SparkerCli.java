package org.sparker.cli;

import java.io.PrintWriter;

import org.sparker.app.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code sparker} command: run the SparKer test on your data, calibrate, score points,
 * evaluate a model, reproduce the paper's toys, benchmark the backends.
 */
@Command(name = "sparker", mixinStandardHelpOptions = true, versionProvider = SparkerCli.Version.class,
        description = "Sparse, self-organising Gaussian kernels for the Neyman–Pearson two-sample test.",
        subcommands = {DemoCommand.class, RunCommand.class, CalibrateCommand.class, ScoreCommand.class,
            EvalCommand.class, ToyCommand.class, MedoidsCommand.class, RadotCommand.class, InvarianceCommand.class, BenchCommand.class, BackendsCommand.class,
            CommandLine.HelpCommand.class})
public final class SparkerCli implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code sparker --version}: the version and the commit the jar was built from (git.properties). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties git = new java.util.Properties();
            try (var in = SparkerCli.class.getResourceAsStream("git.properties")) {
                if (in != null) {
                    git.load(in);
                }
            } catch (java.io.IOException e) {
                // no commit to name
            }
            String commit = git.getProperty("git.commit.id.abbrev");
            return new String[] {"sparker 0.1.0" + (commit == null ? " (built outside a git checkout)"
                    : ", commit " + commit + ("true".equals(git.getProperty("git.dirty")) ? " with local changes" : "")
                    + " of " + git.getProperty("git.commit.time"))};
        }
    }

    /** No command: the list of commands on stderr, and the usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // UTF-8 whatever the locale: in a C or POSIX locale the JVM would print "≤", "−∞" and "σ" as "?"
        System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                java.nio.charset.StandardCharsets.UTF_8));
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Gives every command that trains the training options of the one settings table. */
    private static void addTrainingOptions(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof TrainingOptions.Command c) {
                sub.getCommandSpec().addMixin("training", c.training().mixin());
            }
            addTrainingOptions(sub);
        }
    }

    /** Runs the command line; returns the exit code (0 ok, 1 error, 2 usage). Never throws. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkerCli());
        addTrainingOptions(cli);
        // a usage error: the error and where to look, not the whole usage
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine c = e.getCommandLine();
            err.println("sparker: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try 'sparker" + (c.getCommandSpec().qualifiedName().equals("sparker") ? ""
                    : c.getCommandSpec().qualifiedName().substring("sparker".length())) + " --help' for its options.");
            err.flush();
            return 2;
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable t = e;
            if (t instanceof UserError || t instanceof IllegalArgumentException) {
                err.println("sparker: " + t.getMessage());
            } else if (t instanceof OutOfMemoryError) {
                err.println(outOfMemory());
            } else if (t instanceof NegativeArraySizeException
                    || (t instanceof ArithmeticException && String.valueOf(t.getMessage()).contains("overflow"))) {
                err.println("sparker: the inputs are too large for one Java array (more than 2^31 values in one "
                        + "sample, or its points × kernels); split them or reduce their size");
            } else {
                err.println("sparker: internal error: " + t + " (set SPARKER_DEBUG=1 for the stack trace)");
            }
            if (System.getenv("SPARKER_DEBUG") != null) {
                t.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // an Error passes picocli's handler, which sees exceptions only
            err.println(outOfMemory());
            err.flush();
            return 1;
        }
    }

    /** One line: how much heap this JVM may use, and how to give it more. */
    static String outOfMemory() {
        long max = Runtime.getRuntime().maxMemory();
        return "sparker: out of memory: this JVM may use at most " + max / (1 << 20) + " MiB of heap and the inputs "
                + "needed more; raise it, e.g. SPARKER_JAVA_OPTS=-Xmx" + Math.max(2, 2 * max / (1L << 30))
                + "g, or use smaller inputs";
    }
}
