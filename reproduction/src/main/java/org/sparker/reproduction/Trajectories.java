package org.sparker.reproduction;

import java.util.List;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.toys.TeacherStudentToy;

/** What the kernel-dynamics studies (Figs. 4–7) share: sample set-ups and distances to targets. */
final class Trajectories {

    private Trajectories() {
    }

    /**
     * The paper's "infinite statistics" limit: the data is the reference's own background plus
     * the anomalous points, with {@code w_R = 1}, so background fluctuations cancel exactly and
     * only the anomalies drive the kernels (two independent samples of 20,000 points would differ
     * by far more than one point).
     */
    static TrainingSamples infiniteStatistics(int n, double[] anomalies, Stream stream, long seed) {
        TrainingSamples b = TeacherStudentToy.points(n, n).sample(Seeds.stream(stream, seed));
        FloatMatrix background = b.reference();
        return TrainingSamples.of(background, background.concat(FloatMatrix.column(anomalies)), 1.0);
    }

    /** For each target, the distance to the nearest centre of {@code frame} ({@code d} coordinates). */
    static double[] nearest(double[][] targets, TrajectoryRecorder.Frame frame, int d) {
        double[] r = new double[targets.length];
        double[] c = frame.centers();
        for (int t = 0; t < targets.length; t++) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < c.length / d; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = c[i * d + k] - targets[t][k];
                    s += diff * diff;
                }
                best = Math.min(best, Math.sqrt(s));
            }
            r[t] = best;
        }
        return r;
    }

    /** The last recorded frame. */
    static TrajectoryRecorder.Frame last(TrajectoryRecorder rec) {
        List<TrajectoryRecorder.Frame> f = rec.frames();
        return f.get(f.size() - 1);
    }

    /** The recorded steps. */
    static double[] steps(TrajectoryRecorder rec) {
        return rec.frames().stream().mapToDouble(TrajectoryRecorder.Frame::step).toArray();
    }

    /** Coordinate {@code k} of centre {@code i} at every frame. */
    static double[] coordinate(TrajectoryRecorder rec, int i, int k, int d) {
        return rec.frames().stream().mapToDouble(f -> f.centers()[i * d + k]).toArray();
    }
}
