package org.sparker.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The loss, the NP statistic and the analytic gradients of a model on (reference, data). */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model: loss, t = −2 L_NP, and the gradients of the loss.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL.json")
    Path model;

    @Option(names = "--reference", required = true, paramLabel = "R")
    Path reference;

    @Option(names = "--data", required = true, paramLabel = "D")
    Path data;

    @Option(names = "--reference-weight", paramLabel = "W", description = "w_R (default: N_D / N_R).")
    Double referenceWeight;

    @Option(names = "--loss", paramLabel = "np|bce|mse", defaultValue = "np", description = "Loss (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--out", required = true, paramLabel = "OUT.json")
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
        OutputGuard.check("--out", out, OutputGuard.Kind.EVAL_JSON,
                Map.of("--model", model, "--reference", reference, "--data", data));
        ModelFiles.ModelFile file = ModelFiles.read(model, checkpoint);
        KernelModel m = file.model();
        FloatMatrix r = DataFiles.read(reference);
        FloatMatrix d = DataFiles.read(data);
        for (var f : new Object[][] {{reference, r}, {data, d}}) {
            if (((FloatMatrix) f[1]).cols() != m.dimension()) {
                throw new UserError("dimension mismatch: " + f[0] + " has " + ((FloatMatrix) f[1]).cols()
                        + " columns but the model in " + model + " has dimension " + m.dimension());
            }
        }
        // the model lives in mapped and standardized units: so must its samples
        r = file.toModelUnits(r, reference.toString());
        d = file.toModelUnits(d, data.toString());
        Loss l;
        TrainingSamples samples;
        try {
            l = Loss.parse(loss);
            samples = referenceWeight == null ? TrainingSamples.of(r, d) : TrainingSamples.of(r, d, referenceWeight);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        LossGradient g = LossGradient.allocate(m.kernels(), m.dimension());
        String backendName;
        try (KernelBackend backend = engine.open(); PreparedSamples p = backend.prepare(samples)) {
            backend.lossAndGradient(p, m, l, g);
            backendName = backend.name();
        }
        double[][] gradCenters = new double[m.kernels()][m.dimension()];
        for (int i = 0; i < m.kernels(); i++) {
            System.arraycopy(g.centerGradient(), i * m.dimension(), gradCenters[i], 0, m.dimension());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("loss_name", l.name().toLowerCase(java.util.Locale.ROOT));
        json.put("loss", g.loss());
        json.put("t", g.testStatistic());
        json.put("grad_amplitudes", g.amplitudeGradient());
        json.put("grad_centers", gradCenters);
        json.put("reference_weight", samples.referenceWeight());
        json.put("backend", backendName);
        OutputFiles.writeJson(out, json);
        if (!engine.quiet) {
            spec.commandLine().getOut().printf("loss %.6g, t %.6g → %s%n", g.loss(), g.testStatistic(), out);
        }
        return 0;
    }
}
