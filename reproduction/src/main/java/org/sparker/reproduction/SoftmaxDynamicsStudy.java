package org.sparker.reproduction;

import org.sparker.app.report.Charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.toys.TeacherStudentToy;

/**
 * The same 1D sample trained with and without the softmax competition, the kernel positions
 * plotted against the step: Fig. 6 (two anomalous points, two kernels from the same start) and
 * Fig. 7 (a Gaussian signal, seven kernels).
 */
final class SoftmaxDynamicsStudy implements Study {

    /** One variant's final state and, per target, the distance to the nearest kernel. */
    record Run(String variant, double[] finalCenters, double[] finalAmplitudes, double[] nearestKernelToEachTarget) {
    }

    record Result(double[] targets, List<Run> runs) implements StudyResult {
    }

    private final String name;
    private final String description;
    private final String what;
    private final double[] targets;
    private final int kernels;
    private final double[] start;
    private final Function<StudyContext, TrainingSamples> samples;

    private SoftmaxDynamicsStudy(String name, String description, String what, double[] targets, int kernels,
            double[] start, Function<StudyContext, TrainingSamples> samples) {
        this.name = name;
        this.description = description;
        this.what = what;
        this.targets = targets;
        this.kernels = kernels;
        this.start = start;
        this.samples = samples;
    }

    /** Fig. 6: single anomalous points at −5 and −10, two kernels starting at −3 and −2.5. */
    static SoftmaxDynamicsStudy fig6() {
        double[] anomalies = {-5, -10};
        return new SoftmaxDynamicsStudy("fig6", "two anomalous points (−5, −10), two kernels, with and without softmax",
                "anomalous points [-5.0, -10.0]", anomalies, 2, new double[] {-3.0, -2.5},
                ctx -> Trajectories.infiniteStatistics(ctx.quick() ? 2000 : 20_000, anomalies, Stream.FIG6_SAMPLE,
                        ctx.seed()));
    }

    /** Fig. 7: the signal N(−5, 0.1) on the ±3 mixture with limited statistics, seven kernels. */
    static SoftmaxDynamicsStudy fig7() {
        return new SoftmaxDynamicsStudy("fig7", "signal N(−5, 0.1) on the ±3 mixture, seven kernels, with and without softmax",
                "signal N(−5, 0.1), 2%", new double[] {-5}, 7, null,
                ctx -> TeacherStudentToy.gaussianSignal(ctx.quick() ? 2000 : 20_000, ctx.quick() ? 200 : 2000, -5, 0.1, 0.02)
                        .sample(Seeds.stream(Stream.FIG7_SAMPLE, ctx.seed())));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Result run(StudyContext ctx) {
        TrainingSamples s = samples.apply(ctx);
        double[][] targets1d = new double[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            targets1d[i] = new double[] {targets[i]};
        }
        List<Run> runs = new ArrayList<>();
        for (boolean softmax : new boolean[] {true, false}) {
            TrainerConfig cfg = ctx.config(b -> StudyContext.dynamicsOptimizer(b).kernels(kernels).steps(ctx.quick() ? 200 : 5000).softmax(softmax)
                    .initialCenters(start).seed(ctx.seed()));
            TrajectoryRecorder rec = ctx.train(s, cfg);
            String label = softmax ? "softmax" : "no softmax";
            XYChart chart = new XYChartBuilder().width(800).height(480)
                    .title(name + ": kernel positions, " + label + " (" + what + ")").xAxisTitle("step").yAxisTitle("μ_i")
                    .build();
            Charts.style(chart.getStyler());
            double[] steps = Trajectories.steps(rec);
            for (int i = 0; i < kernels; i++) {
                Charts.line(chart, "kernel " + i, steps, Trajectories.coordinate(rec, i, 0, 1),
                        Charts.PALETTE[i % Charts.PALETTE.length]);
            }
            for (double t : targets) {
                Charts.horizontal(chart, "target " + t, steps[0], steps[steps.length - 1], t, Color.GRAY);
            }
            ctx.png(chart, name + (softmax ? "-softmax" : "-no-softmax"));
            TrajectoryRecorder.Frame last = Trajectories.last(rec);
            runs.add(new Run(label, last.centers(), last.amplitudes(), Trajectories.nearest(targets1d, last, 1)));
        }
        return new Result(targets.clone(), runs);
    }
}
