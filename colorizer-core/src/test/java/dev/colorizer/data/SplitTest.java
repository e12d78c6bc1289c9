package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void splitsIntoSortedDisjointParts() {
        Split split = Split.of(201, 0.1, 42);
        assertThat(split.validation()).hasSize(21); // ceil(20.1)
        assertThat(split.train()).hasSize(180);
        assertThat(split.validation()).isSorted();
        assertThat(split.train()).isSorted();
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.validation())).sorted()
            .toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 201).toArray());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertThat(Split.of(500, 0.2, 7).validation()).isEqualTo(Split.of(500, 0.2, 7).validation());
        assertThat(Split.of(500, 0.2, 7).train()).isEqualTo(Split.of(500, 0.2, 7).train());
        assertThat(Split.of(500, 0.2, 8).validation()).isNotEqualTo(Split.of(500, 0.2, 7).validation());
        // the shuffle is pinned: a change to the algorithm would silently change every experiment's split
        assertThat(Split.of(10, 0.3, 42).validation()).containsExactly(3, 4, 7);
    }

    @Test
    void validationSizeIsCeilingWithoutFloatingPointSurprises() {
        assertThat(Split.of(10, 0.7, 1).validation()).hasSize(7); // 0.7 * 10 = 7.000000000000001
        assertThat(Split.of(10, 0.25, 1).validation()).hasSize(3);
        assertThat(Split.of(100, 0.0, 1).validation()).isEmpty();
    }

    @Test
    void smallCountsKeepBothSidesNonEmpty() {
        assertThat(Split.of(2, 0.01, 1).validation()).hasSize(1);
        assertThat(Split.of(2, 0.99, 1).train()).hasSize(1);
        assertThat(Split.of(1, 0.5, 1).train()).containsExactly(0);
        assertThat(Split.of(1, 0.5, 1).validation()).isEmpty();
        assertThat(Split.of(0, 0.5, 1).train()).isEmpty();
    }

    @Test
    void accessorsReturnCopies() {
        Split split = Split.of(5, 0.2, 3);
        split.train()[0] = -1;
        assertThat(split.train()[0]).isNotNegative();
    }

    @Test
    void rejectsInvalidArguments() {
        for (double f : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> Split.of(10, f, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validation fraction must be at least 0 and below 1");
        }
        assertThatThrownBy(() -> Split.of(-1, 0.1, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("count");
    }
}
