package dev.colorizer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingSetTest {
    @Test
    void weightsSetHowOftenAnEpochVisitsEachSource() {
        // source 0: samples 0..9 at weight 2; source 1: samples 10..19 at weight 0.5
        int[] indices = new int[20];
        int[] sources = new int[20];
        for (int i = 0; i < 20; i++) {
            indices[i] = i;
            sources[i] = i < 10 ? 0 : 1;
        }
        TrainingSet set = new TrainingSet(indices, sources, new double[] {2, 0.5});
        assertThat(set.epochLength()).isEqualTo(25);
        int[] epoch1 = set.epoch(new SplittableRandom(1));
        int[] epoch2 = set.epoch(new SplittableRandom(2));
        assertThat(epoch1).hasSize(25);
        for (int i = 0; i < 10; i++) {
            int sample = i;
            assertThat(Arrays.stream(epoch1).filter(x -> x == sample).count()).isEqualTo(2);
        }
        assertThat(Arrays.stream(epoch1).filter(x -> x >= 10).distinct().count()).isEqualTo(5);
        assertThat(Arrays.stream(epoch1).filter(x -> x >= 10).sorted().toArray())
                .as("a different half of the down-weighted source each epoch")
                .isNotEqualTo(Arrays.stream(epoch2).filter(x -> x >= 10).sorted().toArray());
        assertThat(set.epoch(new SplittableRandom(1))).as("the same seed, the same epoch").containsExactly(epoch1);
    }

    @Test
    void uniformIsThePlainShuffleOfEarlierReleases() {
        int[] indices = {3, 5, 8, 13, 21};
        int[] expected = indices.clone();
        SplittableRandom random = new SplittableRandom(7);
        TrainingSet.shuffle(expected, random);
        assertThat(TrainingSet.uniform(indices).epoch(new SplittableRandom(7))).containsExactly(expected);
    }

    @Test
    void badWeightsAreRejected() {
        assertThatThrownBy(() -> new TrainingSet(new int[] {0}, new int[] {0}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrainingSet(new int[] {0}, new int[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
