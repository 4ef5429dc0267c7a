package org.sparker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.sparker.app.UserError;
import org.sparker.app.io.OutputGuard;
import org.sparker.app.preprocess.CoordinateMap;
import org.sparker.reproduction.InvarianceStudy;
import org.sparker.reproduction.Studies;
import org.sparker.reproduction.StudyContext;
import org.sparker.reproduction.StudyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The coordinate-invariance table (Kasieczka et al.): AUCs of several scores under coordinate maps, beside the closed forms. */
@Command(name = "invariance", mixinStandardHelpOptions = true, sortOptions = false,
        description = "AUCs of the likelihood ratio, the density, a KDE and SparKer on the Gaussian toy of Kasieczka et "
                + "al. (arXiv:2209.06225) in several coordinate systems, with the closed forms; writes invariance.json and one PNG per dimension.")
final class InvarianceCommand implements Callable<Integer>, TrainingOptions.Command {

    @Option(names = "--dim", paramLabel = "D,…", split = ",", defaultValue = "1,2", description = "Dimensions (default: ${DEFAULT-VALUE}).")
    List<Integer> dims;

    @Option(names = "--maps", paramLabel = "MAP,…", split = ",", defaultValue = "identity,phi,tanh,exp-neg",
            description = "Coordinate maps: identity, affine:A:B, phi, tanh (tanh(x+2)), exp-neg (e^-x), composed with > "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> maps;

    @Option(names = "--scores", paramLabel = "S,…", split = ",", defaultValue = "ratio,density,kde,sparker",
            description = "Scores (default: ${DEFAULT-VALUE}).")
    List<String> scores;

    @Option(names = "--trials", paramLabel = "K", description = "Seeds per cell (default: 10; --quick 2).")
    Integer trials;

    @Option(names = "--reference-size", paramLabel = "N", description = "Background events in R (default: 20,000).")
    Integer reference;

    @Option(names = "--data-size", paramLabel = "N", description = "Events in D, 10%% signal (default: 2,000).")
    Integer data;

    @Option(names = "--test-size", paramLabel = "N", description = "Test events per class (default: 10,000).")
    Integer test;

    @Option(names = "--quick", description = "A small, fast version (seconds).")
    boolean quick;

    final TrainingOptions training = new TrainingOptions();

    @Override
    public TrainingOptions training() {
        return training;
    }

    @Mixin
    EngineOptions engine;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "invariance", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputGuard.check("--out", out.resolve("invariance.json"), OutputGuard.Kind.STUDY_JSON, java.util.Map.of());
        for (Integer n : new Integer[] {reference, data, test}) {
            if (n != null && n < 10) {
                throw new UserError("--reference-size, --data-size and --test-size must be at least 10, got " + n);
            }
        }
        InvarianceStudy study;
        try {
            List<CoordinateMap> parsed = new ArrayList<>();
            for (String m : maps) {
                parsed.add(CoordinateMap.parse(m));
            }
            study = new InvarianceStudy(dims, parsed, scores, trials, reference, data, test);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new UserError("--" + (m.startsWith("map:") ? "maps" + m.substring(3) : m));
        }
        StudyContext ctx = new StudyContext(engine.resolvedName(), engine.effectiveThreads(), engine.seed,
                StudyOptions.of(quick, training.config()), out, Progress.reporter(engine.quiet()));
        var report = Studies.run(study, ctx);
        var o = spec.commandLine().getOut();
        ((InvarianceStudy.Result) report.result()).lines().forEach(o::println);
        o.println("invariance: " + out.resolve("invariance.json"));
        return 0;
    }
}
