package org.sparker.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sparker.app.Workflows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparker calibrate merge SHARD… --out FILE}. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the shard files of one calibration (calibrate --shard i/n) into one file that run "
                + "--calibration takes: byte for byte the file one machine writes with the same settings and seed.")
final class CalibrateMergeCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(paramLabel = "SHARD", arity = "1..*", description = "The shard files, in any order.")
    java.util.List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The merged calibration file.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int n = Workflows.merge(shards, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d toys from %d shards%n", out, n, shards.size());
        return 0;
    }
}
