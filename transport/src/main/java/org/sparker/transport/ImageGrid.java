package org.sparker.transport;

/**
 * A square-pixel image grid: {@code rows × cols} pixels of side {@code pitch}, stored row-major
 * (pixel {@code (r, c)} at index {@code r·cols + c}). The jets of Fraser et al.: 40×40 pixels of pitch
 * 0.08 over Δη = Δφ = 3.2.
 *
 * @param rows pixel rows, ≥ 1
 * @param cols pixel columns, ≥ 1
 * @param pitch pixel side, > 0
 */
public record ImageGrid(int rows, int cols, double pitch) {

    /** The Fraser et al.'s jet-image grid. */
    public static final ImageGrid JETS = new ImageGrid(40, 40, 0.08);

    public ImageGrid {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("grid: needs at least one pixel row and column, got " + rows + "×" + cols);
        }
        if (!(pitch > 0) || !Double.isFinite(pitch)) {
            throw new IllegalArgumentException("pitch: must be finite and > 0, got " + pitch);
        }
    }

    /** Pixels per image. */
    public int pixels() {
        return rows * cols;
    }

    /**
     * The table {@code c[|Δr|·cols + |Δc|] = (pitch · √(Δr² + Δc²))^p} of ground costs between
     * pixel centres, from index differences: coincident pixels cost exactly 0 (Fraser et al.,
     * F5: an expanded-form distance leaves residue that {@code c^0.5} makes visible).
     */
    public double[] costTable(double p) {
        if (!(p > 0) || !Double.isFinite(p)) {
            throw new IllegalArgumentException("p: must be finite and > 0, got " + p);
        }
        double[] t = new double[rows * cols];
        for (int dr = 0; dr < rows; dr++) {
            for (int dc = 0; dc < cols; dc++) {
                double dist = pitch * Math.sqrt((double) dr * dr + (double) dc * dc);
                t[dr * cols + dc] = dist == 0 ? 0 : p == 1 ? dist : Math.pow(dist, p);
            }
        }
        return t;
    }
}
