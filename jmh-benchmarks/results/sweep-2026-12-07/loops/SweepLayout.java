import jdk.incubator.vector.*;

/** DIAGNOSTIC: the centre-gradient sweep (two kernels by eight tiles) with eight tile pointers against one interleaved group. */
public class SweepLayout {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final int L = 8, G = 8, S = G * L;

    static DoubleVector lw(float[] a, int o) {
        return (DoubleVector) FloatVector.fromArray(F, a, o).convertShape(VectorOperators.F2D, D, 0);
    }
    static DoubleVector c(double[] coef, int s, int i, int m) { return DoubleVector.fromArray(D, coef, (s * m + i) * L); }

    // current layout: tile s at x0 + s*tileSize, coordinate k at + k*L
    static void eight(float[] x, int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7, double[] coef, int i0, int m,
            double[] grad, int g0, int tileSize) {
        DoubleVector c00 = c(coef, 0, i0, m), c01 = c(coef, 0, i0 + 1, m), c10 = c(coef, 1, i0, m), c11 = c(coef, 1, i0 + 1, m);
        DoubleVector c20 = c(coef, 2, i0, m), c21 = c(coef, 2, i0 + 1, m), c30 = c(coef, 3, i0, m), c31 = c(coef, 3, i0 + 1, m);
        DoubleVector c40 = c(coef, 4, i0, m), c41 = c(coef, 4, i0 + 1, m), c50 = c(coef, 5, i0, m), c51 = c(coef, 5, i0 + 1, m);
        DoubleVector c60 = c(coef, 6, i0, m), c61 = c(coef, 6, i0 + 1, m), c70 = c(coef, 7, i0, m), c71 = c(coef, 7, i0 + 1, m);
        int g1 = g0 + tileSize;
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a0 = DoubleVector.fromArray(D, grad, g0 + o);
            DoubleVector a1 = DoubleVector.fromArray(D, grad, g1 + o);
            DoubleVector xv = lw(x, x0 + o); a0 = c00.fma(xv, a0); a1 = c01.fma(xv, a1);
            xv = lw(x, x1 + o); a0 = c10.fma(xv, a0); a1 = c11.fma(xv, a1);
            xv = lw(x, x2 + o); a0 = c20.fma(xv, a0); a1 = c21.fma(xv, a1);
            xv = lw(x, x3 + o); a0 = c30.fma(xv, a0); a1 = c31.fma(xv, a1);
            xv = lw(x, x4 + o); a0 = c40.fma(xv, a0); a1 = c41.fma(xv, a1);
            xv = lw(x, x5 + o); a0 = c50.fma(xv, a0); a1 = c51.fma(xv, a1);
            xv = lw(x, x6 + o); a0 = c60.fma(xv, a0); a1 = c61.fma(xv, a1);
            xv = lw(x, x7 + o); a0 = c70.fma(xv, a0); a1 = c71.fma(xv, a1);
            a0.intoArray(grad, g0 + o);
            a1.intoArray(grad, g1 + o);
        }
    }

    // interleaved: coordinate k of the group's 8 tiles at base + k*S + s*L
    static void interleaved(float[] x, int base, double[] coef, int i0, int m, double[] grad, int g0, int d) {
        DoubleVector c00 = c(coef, 0, i0, m), c01 = c(coef, 0, i0 + 1, m), c10 = c(coef, 1, i0, m), c11 = c(coef, 1, i0 + 1, m);
        DoubleVector c20 = c(coef, 2, i0, m), c21 = c(coef, 2, i0 + 1, m), c30 = c(coef, 3, i0, m), c31 = c(coef, 3, i0 + 1, m);
        DoubleVector c40 = c(coef, 4, i0, m), c41 = c(coef, 4, i0 + 1, m), c50 = c(coef, 5, i0, m), c51 = c(coef, 5, i0 + 1, m);
        DoubleVector c60 = c(coef, 6, i0, m), c61 = c(coef, 6, i0 + 1, m), c70 = c(coef, 7, i0, m), c71 = c(coef, 7, i0 + 1, m);
        int g1 = g0 + d * L;
        for (int k = 0; k < d; k++) {
            int xo = base + k * S;
            int o = k * L;
            DoubleVector a0 = DoubleVector.fromArray(D, grad, g0 + o);
            DoubleVector a1 = DoubleVector.fromArray(D, grad, g1 + o);
            DoubleVector xv = lw(x, xo); a0 = c00.fma(xv, a0); a1 = c01.fma(xv, a1);
            xv = lw(x, xo + L); a0 = c10.fma(xv, a0); a1 = c11.fma(xv, a1);
            xv = lw(x, xo + 2 * L); a0 = c20.fma(xv, a0); a1 = c21.fma(xv, a1);
            xv = lw(x, xo + 3 * L); a0 = c30.fma(xv, a0); a1 = c31.fma(xv, a1);
            xv = lw(x, xo + 4 * L); a0 = c40.fma(xv, a0); a1 = c41.fma(xv, a1);
            xv = lw(x, xo + 5 * L); a0 = c50.fma(xv, a0); a1 = c51.fma(xv, a1);
            xv = lw(x, xo + 6 * L); a0 = c60.fma(xv, a0); a1 = c61.fma(xv, a1);
            xv = lw(x, xo + 7 * L); a0 = c70.fma(xv, a0); a1 = c71.fma(xv, a1);
            a0.intoArray(grad, g0 + o);
            a1.intoArray(grad, g1 + o);
        }
    }

    public static void main(String[] a) {
        int d = Integer.parseInt(a[0]), groups = Integer.parseInt(a[1]), m = 4;
        int tileSize = d * L;
        float[] x = new float[groups * G * tileSize];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        double[] coef = new double[G * m * L];
        for (int i = 0; i < coef.length; i++) coef[i] = 1e-3 * Math.cos(i);
        double[] grad = new double[m * tileSize];
        double fmas = (double) groups * G * m * d;  // vector FMAs per pass over the data
        for (int round = 0; round < 12; round++) {
            for (int v = 0; v < 2; v++) {
                long t0 = System.nanoTime();
                int reps = 0;
                while (System.nanoTime() - t0 < 300_000_000L) {
                    for (int g = 0; g < groups; g++) {
                        int x0 = g * G * tileSize;
                        for (int i0 = 0; i0 < m; i0 += 2) {
                            if (v == 0) {
                                eight(x, x0, x0 + tileSize, x0 + 2 * tileSize, x0 + 3 * tileSize, x0 + 4 * tileSize,
                                        x0 + 5 * tileSize, x0 + 6 * tileSize, x0 + 7 * tileSize, coef, i0, m, grad, i0 * tileSize, tileSize);
                            } else {
                                interleaved(x, x0, coef, i0, m, grad, i0 * tileSize, d);
                            }
                        }
                    }
                    reps++;
                }
                double ns = (System.nanoTime() - t0) / (reps * fmas);
                if (round >= 2) System.out.printf("%s %.3f ns/FMA%s", v == 0 ? "eight-pointers" : "interleaved", ns, v == 1 ? "\n" : "   ");
            }
        }
        System.out.println(grad[3]);
    }
}
