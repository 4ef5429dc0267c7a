package org.sparker.reproduction;

import org.sparker.toys.ToySources;
import org.sparker.app.report.Charts;

import java.util.ArrayList;
import java.util.List;

import org.sparker.baselines.Method;
import org.sparker.sampling.Stream;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.stats.Power;
import org.sparker.calibration.StatisticSettings;
import org.sparker.calibration.ToyParameters;
import org.sparker.calibration.ToySource;
import org.sparker.engine.train.TrainerConfig;

/**
 * RAD-OT templates as SparKer's reference in a resonant search (RAD-OT paper, fixture G6; issue
 * item 5), on {@link ResonantToy}. SparKer is calibrated with the ideal reference (fresh
 * signal-region background). Then, on fresh toys:
 *
 * <ul>
 *   <li>R = the RAD-OT template of the toy's own sidebands, D = its signal-region background:
 *       the p-values should be those of the ideal reference (type-I error at 5% in its band, and
 *       exchangeable with the calibration's own leave-one-out p-values);</li>
 *   <li>the same toys with randomly paired sidebands: the interpolation shrinks the spread, and
 *       the test should reject far more often than 5%;</li>
 *   <li>a localised signal injected into D, against the RAD-OT template and against the ideal
 *       reference: the power at 5%.</li>
 * </ul>
 */
final class RadOtStudy implements Study {

    /** Signal events injected into a signal toy's D. */
    static final int SIGNAL = 20;

    /**
     * The result.
     *
     * @param typeI the template-vs-background rows (RAD-OT, random pairing) against the oracle calibration
     * @param power the signal rows (RAD-OT template, ideal reference)
     * @param toy the RAD-OT toy's parameters
     */
    record Result(List<PowerTableStudy.TypeIRow> typeI, List<PowerRow> power, ToyParameters toy,
            CalibrationSpec.Settings setup) implements StudyResult {
    }

    /** The power of one reference against the signal toys. */
    record PowerRow(String reference, double power, double ci68Low, double ci68High, double ci95Low, double ci95High,
            int detected, int toys, int nullToys, double[] pValues) {
    }

    @Override
    public String name() {
        return "radot";
    }

    @Override
    public String description() {
        return "RAD-OT templates (arXiv:2407.19818) as SparKer's reference on a synthetic resonant search: type-I error, "
                + "random pairing, injected signal";
    }

    @Override
    public StudyResult run(StudyContext ctx) {
        TrainerConfig training = ctx.config(null);
        ResonantToy oracle = sized(ctx, ResonantToy.Reference.ORACLE, 0);
        CalibrationSpec nullSpec = CalibrationSpec.withEstimatedRange(training, ToySources.of(oracle), ctx.seed());
        Calibration cal = ctx.calibrate(nullSpec, ctx.options().nullToys(100), "radot-null-oracle.jsonl");
        double[] looP = cal.leaveOneOutGlobalPValues(Aggregation.SPARKER);
        int toys = ctx.options().signalToys(100);
        long nullSeed = Stream.RADOT_TOYS.seed(ctx.seed());
        long signalSeed = Stream.SIGNAL_TOYS.seed(ctx.seed());

        List<PowerTableStudy.TypeIRow> typeI = new ArrayList<>();
        List<double[]> nullP = new ArrayList<>();
        for (ResonantToy.Reference r : List.of(ResonantToy.Reference.RADOT, ResonantToy.Reference.RANDOM)) {
            ResonantToy toy = sized(ctx, r, 0);
            // both references on the same toys (same seed): only the pairing differs
            double[] p = pValues(ctx, cal, new CalibrationSpec(nullSpec.test(), ToySources.of(toy), nullSeed), toys,
                    "radot-null-" + label(r) + ".jsonl");
            PowerTableStudy.TypeIRow row = PowerTableStudy.typeI(label(r), Method.SPARKER, cal.toys(), p, looP);
            nullP.add(p);
            typeI.add(row);
            ctx.reporter().line(String.format(java.util.Locale.ROOT, "radot: %s template vs background: rate at 5%% %.3f "
                    + "[%.3f, %.3f], KS vs calibration p = %.3g", label(r), row.rate(), row.ci95Low(), row.ci95High(),
                    row.ksExchangeablePValue()));
        }
        List<PowerRow> power = new ArrayList<>();
        for (ResonantToy.Reference r : List.of(ResonantToy.Reference.RADOT, ResonantToy.Reference.ORACLE)) {
            ResonantToy toy = sized(ctx, r, ctx.quick() ? SIGNAL / 4 : SIGNAL);
            double[] p = pValues(ctx, cal, new CalibrationSpec(nullSpec.test(), ToySources.withSignal(toy), signalSeed),
                    toys, "radot-signal-" + label(r) + ".jsonl");
            Power pw = Power.atLevel(p, PowerTableStudy.ALPHA);
            double[] ci95 = Power.clopperPearson(pw.detected(), pw.toys(), 0.95);
            power.add(new PowerRow(label(r), pw.value(), pw.lower(), pw.upper(), ci95[0], ci95[1], pw.detected(),
                    pw.toys(), cal.toys(), p));
            ctx.reporter().line("radot: signal against the " + label(r) + " reference: power " + pw);
        }
        plot(ctx, looP, nullP.get(0), nullP.get(1));
        return new Result(typeI, power, sized(ctx, ResonantToy.Reference.RADOT, 0).parameters(), nullSpec.settings());
    }

    /** The empirical CDFs of the p-values: ideal-reference calibration (leave-one-out), RAD-OT, random pairing. */
    private static void plot(StudyContext ctx, double[] ideal, double[] radot, double[] random) {
        org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(640).height(480)
                .title("RAD-OT template vs signal-region background: p-values").xAxisTitle("p-value")
                .yAxisTitle("fraction of toys with p ≤ x").build();
        Charts.style(chart.getStyler());
        Charts.line(chart, "uniform", new double[] {0, 1}, new double[] {0, 1}, Charts.DATA);
        ecdf(chart, "ideal reference (calibration, leave-one-out)", ideal, Charts.PALETTE[1]);
        ecdf(chart, "RAD-OT template", radot, Charts.PALETTE[2]);
        ecdf(chart, "random pairing", random, Charts.PALETTE[0]);
        ctx.png(chart, "radot-pvalues");
    }

    private static void ecdf(org.knowm.xchart.XYChart chart, String name, double[] p, java.awt.Color c) {
        double[] x = p.clone();
        java.util.Arrays.sort(x);
        double[] xs = new double[2 * x.length + 2];
        double[] ys = new double[xs.length];
        for (int i = 0; i < x.length; i++) {
            xs[2 * i + 1] = x[i];
            ys[2 * i + 1] = (double) i / x.length;
            xs[2 * i + 2] = x[i];
            ys[2 * i + 2] = (double) (i + 1) / x.length;
        }
        xs[xs.length - 1] = 1;
        ys[ys.length - 1] = 1;
        Charts.line(chart, name, xs, ys, c);
    }

    private static String label(ResonantToy.Reference r) {
        return switch (r) {
            case ORACLE -> "ideal";
            case RADOT -> "radot";
            case RANDOM -> "random-pairing";
        };
    }

    /** The standard toy, or a tenth of it for quick runs. */
    private static ResonantToy sized(StudyContext ctx, ResonantToy.Reference r, int signal) {
        return ctx.quick() ? new ResonantToy(r, 6000, 300, 300, 2, signal) : ResonantToy.standard(r, signal);
    }

    private static double[] pValues(StudyContext ctx, Calibration cal, CalibrationSpec spec, int toys, String file) {
        Calibration runs = ctx.calibrate(spec, toys, file);
        double[] p = new double[runs.toys()];
        for (int k = 0; k < p.length; k++) {
            p[k] = cal.globalPValue(runs.statisticsOf(k), Aggregation.SPARKER).pValue();
        }
        return p;
    }
}
