package org.sparker.reproduction;

import org.sparker.app.report.Charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;

/** Fig. 4: uniform background in [−1, 1]², three small anomalous clusters, four kernels. */
final class Fig4Study implements Study {

    /** The clusters' centres. */
    static final double[][] CLUSTERS = {{-0.6, 0.5}, {0.55, 0.6}, {0.2, -0.65}};

    /** Where one kernel started and ended. */
    record Kernel(double[] start, double[] end) {
    }

    /** The kernels and, for each cluster, the distance to the nearest final centre. */
    record Result(double[][] clusters, List<Kernel> kernels, double[] nearestKernelToEachCluster) implements StudyResult {
    }

    @Override
    public String name() {
        return "fig4";
    }

    @Override
    public String description() {
        return "2D kernel trajectories: uniform square, three anomalous clusters, 4 kernels";
    }

    @Override
    public Result run(StudyContext ctx) {
        UniformRandomProvider rng = Seeds.stream(Stream.FIG4_SAMPLE, ctx.seed());
        int nRef = ctx.quick() ? 4000 : 40_000;
        int nData = ctx.quick() ? 400 : 4000;
        int perCluster = nData / 40;
        float[] ref = new float[2 * nRef];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) (2 * rng.nextDouble() - 1);
        }
        int n = nData + CLUSTERS.length * perCluster;
        float[] data = new float[2 * n];
        for (int i = 0; i < 2 * nData; i++) {
            data[i] = (float) (2 * rng.nextDouble() - 1);
        }
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int o = 2 * nData;
        for (double[] c : CLUSTERS) {
            for (int j = 0; j < perCluster; j++) {
                data[o++] = (float) (c[0] + 0.05 * gauss.sample());
                data[o++] = (float) (c[1] + 0.05 * gauss.sample());
            }
        }
        TrainingSamples s = TrainingSamples.of(FloatMatrix.wrap(ref, nRef, 2), FloatMatrix.wrap(data, n, 2),
                (double) nData / nRef);
        TrainerConfig cfg = ctx.config(b -> StudyContext.dynamicsOptimizer(b).kernels(4).steps(ctx.quick() ? 200 : 4000).learningRate(0.01).seed(ctx.seed()));
        TrajectoryRecorder rec = ctx.train(s, cfg);

        XYChart chart = new XYChartBuilder().width(700).height(700).title("fig4: kernel trajectories (4 kernels)")
                .xAxisTitle("x₀").yAxisTitle("x₁").build();
        Charts.style(chart.getStyler());
        List<Kernel> kernels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double[] x = Trajectories.coordinate(rec, i, 0, 2);
            double[] y = Trajectories.coordinate(rec, i, 1, 2);
            Charts.line(chart, "kernel " + i, x, y, Charts.PALETTE[i]);
            kernels.add(new Kernel(new double[] {x[0], y[0]}, new double[] {x[x.length - 1], y[y.length - 1]}));
        }
        for (int c = 0; c < CLUSTERS.length; c++) {
            XYSeries s2 = Charts.scatter(chart, "cluster " + c, new double[] {CLUSTERS[c][0]}, new double[] {CLUSTERS[c][1]},
                    Color.BLACK);
            s2.setMarker(SeriesMarkers.DIAMOND);
        }
        ctx.png(chart, "fig4");
        return new Result(CLUSTERS, kernels, Trajectories.nearest(CLUSTERS, Trajectories.last(rec), 2));
    }
}
