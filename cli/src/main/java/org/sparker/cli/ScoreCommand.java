package org.sparker.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores points with a model: f, the anomaly score and every component, one CSV row per point. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write f(x), the anomaly score and the components f_i(x) of every input point.")
final class ScoreCommand implements Callable<Integer> {

    private static final int BATCH = 65_536;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model written by run or toy.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "X", description = "Points to score (.npy or .csv).")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "CSV: f,score,f_0,...,f_{M-1}.")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "N",
            description = "Use the model of checkpoint N (from 1) listed in the model file, instead of the one it shows.")
    Integer checkpoint;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputGuard.check("--out", out, OutputGuard.Kind.SCORES_CSV, Map.of("--model", model, "--input", input));
        ModelFiles.ModelFile file = ModelFiles.read(model, checkpoint);
        KernelModel m = file.model();
        FloatMatrix raw = DataFiles.read(input);
        if (raw.cols() != m.dimension()) {
            throw new UserError("dimension mismatch: " + input + " has " + raw.cols() + " columns but the model in "
                    + model + " has dimension " + m.dimension());
        }
        // a model trained on mapped or standardized inputs scores points in the same units
        FloatMatrix x = file.toModelUnits(raw, input.toString());
        int k = m.kernels();
        try (KernelBackend backend = engine.open()) {
            OutputFiles.write(out, os -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
                StringBuilder header = new StringBuilder("f,score");
                for (int i = 0; i < k; i++) {
                    header.append(",f_").append(i);
                }
                w.write(header.append('\n').toString());
                ForwardResult r = ForwardResult.allocate(Math.min(BATCH, x.rows()), k);
                for (int start = 0; start < x.rows(); start += BATCH) {
                    int n = Math.min(BATCH, x.rows() - start);
                    int[] rows = new int[n];
                    for (int i = 0; i < n; i++) {
                        rows[i] = start + i;
                    }
                    FloatMatrix batch = n == x.rows() ? x : x.selectRows(rows);
                    backend.forward(batch, m, r);
                    for (int i = 0; i < n; i++) {
                        if (!Double.isFinite(r.logRatio()[i]) || !Double.isFinite(r.score()[i])) {
                            throw new UserError(input + ": row " + (start + i) + " gets a non-finite score (f = "
                                    + r.logRatio()[i] + ") from " + model + "; nothing written");
                        }
                    }
                    StringBuilder line = new StringBuilder(32 * (k + 2));
                    for (int i = 0; i < n; i++) {
                        line.setLength(0);
                        line.append(r.logRatio()[i]).append(',').append(r.score()[i]);
                        for (int j = 0; j < k; j++) {
                            line.append(',').append(r.components()[i * k + j]);
                        }
                        w.write(line.append('\n').toString());
                    }
                }
                w.flush();
            });
        }
        if (!engine.quiet) {
            spec.commandLine().getOut().printf("%s: %d points scored%n", out, x.rows());
        }
        return 0;
    }
}
