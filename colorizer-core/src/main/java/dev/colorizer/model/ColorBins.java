package dev.colorizer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.colorizer.color.Lab;

/**
 * The a/b plane cut into bins, for a model that predicts a distribution over colors instead of one mean color
 * (Zhang, Isola and Efros, "Colorful Image Colorization", 2016). A regression to the mean averages the plausible
 * colors of a coat (red, blue, green) into brown; a distribution keeps them apart, and its annealed mean commits to
 * the likeliest.
 *
 * <p>The grid: bin centers every {@value #STEP} Lab units, a from {@value #A_MIN} to {@value #A_MIN} + STEP·(NA − 1)
 * = 100 and b from {@value #B_MIN} to 100, which holds every sRGB color (a in −86..98, b in −108..95); bin k = ia·NB +
 * ib. A target color is spread over its four surrounding centers by bilinear weights (a soft encoding whose mean is
 * the color itself, so a model that learns it exactly decodes back to it at temperature 1). All a/b here are in the
 * model's units, a/b / {@link Lab#AB_SCALE}.
 */
public final class ColorBins {
    /** Grid step, in Lab a/b units. */
    public static final float STEP = 10f;
    /** Center of the first bin along a and along b, in Lab units. */
    public static final float A_MIN = -90f;
    public static final float B_MIN = -110f;
    /** Centers along a (−90..100) and along b (−110..100). */
    public static final int NA = 20;
    public static final int NB = 22;
    /** Number of bins: the channels of the model's bin logits. */
    public static final int COUNT = NA * NB;
    /**
     * The annealed mean's temperature: softmax(logits / T) sharpened toward the mode (T &lt; 1) before the mean is
     * taken, Zhang et al.'s 0.38, between the mean (T = 1: desaturated) and the mode (T → 0: vivid but patchy).
     */
    public static final float TEMPERATURE = 0.38f;

    private ColorBins() {}

    /** Center of bin k along a, in model units (a / 128). */
    public static float centerA(int k) {
        return (A_MIN + STEP * (k / NB)) / Lab.AB_SCALE;
    }

    /** Center of bin k along b, in model units (b / 128). */
    public static float centerB(int k) {
        return (B_MIN + STEP * (k % NB)) / Lab.AB_SCALE;
    }

    /** The bin nearest a color given in Lab units (clamped onto the grid). */
    public static int nearest(float a, float b) {
        int ia = Math.max(0, Math.min(NA - 1, Math.round((a - A_MIN) / STEP)));
        int ib = Math.max(0, Math.min(NB - 1, Math.round((b - B_MIN) / STEP)));
        return ia * NB + ib;
    }

    /**
     * The annealed mean of a distribution over the bins: its colors, (N, 2, H, W) in model units.
     *
     * @param logits (N, COUNT, H, W)
     */
    public static NDArray annealedMean(NDArray logits) {
        return annealedMean(logits, TEMPERATURE);
    }

    /** As {@link #annealedMean(NDArray)} at another temperature: 1 is the distribution's mean. */
    static NDArray annealedMean(NDArray logits, float temperature) {
        Shape shape = logits.getShape();
        NDArray p = logits.div(temperature).softmax(1).reshape(shape.get(0), COUNT, -1); // (N, Q, H·W)
        return centers(logits.getManager()).matMul(p)                                    // (N, 2, H·W)
                .reshape(shape.get(0), 2, shape.get(2), shape.get(3));                    // (N, 2, H, W)
    }

    /**
     * Cross-entropy of the predicted distribution against the soft-encoded true colors, each pixel weighted by how
     * rare its color is (the rebalancing), averaged over pixels.
     *
     * @param logits (N, COUNT, H, W)
     * @param targetAb (N, 2, H, W), true a/b in model units
     * @param binWeights (COUNT) the weight of each bin's pixels, mean 1 over the training colors
     */
    public static NDArray rebalancedCrossEntropy(NDArray logits, NDArray targetAb, NDArray binWeights) {
        NDArray logP = logits.logSoftmax(1);                                                   // (N, Q, H, W)
        NDArray ga = targetAb.get(":, 0:1").mul(Lab.AB_SCALE).sub(A_MIN).div(STEP).clip(0, NA - 1); // (N, 1, H, W)
        NDArray gb = targetAb.get(":, 1:2").mul(Lab.AB_SCALE).sub(B_MIN).div(STEP).clip(0, NB - 1);
        NDArray a0 = ga.floor().clip(0, NA - 2);  // lower corner, so that a0 + 1 is on the grid
        NDArray b0 = gb.floor().clip(0, NB - 2);
        NDArray fa = ga.sub(a0);                  // (N, 1, H, W) in [0, 1]: the weight of a0 + 1
        NDArray fb = gb.sub(b0);
        NDArray k00 = a0.mul(NB).add(b0);         // bin of (a0, b0), as a float
        NDArray sum = pick(logP, k00).mul(fa.neg().add(1).mul(fb.neg().add(1)))
                .add(pick(logP, k00.add(1)).mul(fa.neg().add(1).mul(fb)))
                .add(pick(logP, k00.add(NB)).mul(fa.mul(fb.neg().add(1))))
                .add(pick(logP, k00.add(NB + 1)).mul(fa.mul(fb)));                           // (N, 1, H, W)
        NDArray nearest = ga.round().mul(NB).add(gb.round()).toType(DataType.INT64, false);   // (N, 1, H, W)
        NDArray pixelWeights = binWeights.take(nearest.flatten()).reshape(nearest.getShape()); // (N, 1, H, W)
        return sum.mul(pixelWeights).neg().mean();
    }

    /**
     * Weights that make rare colors count as much as common ones, from the colors' frequencies in the training
     * pictures: w ∝ 1 / ((1 − λ)·p̃ + λ / Q) with p̃ the histogram smoothed by a Gaussian of σ = 5 Lab units and
     * λ = ½ (Zhang et al.'s choice), scaled so that the mean weight of a training pixel is 1.
     *
     * @param counts (COUNT) pixels of the training pictures per nearest bin
     */
    public static float[] rebalancingWeights(long[] counts) {
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("no colors counted");
        }
        double sigma = 5 / STEP; // in bins
        double[] smoothed = new double[COUNT];
        for (int k = 0; k < COUNT; k++) {
            int ia = k / NB;
            int ib = k % NB;
            double s = 0;
            double norm = 0;
            for (int da = -2; da <= 2; da++) {
                for (int db = -2; db <= 2; db++) {
                    double g = Math.exp(-(da * da + db * db) / (2 * sigma * sigma));
                    norm += g;
                    int ja = ia + da;
                    int jb = ib + db;
                    if (ja >= 0 && ja < NA && jb >= 0 && jb < NB) {
                        s += g * counts[ja * NB + jb] / total;
                    }
                }
            }
            smoothed[k] = s / norm;
        }
        double lambda = 0.5;
        float[] weights = new float[COUNT];
        double mean = 0; // the expected weight of a training pixel
        for (int k = 0; k < COUNT; k++) {
            double w = 1 / ((1 - lambda) * smoothed[k] + lambda / COUNT);
            weights[k] = (float) w;
            mean += w * counts[k] / total;
        }
        for (int k = 0; k < COUNT; k++) {
            weights[k] = (float) (weights[k] / mean);
        }
        return weights;
    }

    // logP's value at bin k of each pixel: (N, Q, H, W), (N, 1, H, W) float bins -> (N, 1, H, W)
    private static NDArray pick(NDArray logP, NDArray bins) {
        return logP.gather(bins.toType(DataType.INT64, false), 1);
    }

    // the bins' centers, (2, Q) in model units: a, then b
    private static NDArray centers(NDManager manager) {
        float[] c = new float[2 * COUNT];
        for (int k = 0; k < COUNT; k++) {
            c[k] = centerA(k);
            c[COUNT + k] = centerB(k);
        }
        return manager.create(c, new Shape(2, COUNT));
    }
}
