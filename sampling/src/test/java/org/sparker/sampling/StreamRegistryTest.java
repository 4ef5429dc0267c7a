package org.sparker.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** No two registered streams coincide, and none coincides with a calibration toy's. */
class StreamRegistryTest {

    private static final int TOYS = 20_000;
    private static final int FAMILY_MEMBERS = 2_000;

    @Test
    void indicesAreDistinctWithinANamespaceAndOutsideTheToyRange() {
        Map<Stream.Namespace, Map<Long, Stream>> seen = new EnumMap<>(Stream.Namespace.class);
        for (Stream s : Stream.values()) {
            if (s.kind() == Stream.Kind.ROOT_FAMILY || s.kind() == Stream.Kind.COMPLEMENT_FAMILY) {
                continue;
            }
            Stream clash = seen.computeIfAbsent(s.namespace(), k -> new HashMap<>()).put(s.index(), s);
            assertThat(clash).as("%s and %s share index %d", s, clash, s.index()).isNull();
            if (s.namespace() == Stream.Namespace.MASTER) {
                // indices ≥ 0 under the master belong to the calibration toys
                assertThat(s.index()).as("%s", s).isNegative();
            }
        }
    }

    /**
     * Every seed the registry hands out under a few masters — each single stream, the first
     * members of each family, and the first 20,000 calibration toys and their evaluations — is
     * distinct. (The test reference of {@code run} was once calibration toy 7's stream.)
     */
    @Test
    void seedsNeverCoincide() {
        SplittableRandom masters = new SplittableRandom(2026);
        long[] probe = {0, 1, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, masters.nextLong(), masters.nextLong()};
        for (long master : probe) {
            Map<Long, String> owner = new HashMap<>();
            for (int k = 0; k < TOYS; k++) {
                claim(owner, Stream.TOY_SAMPLES.seed(master, k), "toy " + k + " samples");
                claim(owner, Stream.TOY_EVALUATION.seed(master, k), "toy " + k + " evaluation");
            }
            for (Stream s : Stream.values()) {
                if (s.namespace() != Stream.Namespace.MASTER) {
                    continue;
                }
                switch (s.kind()) {
                    case SINGLE -> claim(owner, s.seed(master), s.name());
                    case FAMILY -> {
                        for (int k = 0; k < FAMILY_MEMBERS; k++) {
                            claim(owner, s.seed(master, k), s.name() + " " + k);
                        }
                    }
                    default -> { }
                }
            }
            // the evaluation namespace under one toy's evaluation seed
            long evaluation = Stream.TOY_EVALUATION.seed(master, 3);
            Map<Long, String> sub = new HashMap<>();
            for (Stream s : Stream.values()) {
                if (s.namespace() == Stream.Namespace.EVALUATION) {
                    if (s.kind() == Stream.Kind.SINGLE) {
                        claim(sub, s.seed(evaluation), s.name());
                    } else {
                        for (int k = 0; k < FAMILY_MEMBERS; k++) {
                            claim(sub, s.seed(evaluation, k), s.name() + " " + k);
                        }
                    }
                }
            }
            assertThat(sub).doesNotContainKey(evaluation);
        }
    }

    @Test
    void singlesAndFamiliesAreNotInterchangeable() {
        assertThatThrownBy(() -> Stream.TEST_REFERENCE.seed(1, 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Stream.FIG14_SAMPLES.seed(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Stream.TOY_SAMPLES.seed(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calibrationToysKeepTheirHistoricalSeeds() {
        // toy k's samples are derive(master, k) and its evaluation derive(~master, k): the
        // calibration files made before the registry stay valid
        assertThat(Stream.TOY_SAMPLES.seed(5, 7)).isEqualTo(Seeds.derive(5, 7));
        assertThat(Stream.TOY_EVALUATION.seed(5, 7)).isEqualTo(Seeds.derive(~5L, 7));
        assertThat(Stream.WIDTH_ESTIMATION_SAMPLE.seed(5)).isEqualTo(Seeds.derive(5, -1));
    }

    private static void claim(Map<Long, String> owner, long seed, String who) {
        String before = owner.put(seed, who);
        assertThat(before).as("%s has the same seed as %s", who, before).isNull();
    }
}
