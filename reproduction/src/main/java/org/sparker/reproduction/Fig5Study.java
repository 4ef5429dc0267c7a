package org.sparker.reproduction;

import org.sparker.app.report.Charts;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.engine.train.WidthRange;
import org.sparker.sampling.Stream;

/**
 * Fig. 5: mixture N(±3, 1) with one anomalous point at −10, large weighted samples ("infinite
 * statistics"), one kernel from the same start: fixed σ ∈ {5, 1, 0.5, 0.05} against linear
 * annealing from 5 to 0.05, 20,000 steps (with 5,000 at η = 0.05 not even annealing gets there).
 */
final class Fig5Study implements Study {

    /** The anomalous point. */
    static final double ANOMALY = -10;

    /** One width schedule: where it started and how far from the anomaly it ended. */
    record Run(String label, double start, double finalDistance) {
    }

    record Result(List<Run> runs) implements StudyResult {
    }

    @Override
    public String name() {
        return "fig5";
    }

    @Override
    public String description() {
        return "teacher/student: one kernel, fixed widths vs annealing, anomaly at −10";
    }

    @Override
    public Result run(StudyContext ctx) {
        TrainingSamples s = Trajectories.infiniteStatistics(ctx.quick() ? 2000 : 20_000, new double[] {ANOMALY},
                Stream.FIG5_SAMPLE, ctx.seed());
        XYChart chart = new XYChartBuilder().width(800).height(480).title("fig5: distance of the kernel to the anomaly at −10")
                .xAxisTitle("step").yAxisTitle("|μ + 10|").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        List<Run> runs = new ArrayList<>();
        double[][] widths = {{5, 5}, {1, 1}, {0.5, 0.5}, {0.05, 0.05}, {5, 0.05}};
        int c = 0;
        for (double[] w : widths) {
            String label = w[0] == w[1] ? "σ = " + w[0] : "annealing " + w[0] + " → " + w[1];
            // every run starts at −3, the centre of the nearer background component
            TrainerConfig cfg = ctx.config(b -> StudyContext.dynamicsOptimizer(b).kernels(1).steps(ctx.quick() ? 200 : 20_000).checkpoints(1)
                    .widthRange(new WidthRange(w[0], w[1])).initialCenters(-3.0).seed(ctx.seed()));
            TrajectoryRecorder rec = ctx.train(s, cfg);
            double[] dist = rec.frames().stream().mapToDouble(f -> Math.max(1e-4, Math.abs(f.centers()[0] - ANOMALY)))
                    .toArray();
            Charts.line(chart, label, Trajectories.steps(rec), dist, Charts.PALETTE[c++ % Charts.PALETTE.length]);
            runs.add(new Run(label, rec.frames().get(0).centers()[0],
                    Math.abs(Trajectories.last(rec).centers()[0] - ANOMALY)));
        }
        ctx.png(chart, "fig5");
        return new Result(runs);
    }
}
