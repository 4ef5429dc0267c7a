package org.sparker.reproduction;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sparker.calibration.ToyParameters;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.toys.ToyModel;
import org.sparker.transport.MassModel;
import org.sparker.transport.RadOt;

/**
 * The synthetic resonant search of the RAD-OT paper (fixture G6): a falling mass spectrum
 * {@code m ~ e^{−m/0.3}} (TeV) on [3.1, 3.9], signal region 3.3–3.7 between sidebands 3.1–3.3
 * and 3.7–3.9, and four features whose law moves linearly with {@code t = m − 3.5}:
 *
 * <pre>
 *   x1 = t + (0.3 + 0.2t) z1          x2 = −0.6t + 0.5 z2
 *   x3 = 1 + 0.3t + (0.8 + 0.4t) z3    x4 = s (1 + 0.5t) + 0.25 z4,  s = ±1 with probability ½ (bimodal)
 * </pre>
 *
 * with {@code z ~ N(0, 1)}. The data {@code D} are {@code nData} signal-region events (plus, in
 * a signal toy, {@code nSignal} events at m ~ N(3.5, 0.05²), x ~ N((0.8, 1.2, −0.5, 0), 0.1²)
 * in the gap of the bimodal feature). The reference {@code R} depends on the {@link Reference}:
 * the true signal-region background (the oracle), or a RAD-OT template made from the toy's own
 * sidebands, optimally or randomly paired. The feature columns go to SparKer; the mass does not.
 *
 * @param reference where R comes from
 * @param nEvents background events drawn on [3.1, 3.9] per toy (sidebands and signal region)
 * @param nData signal-region events in D
 * @param batch RAD-OT batch size
 * @param batches RAD-OT batches (R has {@code batch × batches} rows)
 * @param nSignal signal events added to D
 */
record ResonantToy(Reference reference, int nEvents, int nData, int batch, int batches, int nSignal)
        implements ToyModel {

    /** Where the reference sample comes from. */
    enum Reference {
        /** Fresh signal-region background: the ideal reference, for the null calibration. */
        ORACLE,
        /** A RAD-OT template from the sidebands (squared-Euclidean optimal pairing). */
        RADOT,
        /** The same interpolation with random pairing: the control that should fail. */
        RANDOM
    }

    static final RadOt.Window SB1 = new RadOt.Window(3.1, 3.3);
    static final RadOt.Window SR = new RadOt.Window(3.3, 3.7);
    static final RadOt.Window SB2 = new RadOt.Window(3.7, 3.9);
    static final double SCALE = 0.3;

    /**
     * The study's sizes: 150,000 events on [3.1, 3.9] (about 10,600 in the upper sideband, so the
     * 10,000-row template uses each upper-sideband event about once), D of 2,000, R of 5 × 2,000.
     * With 60,000 events (4,300 upper-sideband events, each used 2.3 times) the template's
     * p-values were shifted low (docs/transport.md).
     */
    static ResonantToy standard(Reference reference, int nSignal) {
        return standard(reference, nSignal, 150_000);
    }

    /** The study's toy with {@code events} background events per toy. */
    static ResonantToy standard(Reference reference, int nSignal, int events) {
        return new ResonantToy(reference, events, 2000, 2000, 5, nSignal);
    }

    @Override
    public String name() {
        return "resonant-" + reference.name().toLowerCase(java.util.Locale.ROOT) + (nSignal > 0 ? "-signal" : "");
    }

    @Override
    public TrainingSamples sample(UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] data = new float[(nData + nSignal) * 4];
        float[] ref;
        if (reference == Reference.ORACLE) {
            for (int i = 0; i < nData; i++) {
                features(mass(rng, SR), rng, z, data, i * 4);
            }
            int nr = batch * batches;
            ref = new float[nr * 4];
            for (int i = 0; i < nr; i++) {
                features(mass(rng, SR), rng, z, ref, i * 4);
            }
        } else {
            // one background sample over the whole range: its sidebands feed RAD-OT, and the
            // first nData of its signal-region events are D
            double[] events = new double[nEvents * 5];
            float[] x = new float[4];
            int inSr = 0;
            for (int i = 0; i < nEvents; i++) {
                double m = mass(rng, new RadOt.Window(SB1.low(), SB2.high()));
                features(m, rng, z, x, 0);
                events[i * 5] = m;
                for (int k = 0; k < 4; k++) {
                    events[i * 5 + 1 + k] = x[k];
                }
                if (SR.contains(m) && inSr < nData) {
                    System.arraycopy(x, 0, data, inSr * 4, 4);
                    inSr++;
                }
            }
            if (inSr < nData) {
                throw new IllegalStateException("the toy has only " + inSr + " signal-region events for D = " + nData);
            }
            RadOt.Config config = new RadOt.Config(SR, SB1, SB2, batch, batches, RadOt.Cost.SQEUCLIDEAN,
                    reference == Reference.RADOT ? RadOt.Pairing.OPTIMAL : RadOt.Pairing.RANDOM);
            MassModel massModel = MassModel.kde(events, nEvents, 5, 0, SR);
            RadOt.Template t = RadOt.build(events, nEvents, 5, 0, config, massModel, rng.nextLong(), null);
            ref = new float[t.rows() * 4];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = (float) t.features()[i];
            }
        }
        for (int i = 0; i < nSignal; i++) {
            int o = (nData + i) * 4;
            data[o] = (float) (0.8 + 0.1 * z.sample());
            data[o + 1] = (float) (1.2 + 0.1 * z.sample());
            data[o + 2] = (float) (-0.5 + 0.1 * z.sample());
            data[o + 3] = (float) (0.1 * z.sample());
        }
        return TrainingSamples.of(FloatMatrix.wrap(ref, ref.length / 4, 4), FloatMatrix.wrap(data, nData + nSignal, 4));
    }

    /** A mass from e^{−m/0.3} restricted to {@code w}, by inversion. */
    static double mass(UniformRandomProvider rng, RadOt.Window w) {
        double a = Math.exp(-(w.low() - w.low()) / SCALE);
        double b = Math.exp(-(w.high() - w.low()) / SCALE);
        double u = rng.nextDouble();
        double m = w.low() - SCALE * Math.log(a - u * (a - b));
        return Math.min(Math.nextDown(w.high()), Math.max(w.low(), m));
    }

    /** The four features at mass {@code m} into {@code out[o…o+3]}. */
    static void features(double m, UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian z, float[] out, int o) {
        double t = m - 3.5;
        out[o] = (float) (t + (0.3 + 0.2 * t) * z.sample());
        out[o + 1] = (float) (-0.6 * t + 0.5 * z.sample());
        out[o + 2] = (float) (1 + 0.3 * t + (0.8 + 0.4 * t) * z.sample());
        double s = rng.nextBoolean() ? 1 : -1;
        out[o + 3] = (float) (s * (1 + 0.5 * t) + 0.25 * z.sample());
    }

    @Override
    public ToyModel withoutSignal() {
        return new ResonantToy(reference, nEvents, nData, batch, batches, 0);
    }

    @Override
    public ToyModel withSizes(int nReference, double expectedData) {
        int b = Math.max(1, nReference / batches);
        return new ResonantToy(reference, Math.max(nEvents * b / batch, 10 * b), (int) Math.round(expectedData), b,
                batches, nSignal);
    }

    /**
     * What a calibration header records of this toy: its label, the reference's kind, the sizes,
     * the injected signal and the signal and sideband windows ({@code low:high}).
     */
    public record Parameters(String toy, String reference, int events, int data, int batch, int batches, int signal,
            String sr, String sb1, String sb2) implements ToyParameters {
    }

    @Override
    public Parameters parameters() {
        return new Parameters("resonant (seed 002 spec, G6)", // the label its calibration files record
                reference.name().toLowerCase(java.util.Locale.ROOT), nEvents, nData, batch, batches, nSignal,
                SR.low() + ":" + SR.high(), SB1.low() + ":" + SB1.high(), SB2.low() + ":" + SB2.high());
    }

    @Override
    public int referenceSize() {
        return batch * batches;
    }

    @Override
    public double expectedData() {
        return nData;
    }
}
