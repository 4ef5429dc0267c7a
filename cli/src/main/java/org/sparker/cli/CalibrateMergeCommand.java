package org.sparker.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sparker.app.UserError;
import org.sparker.app.io.OutputGuard;
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
        Map<String, Path> inputs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            inputs.put("SHARD " + (i + 1), shards.get(i));
            if (!java.nio.file.Files.isRegularFile(shards.get(i))) {
                throw new UserError(shards.get(i) + ": no such file");
            }
        }
        OutputGuard.check("--out", out, null, inputs);
        if (java.nio.file.Files.exists(out)) {
            throw new UserError("--out " + out + " exists; merge into a new file");
        }
        int n;
        try {
            n = org.sparker.calibration.CalibrationFile.merge(shards, out);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new UserError(out + ": cannot be written (" + e.getMessage() + ")", e);
        }
        spec.commandLine().getOut().printf("%s: %d toys from %d shards%n", out, n, shards.size());
        return 0;
    }
}
