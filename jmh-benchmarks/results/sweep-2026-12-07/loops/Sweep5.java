import jdk.incubator.vector.*;

/** DIAGNOSTIC: the centre-gradient sweep at M = 5: today's (2+2 kernels by 8 tiles, then 1 kernel by 8 coordinates) against 5 kernels by 4 tiles, twice. */
public class Sweep5 {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final int L = 8, G = 8;

    static DoubleVector lw(float[] a, int o) {
        return (DoubleVector) FloatVector.fromArray(F, a, o).convertShape(VectorOperators.F2D, D, 0);
    }
    static DoubleVector c(double[] coef, int s, int i, int m) { return DoubleVector.fromArray(D, coef, (s * m + i) * L); }

    static void two(float[] x, int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7, double[] coef, int i0, int m,
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

    static void oneEight(float[] x, int x0, int tileSize, double[] coef, int i0, int m, double[] grad, int g0) {
        int o = 0;
        for (; o + 8 * L <= tileSize; o += 8 * L) {
            DoubleVector a00 = DoubleVector.fromArray(D, grad, g0 + o);
            DoubleVector a01 = DoubleVector.fromArray(D, grad, g0 + o + L);
            DoubleVector a02 = DoubleVector.fromArray(D, grad, g0 + o + 2 * L);
            DoubleVector a03 = DoubleVector.fromArray(D, grad, g0 + o + 3 * L);
            DoubleVector a04 = DoubleVector.fromArray(D, grad, g0 + o + 4 * L);
            DoubleVector a05 = DoubleVector.fromArray(D, grad, g0 + o + 5 * L);
            DoubleVector a06 = DoubleVector.fromArray(D, grad, g0 + o + 6 * L);
            DoubleVector a07 = DoubleVector.fromArray(D, grad, g0 + o + 7 * L);
            for (int s = 0; s < G; s++) {
                int xs = x0 + s * tileSize + o;
                DoubleVector c0 = DoubleVector.fromArray(D, coef, (s * m + i0) * L);
                a00 = c0.fma(lw(x, xs), a00);
                a01 = c0.fma(lw(x, xs + L), a01);
                a02 = c0.fma(lw(x, xs + 2 * L), a02);
                a03 = c0.fma(lw(x, xs + 3 * L), a03);
                a04 = c0.fma(lw(x, xs + 4 * L), a04);
                a05 = c0.fma(lw(x, xs + 5 * L), a05);
                a06 = c0.fma(lw(x, xs + 6 * L), a06);
                a07 = c0.fma(lw(x, xs + 7 * L), a07);
            }
            a00.intoArray(grad, g0 + o);
            a01.intoArray(grad, g0 + o + L);
            a02.intoArray(grad, g0 + o + 2 * L);
            a03.intoArray(grad, g0 + o + 3 * L);
            a04.intoArray(grad, g0 + o + 4 * L);
            a05.intoArray(grad, g0 + o + 5 * L);
            a06.intoArray(grad, g0 + o + 6 * L);
            a07.intoArray(grad, g0 + o + 7 * L);
        }
    }

    /** Five kernels by four tiles (slots s0 … s0 + 3): twenty coefficients in registers, each x load converted once for five kernels. */
    static void fiveFour(float[] x, int x0, int x1, int x2, int x3, double[] coef, int s0, int i0, int m, double[] grad,
            int g0, int tileSize) {
        DoubleVector c00 = c(coef, s0, i0, m), c01 = c(coef, s0, i0 + 1, m), c02 = c(coef, s0, i0 + 2, m), c03 = c(coef, s0, i0 + 3, m), c04 = c(coef, s0, i0 + 4, m);
        DoubleVector c10 = c(coef, s0 + 1, i0, m), c11 = c(coef, s0 + 1, i0 + 1, m), c12 = c(coef, s0 + 1, i0 + 2, m), c13 = c(coef, s0 + 1, i0 + 3, m), c14 = c(coef, s0 + 1, i0 + 4, m);
        DoubleVector c20 = c(coef, s0 + 2, i0, m), c21 = c(coef, s0 + 2, i0 + 1, m), c22 = c(coef, s0 + 2, i0 + 2, m), c23 = c(coef, s0 + 2, i0 + 3, m), c24 = c(coef, s0 + 2, i0 + 4, m);
        DoubleVector c30 = c(coef, s0 + 3, i0, m), c31 = c(coef, s0 + 3, i0 + 1, m), c32 = c(coef, s0 + 3, i0 + 2, m), c33 = c(coef, s0 + 3, i0 + 3, m), c34 = c(coef, s0 + 3, i0 + 4, m);
        int g1 = g0 + tileSize, g2 = g1 + tileSize, g3 = g2 + tileSize, g4 = g3 + tileSize;
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a0 = DoubleVector.fromArray(D, grad, g0 + o);
            DoubleVector a1 = DoubleVector.fromArray(D, grad, g1 + o);
            DoubleVector a2 = DoubleVector.fromArray(D, grad, g2 + o);
            DoubleVector a3 = DoubleVector.fromArray(D, grad, g3 + o);
            DoubleVector a4 = DoubleVector.fromArray(D, grad, g4 + o);
            DoubleVector xv = lw(x, x0 + o);
            a0 = c00.fma(xv, a0); a1 = c01.fma(xv, a1); a2 = c02.fma(xv, a2); a3 = c03.fma(xv, a3); a4 = c04.fma(xv, a4);
            xv = lw(x, x1 + o);
            a0 = c10.fma(xv, a0); a1 = c11.fma(xv, a1); a2 = c12.fma(xv, a2); a3 = c13.fma(xv, a3); a4 = c14.fma(xv, a4);
            xv = lw(x, x2 + o);
            a0 = c20.fma(xv, a0); a1 = c21.fma(xv, a1); a2 = c22.fma(xv, a2); a3 = c23.fma(xv, a3); a4 = c24.fma(xv, a4);
            xv = lw(x, x3 + o);
            a0 = c30.fma(xv, a0); a1 = c31.fma(xv, a1); a2 = c32.fma(xv, a2); a3 = c33.fma(xv, a3); a4 = c34.fma(xv, a4);
            a0.intoArray(grad, g0 + o);
            a1.intoArray(grad, g1 + o);
            a2.intoArray(grad, g2 + o);
            a3.intoArray(grad, g3 + o);
            a4.intoArray(grad, g4 + o);
        }
    }

    public static void main(String[] a) {
        int d = Integer.parseInt(a[0]), groups = Integer.parseInt(a[1]), m = 5;
        int tileSize = d * L;
        float[] x = new float[groups * G * tileSize];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        double[] coef = new double[G * m * L];
        for (int i = 0; i < coef.length; i++) coef[i] = 1e-3 * Math.cos(i);
        double[][] grad = {new double[m * tileSize], new double[m * tileSize]};
        double fmas = (double) groups * G * m * d;
        double[][] ns = new double[2][12];
        for (int round = 0; round < 14; round++) {
            for (int v = 0; v < 2; v++) {
                double[] gr = grad[v];
                long t0 = System.nanoTime();
                int reps = 0;
                while (System.nanoTime() - t0 < 200_000_000L) {
                    for (int g = 0; g < groups; g++) {
                        int x0 = g * G * tileSize;
                        if (v == 0) {
                            two(x, x0, x0 + tileSize, x0 + 2 * tileSize, x0 + 3 * tileSize, x0 + 4 * tileSize,
                                    x0 + 5 * tileSize, x0 + 6 * tileSize, x0 + 7 * tileSize, coef, 0, m, gr, 0, tileSize);
                            two(x, x0, x0 + tileSize, x0 + 2 * tileSize, x0 + 3 * tileSize, x0 + 4 * tileSize,
                                    x0 + 5 * tileSize, x0 + 6 * tileSize, x0 + 7 * tileSize, coef, 2, m, gr, 2 * tileSize, tileSize);
                            oneEight(x, x0, tileSize, coef, 4, m, gr, 4 * tileSize);
                        } else {
                            fiveFour(x, x0, x0 + tileSize, x0 + 2 * tileSize, x0 + 3 * tileSize, coef, 0, 0, m, gr, 0, tileSize);
                            fiveFour(x, x0 + 4 * tileSize, x0 + 5 * tileSize, x0 + 6 * tileSize, x0 + 7 * tileSize, coef, 4, 0, m, gr, 0, tileSize);
                        }
                    }
                    reps++;
                }
                if (round >= 2) ns[v][round - 2] = (System.nanoTime() - t0) / (reps * fmas);
            }
        }
        for (int v = 0; v < 2; v++) {
            double[] s = ns[v].clone(); java.util.Arrays.sort(s);
            System.out.printf("%s median %.3f ns/FMA [%.3f, %.3f]%n", v == 0 ? "today 2+2+1x8" : "5x4 twice   ", s[6], s[0], s[11]);
        }
        // the same bits: both variants add the tiles in slot order
        System.out.println("same bits: " + java.util.Arrays.equals(grad[0], grad[1]) + " (not expected: different repetition counts)");
    }
}
