package org.sparker.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.sparker.app.ToyRequest;
import org.sparker.app.UserError;
import org.sparker.app.Workflows;
import org.sparker.app.io.OutputGuard;
import org.sparker.baselines.Method;
import org.sparker.reproduction.Benchmarks;
import org.sparker.reproduction.Recipe;
import org.sparker.reproduction.Studies;
import org.sparker.reproduction.Study;
import org.sparker.reproduction.StudyContext;
import org.sparker.reproduction.StudyOptions;
import org.sparker.stats.Calibration;
import org.sparker.toys.ToyModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs one of the paper's toy set-ups end to end: calibration on its null, one test with its signal. */
@Command(name = "toy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run one of the paper's toy benchmarks (Tables I and II): calibrate, test, report.")
final class ToyCommand implements Callable<Integer>, TrainingOptions.Command {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Toy name (see --list).")
    String name;

    @Option(names = "--list", description = "List the toys and the studies.")
    boolean list;

    @Option(names = "--quick", description = "Studies only: a small, fast version (seconds) for smoke tests.")
    boolean quick;

    @Option(names = "--toys", paramLabel = "K", defaultValue = "100", description = "Calibration toys (default: ${DEFAULT-VALUE}).")
    int toys;

    @Option(names = "--null-toys", paramLabel = "K", description = "Studies: anomaly-free toys per calibration (default: 200; kernel-np-reference 1,000).")
    Integer nullToys;

    @Option(names = "--signal-toys", paramLabel = "K", description = "Studies: signal toys per power (default: 100; kernel-np-reference 300).")
    Integer signalToys;

    @Option(names = "--reference-size", paramLabel = "N_R", description = "Override N_R (paper: 20,000).")
    Integer referenceSize;

    @Option(names = "--expected-data", paramLabel = "N(R)", description = "Override the expected data size (paper: 2,000).")
    Double expectedData;

    @Option(names = "--methods", paramLabel = "M,…", split = ",",
            description = "Studies that compare methods (table1, table2, type1, tune, real-data): which to run, of "
                    + "sparker, kernel-np, mmd-fuse (default: sparker; real-data: all three, SparKer as given and "
                    + "standardized).")
    List<String> methods;

    @Option(names = "--recipes", paramLabel = "NAME:K=V,…;…",
            description = "tune: the training recipes to compare (default: the study's grid; see docs/reproduction.md).")
    String recipes;

    @Option(names = "--benchmarks", paramLabel = "B,…", split = ",",
            description = "tune: the benchmarks to run the recipes on (default: exp1d-bulk, exp1d-tail, exp1d-extreme-tail, gauss2d-bulk).")
    List<String> benchmarks;

    @Option(names = "--dataset", paramLabel = "FILE",
            description = "real-data: the breast-cancer table (default: scikit-learn's copy, as Debian's python3-sklearn installs it).")
    Path dataset;

    final TrainingOptions training = new TrainingOptions();

    @Override
    public TrainingOptions training() {
        return training;
    }

    @Mixin
    BaselineOptions baselines;

    @Mixin
    EngineOptions engine;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: toy-NAME).")
    Path out;

    @Spec
    CommandSpec spec;

    static ToyModel model(String name) {
        try {
            return Benchmarks.model(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown toy '" + name + "'; sparker toy --list shows them");
        }
    }

    @Override
    public Integer call() {
        var o = spec.commandLine().getOut();
        if (list || name == null) {
            o.println("benchmarks (calibrate on the null, test one draw with the signal, report):");
            Benchmarks.NAMES.forEach((k, v) -> o.printf(Locale.ROOT, "  %-20s %s%n", k, v));
            o.println("studies (the paper's tables and figures; JSON and PNG; --quick for a smoke run):");
            Studies.ALL.forEach(st -> o.printf(Locale.ROOT, "  %-20s %s%n", st.name(), st.description()));
            return list ? 0 : 2;
        }
        Optional<Study> study = Studies.find(name);
        if (study.isPresent()) {
            Path dir = out != null ? out : Path.of("study-" + name);
            OutputGuard.check("--out", dir.resolve(name + ".json"), OutputGuard.Kind.STUDY_JSON,
                    dataset == null ? java.util.Map.of() : java.util.Map.of("--dataset", dataset));
            StudyOptions options;
            try {
                options = new StudyOptions(quick, nullToys, signalToys,
                        methods == null ? null : methods.stream().map(m -> BaselineOptions.method("--methods", m)).toList(),
                        training.config(), baselines.settings(),
                        recipes == null ? null : Recipe.parseList(recipes), benchmarks, dataset);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            StudyContext context = new StudyContext(engine.resolvedName(), engine.effectiveThreads(), engine.seed,
                    options, dir, Progress.reporter(engine.quiet()));
            try {
                Studies.run(study.get(), context);
            } catch (java.io.UncheckedIOException e) {
                throw new UserError(e.getMessage(), e);
            }
            o.println(name + ": " + dir.resolve(name + ".json"));
            return 0;
        }
        ToyModel toy = model(name);
        if (referenceSize != null || expectedData != null) {
            int nr = referenceSize != null ? referenceSize : toy.referenceSize();
            double nd = expectedData != null ? expectedData : toy.expectedData();
            toy = toy.withSizes(nr, nd);
        }
        Path dir = out != null ? out : Path.of("toy-" + name);
        Workflows.ToyRan result = Workflows.toy(new ToyRequest(toy, toys, name, training.config(),
                baselines.aggregation(Method.SPARKER), dir, engine.engine()));
        o.println(result.summary());
        o.println("report: " + dir.resolve("report.html"));
        return 0;
    }

    static List<String> names() {
        return List.copyOf(Benchmarks.NAMES.keySet());
    }
}
