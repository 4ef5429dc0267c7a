package org.sparker.sampling;

/**
 * Every named random stream of the engine, in one registry (docs/design.md §8). A stream is
 * {@code Seeds.derive(parent, index)} of a parent seed; its seed is {@link #seed(long)}, and a
 * family of streams (one per toy, one per permutation block) takes {@link #seed(long, long)}.
 *
 * <p>Two namespaces, by parent:
 * <ul>
 * <li>{@link Namespace#MASTER} — the user's {@code --seed}. Indices {@code k ≥ 0} are reserved for
 *     calibration toy {@code k}'s samples ({@link #TOY_SAMPLES}), so every other stream of this
 *     namespace has a negative index: no named stream can coincide with a toy's, however many
 *     toys a calibration has.</li>
 * <li>{@link Namespace#EVALUATION} — the seed handed to one evaluation of a test statistic (a
 *     toy's {@link #TOY_EVALUATION} seed, or the observed test's): sub-streams of a baseline.</li>
 * </ul>
 * A family's streams are {@code derive(derive(parent, index), k)}: derived from a seed of its
 * own, so two families never share a stream index. {@code StreamRegistryTest} checks that no two
 * entries of a namespace share an index and that the seeds they give are distinct.
 */
public enum Stream {

    /** Calibration toy {@code k}'s samples: {@code derive(master, k)}, {@code k ≥ 0} (the one family at the root). */
    TOY_SAMPLES(Namespace.MASTER, 0, Kind.ROOT_FAMILY),
    /**
     * Calibration toy {@code k}'s evaluation (initial centres, Nyström centres):
     * {@code derive(~master, k)}, a namespace of its own.
     */
    TOY_EVALUATION(Namespace.MASTER, 0, Kind.COMPLEMENT_FAMILY),
    /** The extra anomaly-free toy from which the width range is estimated before a calibration. */
    WIDTH_ESTIMATION_SAMPLE(Namespace.MASTER, -1, Kind.SINGLE),
    /** The random subset of that toy whose pairwise distances give σ_0 and σ_T. */
    WIDTH_ESTIMATION_SUBSET(Namespace.MASTER, -2, Kind.SINGLE),
    /** The subset whose pairwise-distance percentiles give the kernel NP widths. */
    KERNEL_NP_WIDTHS(Namespace.MASTER, -3, Kind.SINGLE),
    /** {@code run}: the random {@code N_R*} rows of the reference that the real test uses. */
    TEST_REFERENCE(Namespace.MASTER, -4, Kind.SINGLE),
    /** {@code run --method}: the evaluation of a baseline on the observed samples. */
    OBSERVED_BASELINE(Namespace.MASTER, -5, Kind.SINGLE),
    /** {@code toy}, {@code demo}: the observed (signal) sample of a toy benchmark. */
    OBSERVED_TOY(Namespace.MASTER, -6, Kind.SINGLE),
    /** Power studies: the signal toys, a calibration-like family with its own master. */
    SIGNAL_TOYS(Namespace.MASTER, -7, Kind.SINGLE),
    /** Fig. 4: the uniform square and its clusters. */
    FIG4_SAMPLE(Namespace.MASTER, -8, Kind.SINGLE),
    /** Fig. 5: the background of the "infinite statistics" sample. */
    FIG5_SAMPLE(Namespace.MASTER, -9, Kind.SINGLE),
    /** Fig. 6: likewise. */
    FIG6_SAMPLE(Namespace.MASTER, -10, Kind.SINGLE),
    /** Fig. 7: the limited-statistics sample. */
    FIG7_SAMPLE(Namespace.MASTER, -11, Kind.SINGLE),
    /** Fig. 14: toy {@code k}'s samples. */
    FIG14_SAMPLES(Namespace.MASTER, -12, Kind.FAMILY),
    /** Fig. 14: toy {@code k}'s training. */
    FIG14_TRAINING(Namespace.MASTER, -13, Kind.FAMILY),
    /** Real-data study: trial {@code k}'s split of the table into reference and data, and its test's master seed. */
    REAL_DATA_TRIALS(Namespace.MASTER, -14, Kind.FAMILY),
    /** RAD-OT: batch {@code k}'s sideband draws and signal-region masses. */
    RADOT_BATCHES(Namespace.MASTER, -15, Kind.FAMILY),
    /** RAD-OT study: the master seed of its fresh anomaly-free toys (a calibration-like family of its own). */
    RADOT_TOYS(Namespace.MASTER, -16, Kind.SINGLE),
    /** Invariance study: trial {@code k}'s events (reference, data, test set) and its training seed. */
    INVARIANCE_TRIALS(Namespace.MASTER, -17, Kind.FAMILY),
    /** MMD-FUSE: the subset whose pairwise distances give the bandwidths. */
    MMD_BANDWIDTHS(Namespace.EVALUATION, 1, Kind.SINGLE),
    /** MMD-FUSE: the candidate Nyström landmarks. */
    MMD_LANDMARKS(Namespace.EVALUATION, 2, Kind.SINGLE),
    /** MMD-FUSE: permutation block {@code b}. */
    MMD_PERMUTATIONS(Namespace.EVALUATION, 3, Kind.FAMILY);

    /** Whose seed a stream derives from. */
    public enum Namespace {
        /** The user's master seed. */
        MASTER,
        /** The seed of one evaluation of a test statistic. */
        EVALUATION
    }

    /** How the stream's seed is formed from its parent. */
    public enum Kind {
        /** {@code derive(parent, index)}. */
        SINGLE,
        /** {@code derive(derive(parent, index), k)}. */
        FAMILY,
        /** {@code derive(parent, k)}, {@code k ≥ 0}: the calibration toys. */
        ROOT_FAMILY,
        /** {@code derive(~parent, k)}. */
        COMPLEMENT_FAMILY
    }

    private final Namespace namespace;
    private final long index;
    private final Kind kind;

    Stream(Namespace namespace, long index, Kind kind) {
        this.namespace = namespace;
        this.index = index;
        this.kind = kind;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** The index under the parent (0 for the root and complement families). */
    public long index() {
        return index;
    }

    public Kind kind() {
        return kind;
    }

    /** The seed of this single stream under {@code parent}. */
    public long seed(long parent) {
        if (kind != Kind.SINGLE) {
            throw new IllegalStateException(this + " is a family of streams: give the member's index");
        }
        return Seeds.derive(parent, index);
    }

    /** The seed of member {@code k} of this family under {@code parent}. */
    public long seed(long parent, long k) {
        return switch (kind) {
            case SINGLE -> throw new IllegalStateException(this + " is a single stream, not a family");
            case FAMILY -> Seeds.derive(Seeds.derive(parent, index), k);
            case ROOT_FAMILY -> {
                if (k < 0) {
                    throw new IllegalArgumentException(this + ": member indices are ≥ 0, got " + k);
                }
                yield Seeds.derive(parent, k);
            }
            case COMPLEMENT_FAMILY -> Seeds.derive(~parent, k);
        };
    }
}
