package dev.colorizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.colorizer.DjlSetup;
import dev.colorizer.color.Lab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ColorBinsTest {
    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @Test
    void theGridHoldsEverySrgbColorWithinHalfAStep() {
        float[] lab = new float[3];
        for (int rgb = 0; rgb < 1 << 24; rgb += 4099) { // a spread of the cube, corners included below
            check(rgb, lab);
        }
        for (int rgb : new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0x00FFFF, 0xFF00FF, 0, 0xFFFFFF}) {
            check(rgb, lab);
        }
    }

    private static void check(int rgb, float[] lab) {
        Lab.rgbToLab(rgb, lab, 0);
        int k = ColorBins.nearest(lab[1], lab[2]);
        assertThat(ColorBins.centerA(k) * Lab.AB_SCALE).as("a of %06x", rgb).isCloseTo(lab[1], within(5.001f));
        assertThat(ColorBins.centerB(k) * Lab.AB_SCALE).as("b of %06x", rgb).isCloseTo(lab[2], within(5.001f));
    }

    @Test
    void aConfidentDistributionDecodesToItsBinAndAFlatOneToItsMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int red = ColorBins.nearest(60, 40);
            float[] logits = new float[ColorBins.COUNT];
            logits[red] = 20; // (1, Q, 1, 1): all but certain
            NDArray ab = ColorBins.annealedMean(manager.create(logits, new Shape(1, ColorBins.COUNT, 1, 1)));
            assertThat(ab.toFloatArray()[0] * Lab.AB_SCALE).isCloseTo(60, within(0.01f));
            assertThat(ab.toFloatArray()[1] * Lab.AB_SCALE).isCloseTo(40, within(0.01f));

            NDArray flat = ColorBins.annealedMean(manager.zeros(new Shape(1, ColorBins.COUNT, 1, 1)));
            assertThat(flat.toFloatArray()[0] * Lab.AB_SCALE).isCloseTo(5, within(0.01f));   // (−90 + 100) / 2
            assertThat(flat.toFloatArray()[1] * Lab.AB_SCALE).isCloseTo(-5, within(0.01f));  // (−110 + 100) / 2
        }
    }

    @Test
    void theCrossEntropyIsLowestForTheTrueColorsAndNeverAveragesTwoColorsIntoOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weights = manager.ones(new Shape(ColorBins.COUNT));
            NDArray target = manager.create(new float[] {33 / 128f, -27 / 128f}, new Shape(1, 2, 1, 1)); // between bins
            NDArray right = logitsAt(manager, 33, -27);
            NDArray wrong = logitsAt(manager, -40, 50);
            NDArray flat = manager.zeros(new Shape(1, ColorBins.COUNT, 1, 1));
            float atTruth = ColorBins.rebalancedCrossEntropy(right, target, weights).getFloat();
            assertThat(atTruth).isLessThan(ColorBins.rebalancedCrossEntropy(flat, target, weights).getFloat());
            assertThat(ColorBins.rebalancedCrossEntropy(flat, target, weights).getFloat())
                    .isLessThan(ColorBins.rebalancedCrossEntropy(wrong, target, weights).getFloat());
            // the soft encoding's distribution is the minimum: its cross-entropy is its own entropy
            double entropy = 0;
            for (double w : new double[] {0.7 * 0.7, 0.7 * 0.3, 0.3 * 0.7, 0.3 * 0.3}) { // 33 = 30 + 0.3·10, −27 = −30 + 0.3·10
                entropy -= w * Math.log(w);
            }
            assertThat((double) atTruth).isCloseTo(entropy, within(1e-4));
            // rebalancing: the same error weighs twice where the weights say 2
            float doubled = ColorBins.rebalancedCrossEntropy(wrong, target, weights.mul(2)).getFloat();
            assertThat(doubled).isCloseTo(2 * ColorBins.rebalancedCrossEntropy(wrong, target, weights).getFloat(),
                    within(1e-3f));
        }
    }

    // (1, Q, 1, 1) logits whose softmax is the bilinear soft encoding of (a, b): log of its weights, −100 elsewhere
    private static NDArray logitsAt(NDManager manager, float a, float b) {
        float[] logits = new float[ColorBins.COUNT];
        java.util.Arrays.fill(logits, -100);
        float ga = (a - ColorBins.A_MIN) / ColorBins.STEP;
        float gb = (b - ColorBins.B_MIN) / ColorBins.STEP;
        int a0 = (int) Math.floor(ga);
        int b0 = (int) Math.floor(gb);
        float fa = ga - a0;
        float fb = gb - b0;
        logits[a0 * ColorBins.NB + b0] = (float) Math.log((1 - fa) * (1 - fb));
        logits[a0 * ColorBins.NB + b0 + 1] = (float) Math.log((1 - fa) * fb);
        logits[(a0 + 1) * ColorBins.NB + b0] = (float) Math.log(fa * (1 - fb));
        logits[(a0 + 1) * ColorBins.NB + b0 + 1] = (float) Math.log(fa * fb);
        return manager.create(logits, new Shape(1, ColorBins.COUNT, 1, 1));
    }

    @Test
    void rareColorsWeighMoreAndATrainingPixelWeighsOneOnAverage() {
        long[] counts = new long[ColorBins.COUNT];
        int gray = ColorBins.nearest(0, 0);
        int red = ColorBins.nearest(60, 40);
        counts[gray] = 9000;
        counts[red] = 1000;
        float[] w = ColorBins.rebalancingWeights(counts);
        assertThat(w[red]).isGreaterThan(2 * w[gray]);
        assertThat((9000.0 * w[gray] + 1000.0 * w[red]) / 10000).isCloseTo(1, within(1e-5));
        assertThat(w[ColorBins.nearest(-80, -100)]).isGreaterThan(w[red]); // never seen: the most
    }

    @Test
    void descendingTheCrossEntropyMovesTheAnnealedMeanToTheTrueColor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weights = manager.ones(new Shape(ColorBins.COUNT));
            NDArray target = manager.create(new float[] {-44 / 128f, 61 / 128f}, new Shape(1, 2, 1, 1)); // a green
            NDArray logits = manager.zeros(new Shape(1, ColorBins.COUNT, 1, 1));
            logits.setRequiresGradient(true);
            for (int step = 0; step < 2000; step++) {
                try (ai.djl.training.GradientCollector collector =
                             ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    collector.backward(ColorBins.rebalancedCrossEntropy(logits, target, weights));
                }
                NDArray updated = logits.sub(logits.getGradient().mul(3));
                logits = updated.stopGradient();
                logits.setRequiresGradient(true);
            }
            float[] mean = ColorBins.annealedMean(logits, 1).toFloatArray(); // the soft encoding's mean: the color
            assertThat(mean[0] * Lab.AB_SCALE).isCloseTo(-44, within(1f));
            assertThat(mean[1] * Lab.AB_SCALE).isCloseTo(61, within(1f));
            float[] annealed = ColorBins.annealedMean(logits).toFloatArray(); // pulled toward the likeliest bin
            assertThat(annealed[0] * Lab.AB_SCALE).isBetween(-44f, -40f); // 60 % on the bin at −40
            assertThat(annealed[1] * Lab.AB_SCALE).isBetween(60f, 61f);
        }
    }
}
