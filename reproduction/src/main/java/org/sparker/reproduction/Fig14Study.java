package org.sparker.reproduction;

import org.sparker.app.report.Charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.stats.MoranSpacing;
import org.sparker.toys.ExponentialToy;
import org.sparker.toys.ToyModel;

/**
 * Fig. 14: Moran's spacing statistic of the (1D) kernel positions on the reference's range,
 * during training, averaged over anomaly-free toys of the extreme-tail set-up, with and without
 * softmax, against its mean for uniform positions.
 */
final class Fig14Study implements Study {

    /** The mean and spread over toys of the statistic at each recorded step. */
    record Curve(String variant, double[] steps, double[] mean, double[] std, double finalMean, double finalStd) {
    }

    /**
     * The final statistics toy by toy (both variants train on the same toys): the mean and median
     * of softmax − no softmax, the toys where each is lower, and the two-sided Wilcoxon
     * signed-rank p-value.
     */
    record Paired(double meanDifference, double medianDifference, int softmaxLower, int noSoftmaxLower,
            double pValueWilcoxon, double[] softmaxFinal, double[] noSoftmaxFinal) {
    }

    record Result(int toys, double uniformMean, List<Curve> curves, Paired paired) implements StudyResult {
    }

    @Override
    public String name() {
        return "fig14";
    }

    @Override
    public String description() {
        return "Moran spacing of the kernel positions during training, with and without softmax";
    }

    @Override
    public Result run(StudyContext ctx) {
        ToyModel toy = ctx.sized(ExponentialToy.table1("extreme-tail")).withoutSignal();
        int toys = ctx.quick() ? 3 : 100;
        XYChart chart = new XYChartBuilder().width(800).height(480).title("fig14: Moran spacing of kernel positions")
                .xAxisTitle("step").yAxisTitle("Moran statistic").build();
        Charts.style(chart.getStyler());
        List<Curve> curves = new ArrayList<>();
        double[][] finals = new double[2][toys];
        int c = 0;
        for (boolean softmax : new boolean[] {true, false}) {
            TrainerConfig cfg = ctx.config(b -> b.softmax(softmax));
            double[] sum = null;
            double[] sumSq = null;
            double[] steps = null;
            for (int k = 0; k < toys; k++) {
                TrainingSamples s = toy.sample(Seeds.stream(Stream.FIG14_SAMPLES, ctx.seed(), k));
                TrajectoryRecorder rec = ctx.train(s, cfg.withSeed(Stream.FIG14_TRAINING.seed(ctx.seed(), k)));
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (float v : s.reference().data()) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                List<TrajectoryRecorder.Frame> fr = rec.frames();
                if (sum == null) {
                    sum = new double[fr.size()];
                    sumSq = new double[fr.size()];
                    steps = Trajectories.steps(rec);
                }
                for (int j = 0; j < sum.length; j++) {
                    double mo = MoranSpacing.statistic(fr.get(j).centers(), lo, hi);
                    sum[j] += mo;
                    sumSq[j] += mo * mo;
                    if (j == sum.length - 1) {
                        finals[softmax ? 0 : 1][k] = mo;
                    }
                }
            }
            int frames = sum.length;
            double[] mean = new double[frames];
            double[] std = new double[frames];
            for (int j = 0; j < frames; j++) {
                mean[j] = sum[j] / toys;
                std[j] = Math.sqrt(Math.max(0, sumSq[j] / toys - mean[j] * mean[j]));
            }
            String label = softmax ? "softmax" : "no softmax";
            Charts.line(chart, label, steps, mean, Charts.PALETTE[c++]);
            curves.add(new Curve(label, steps, mean, std, mean[frames - 1], std[frames - 1]));
        }
        TrainerConfig base = ctx.config(null);
        double uniform = MoranSpacing.uniformMean(base.kernels());
        Charts.line(chart, "uniform positions", new double[] {0, base.steps()}, new double[] {uniform, uniform}, Color.BLACK);
        ctx.png(chart, "fig14");
        return new Result(toys, uniform, curves, paired(finals[0], finals[1]));
    }

    static Paired paired(double[] softmax, double[] none) {
        int n = softmax.length;
        double[] diff = new double[n];
        int lower = 0;
        int higher = 0;
        double mean = 0;
        for (int k = 0; k < n; k++) {
            diff[k] = softmax[k] - none[k];
            mean += diff[k] / n;
            lower += diff[k] < 0 ? 1 : 0;
            higher += diff[k] > 0 ? 1 : 0;
        }
        double median = org.apache.commons.statistics.descriptive.Median.withDefaults().evaluate(diff.clone());
        double p = lower + higher == 0 ? 1.0
                : org.apache.commons.statistics.inference.WilcoxonSignedRankTest.withDefaults().test(softmax, none)
                        .getPValue();
        return new Paired(mean, median, lower, higher, p, softmax.clone(), none.clone());
    }
}
