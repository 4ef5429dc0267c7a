package org.sparker.reproduction;

import java.util.List;
import java.util.Optional;

import org.sparker.baselines.Method;
import org.sparker.calibration.AtomicFiles;

/** The one registry of studies, and how one is run and its {@code NAME.json} written. */
public final class Studies {

    /** Every study, in the order {@code sparker toy --list} shows them. */
    public static final List<Study> ALL = List.of(PowerTableStudy.table1(), PowerTableStudy.table2(),
            PowerTableStudy.table4(), PowerTableStudy.table5(), PowerTableStudy.typeOne(), new Fig4Study(), new Fig5Study(),
            SoftmaxDynamicsStudy.fig6(), SoftmaxDynamicsStudy.fig7(), new KernelNpReferenceStudy(), new Fig14Study(),
            new TuneStudy(), new RealDataStudy(), new RadOtStudy(), InvarianceStudy.defaults());

    private Studies() {
    }

    /** The study of that name. */
    public static Optional<Study> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Runs {@code study} and writes {@code NAME.json} (its {@link StudyReport}) into the context's
     * folder, beside its plots and calibration files.
     *
     * @throws IllegalArgumentException if methods other than SparKer are asked of a study that
     *     does not compare methods
     */
    public static StudyReport run(Study study, StudyContext context) {
        StudyContext ctx = context.withOptions(context.options().withDefaultMethods(study.defaultMethods()));
        List<Method> methods = ctx.options().methods();
        if (!study.comparesMethods() && !methods.equals(List.of(Method.SPARKER))) {
            throw new IllegalArgumentException("--methods: " + study.name() + " runs SparKer alone; the studies that "
                    + "compare methods are " + String.join(", ", ALL.stream().filter(Study::comparesMethods).map(Study::name)
                            .toList()));
        }
        long started = System.nanoTime();
        StudyResult result = study.run(ctx);
        StudyReport report = new StudyReport("sparker-study", 1, study.name(), ctx.quick(), ctx.backendName(), ctx.seed(), methods, result,
                (System.nanoTime() - started) / 1e9, ctx.plots());
        AtomicFiles.writeJson(ctx.out().resolve(study.name() + ".json"), report);
        return report;
    }
}
