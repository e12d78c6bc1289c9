package dev.colorizer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.data.SampleCache;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.Encoding;
import dev.colorizer.run.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchFillerTest {
    private static final Encoding LAB = Architecture.fromId("unet").encoding();
    private static final int S = 16;

    @TempDir
    Path dir;

    @Test
    void theCacheOfACroppingRunIsLargeEnoughForItsSmallestCrop() {
        TrainConfig crop = new TrainConfig("unet", 1, 4, 1e-3f, 64, 0.1, 1, true, null, null, null, 0.8,
                null);
        assertThat(crop.cachedSize(64)).isEqualTo(80);
        assertThat(crop.cachedSize(128)).isEqualTo(160);
        assertThat(new TrainConfig("unet", 1, 4, 1e-3f, 64, 0.1, 1, true).cachedSize(64)).isEqualTo(64);
    }

    @Test
    void withoutCropsTheSamplesAreTheCachedPicturesAsTheyAre() {
        try (SampleCache samples = TrainingFixture.samples(dir, 3, S)) {
            float[] inputs = new float[3 * S * S];
            float[] targets = new float[3 * 2 * S * S];
            new BatchFiller(samples, S, LAB, 0).fill(new int[] {0, 1, 2}, 0, 3, null, null, null, 1, null, inputs,
                    targets);
            byte[] rgb = new byte[3 * S * S];
            byte[] gray = new byte[S * S];
            float[] expectedInputs = new float[inputs.length];
            float[] expectedTargets = new float[targets.length];
            for (int k = 0; k < 3; k++) {
                samples.readRgb(k, rgb);
                samples.readGray(k, gray);
                LAB.encodeInput(rgb, gray, S * S, expectedInputs, k * S * S);
                LAB.encodeTarget(rgb, S * S, expectedTargets, k * 2 * S * S);
            }
            assertThat(inputs).containsExactly(expectedInputs);
            assertThat(targets).containsExactly(expectedTargets);
        }
    }

    @Test
    void cropsDependOnTheirRandomDrawsAndTheWholePictureDoesNot() {
        int cached = 20; // S / 0.8
        try (SampleCache samples = TrainingFixture.samples(dir, 2, cached)) {
            BatchFiller filler = new BatchFiller(samples, S, LAB, 0);
            float[] a = crop(filler, new SplittableRandom(1));
            float[] sameSeed = crop(filler, new SplittableRandom(1));
            float[] otherSeed = crop(filler, new SplittableRandom(2));
            assertThat(sameSeed).containsExactly(a);
            assertThat(Arrays.equals(a, otherSeed)).as("crops of another seed differ").isFalse();
            for (float v : a) {
                assertThat(v).isBetween(0f, 1f); // L / 100
            }
            float[] whole = crop(filler, null);
            float[] wholeAgain = crop(filler, null);
            assertThat(wholeAgain).containsExactly(whole);
            assertThat(Arrays.equals(whole, a)).isFalse();
        }
    }

    @Test
    void degradingChangesTheGrayInputsAsDrawnAndNeverTheTargets() {
        try (SampleCache samples = TrainingFixture.samples(dir, 4, S)) {
            int[] order = {0, 1, 2, 3};
            float[] cleanInputs = new float[4 * S * S];
            float[] cleanTargets = new float[4 * 2 * S * S];
            new BatchFiller(samples, S, LAB, 0).fill(order, 0, 4, null, null, null, 1, null, cleanInputs, cleanTargets);
            BatchFiller degrading = new BatchFiller(samples, S, LAB, 1);
            float[] inputs = new float[cleanInputs.length];
            float[] targets = new float[cleanTargets.length];
            degrading.fill(order, 0, 4, null, null, null, 1, new SplittableRandom(3), inputs, targets);
            assertThat(targets).containsExactly(cleanTargets);
            assertThat(Arrays.equals(inputs, cleanInputs)).as("every picture degraded").isFalse();
            float[] again = new float[inputs.length];
            degrading.fill(order, 0, 4, null, null, null, 1, new SplittableRandom(3), again, targets);
            assertThat(again).containsExactly(inputs);
            float[] validation = new float[inputs.length];
            degrading.fill(order, 0, 4, null, null, null, 1, null, validation, targets); // as validation fills
            assertThat(validation).containsExactly(cleanInputs);
        }
    }

    @Test
    void aCropOfTheWorkingSizeIsThatBlockOfTheCachedPicture() {
        int m = 24;
        byte[] plane = new byte[m * m];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (byte) (i * 7);
        }
        byte[] block = new byte[S * S];
        BatchFiller.resample(plane, 1, m, 3, 5, S, S, block);
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                assertThat(block[y * S + x]).as("(%d, %d)", x, y).isEqualTo(plane[(y + 5) * m + x + 3]);
            }
        }
        byte[] identity = new byte[m * m];
        BatchFiller.resample(plane, 1, m, 0, 0, m, m, identity);
        assertThat(identity).containsExactly(plane);
    }

    private static float[] crop(BatchFiller filler, SplittableRandom crops) {
        float[] inputs = new float[2 * S * S];
        float[] targets = new float[2 * 2 * S * S];
        filler.fill(new int[] {0, 1}, 0, 2, null, null, crops, 0.8, null, inputs, targets);
        return inputs;
    }
}
