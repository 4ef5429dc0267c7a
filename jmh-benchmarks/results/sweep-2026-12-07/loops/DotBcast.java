import jdk.incubator.vector.*;

/** DIAGNOSTIC: x·μ for five kernels on one tile: broadcast centre coordinates (today) against pre-broadcast centre vectors. */
public class DotBcast {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final int L = 8;

    static DoubleVector lw(float[] a, int o) {
        return (DoubleVector) FloatVector.fromArray(F, a, o).convertShape(VectorOperators.F2D, D, 0);
    }

    // today: four kernels, one chain each; broadcast from the centre array
    static void four(float[] x, int off, int d, double[] c, int c0, double[] out, int o) {
        int c1 = c0 + d, c2 = c1 + d, c3 = c2 + d;
        DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0;
        for (int k = 0; k < d; k++) {
            DoubleVector xv = lw(x, off + k * L);
            a0 = xv.fma(DoubleVector.broadcast(D, c[c0 + k]), a0);
            a1 = xv.fma(DoubleVector.broadcast(D, c[c1 + k]), a1);
            a2 = xv.fma(DoubleVector.broadcast(D, c[c2 + k]), a2);
            a3 = xv.fma(DoubleVector.broadcast(D, c[c3 + k]), a3);
        }
        a0.intoArray(out, o); a1.intoArray(out, o + L); a2.intoArray(out, o + 2 * L); a3.intoArray(out, o + 3 * L);
    }

    // pre-broadcast: cv[((i·d) + k)·L + lane] = c[i·d + k]
    static void fourVec(float[] x, int off, int d, double[] cv, int c0, double[] out, int o) {
        int c1 = c0 + d * L, c2 = c1 + d * L, c3 = c2 + d * L;
        DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0;
        for (int k = 0; k < d; k++) {
            DoubleVector xv = lw(x, off + k * L);
            a0 = xv.fma(DoubleVector.fromArray(D, cv, c0 + k * L), a0);
            a1 = xv.fma(DoubleVector.fromArray(D, cv, c1 + k * L), a1);
            a2 = xv.fma(DoubleVector.fromArray(D, cv, c2 + k * L), a2);
            a3 = xv.fma(DoubleVector.fromArray(D, cv, c3 + k * L), a3);
        }
        a0.intoArray(out, o); a1.intoArray(out, o + L); a2.intoArray(out, o + 2 * L); a3.intoArray(out, o + 3 * L);
    }

    // two tiles, four kernels, broadcast
    static void fourTwo(float[] x, int off0, int off1, int d, double[] c, int c0, double[] out, int o0, int o1) {
        int c1 = c0 + d, c2 = c1 + d, c3 = c2 + d;
        DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int k = 0; k < d; k++) {
            DoubleVector xv = lw(x, off0 + k * L);
            DoubleVector yv = lw(x, off1 + k * L);
            DoubleVector m0 = DoubleVector.broadcast(D, c[c0 + k]), m1 = DoubleVector.broadcast(D, c[c1 + k]);
            DoubleVector m2 = DoubleVector.broadcast(D, c[c2 + k]), m3 = DoubleVector.broadcast(D, c[c3 + k]);
            a0 = xv.fma(m0, a0); b0 = yv.fma(m0, b0); a1 = xv.fma(m1, a1); b1 = yv.fma(m1, b1);
            a2 = xv.fma(m2, a2); b2 = yv.fma(m2, b2); a3 = xv.fma(m3, a3); b3 = yv.fma(m3, b3);
        }
        a0.intoArray(out, o0); a1.intoArray(out, o0 + L); a2.intoArray(out, o0 + 2 * L); a3.intoArray(out, o0 + 3 * L);
        b0.intoArray(out, o1); b1.intoArray(out, o1 + L); b2.intoArray(out, o1 + 2 * L); b3.intoArray(out, o1 + 3 * L);
    }

    public static void main(String[] a) {
        int d = Integer.parseInt(a[0]), tiles = Integer.parseInt(a[1]);
        float[] x = new float[tiles * d * L];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        double[] c = new double[4 * d];
        for (int i = 0; i < c.length; i++) c[i] = Math.cos(i);
        double[] cv = new double[4 * d * L];
        for (int i = 0; i < c.length; i++) for (int l = 0; l < L; l++) cv[i * L + l] = c[i];
        double[] out = new double[8 * L];
        String[] names = {"broadcast", "pre-broadcast", "two tiles"};
        double[][] ns = new double[3][10];
        for (int round = 0; round < 12; round++) {
            for (int v = 0; v < 3; v++) {
                long t0 = System.nanoTime();
                int reps = 0;
                while (System.nanoTime() - t0 < 150_000_000L) {
                    for (int t = 0; t + 1 < tiles; t += 2) {
                        if (v == 0) { four(x, t * d * L, d, c, 0, out, 0); four(x, (t + 1) * d * L, d, c, 0, out, 4 * L); }
                        else if (v == 1) { fourVec(x, t * d * L, d, cv, 0, out, 0); fourVec(x, (t + 1) * d * L, d, cv, 0, out, 4 * L); }
                        else fourTwo(x, t * d * L, (t + 1) * d * L, d, c, 0, out, 0, 4 * L);
                    }
                    reps++;
                }
                if (round >= 2) ns[v][round - 2] = (System.nanoTime() - t0) / ((double) reps * (tiles / 2 * 2) * 4 * d);
            }
        }
        for (int v = 0; v < 3; v++) {
            double[] s = ns[v].clone(); java.util.Arrays.sort(s);
            System.out.printf("%-14s %.3f ns/FMA [%.3f, %.3f]%n", names[v], s[5], s[0], s[9]);
        }
        System.out.println(out[3]);
    }
}
