package dev.colorizer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import dev.colorizer.model.ColorBins;
import dev.colorizer.model.UNet;

/**
 * What training minimises: the MSE of the color output against its target, plus, for a model that also predicts
 * the log-variance v of its a/b error (an uncertainty head), the Gaussian negative log-likelihood of the detached
 * squared error r² under that variance, mean(r² · exp(-v) + v), whose minimum is at v = log E[r²]. The head's input
 * is detached (see {@code model.UNet}), so that term trains the head alone and the colors learn from MSE only.
 *
 * <p>A model with the color-bins head (a third output, its logits) adds {@value #BINS_WEIGHT} × the rebalanced
 * cross-entropy of its distribution against the true colors ({@link ColorBins}); its shown colors are then the
 * bins' annealed mean, so the MSE reported and the error the uncertainty head learns are those of the annealed mean.
 */
final class Objective {
    /**
     * Weight of the bins' cross-entropy beside the regression's MSE. Per pixel, the cross-entropy's gradient on its
     * logits is of order 1 where the MSE's on a/b / 128 is of order 0.1, and a half-resolution pixel stands for four:
     * at 0.05 the bins pull on the shared layers about twice as hard as the regression, which they replace when shown.
     */
    static final float BINS_WEIGHT = 0.05f;

    private Objective() {}

    /**
     * @param loss what to minimise (a scalar)
     * @param mse the mean squared error of the colors shown (a scalar): what metrics.csv reports
     */
    record Value(NDArray loss, NDArray mse) {}

    /** As {@link #evaluate(NDList, NDArray, NDArray)} with every color bin weighted alike. */
    static Value evaluate(NDList outputs, NDArray target) {
        return evaluate(outputs, target, null);
    }

    /**
     * @param outputs the block's outputs: (N, C, S, S) color, then optionally (N, 1, S, S) log-variance, then
     *                optionally (N, Q, S/2, S/2) color-bin logits
     * @param target (N, C, S, S), in the color output's units
     * @param binWeights (Q) the rebalancing weight of each color bin, or null for 1 each
     */
    static Value evaluate(NDList outputs, NDArray target, NDArray binWeights) {
        NDArray squared = outputs.get(0).sub(target).square(); // (N, C, S, S)
        NDArray mse = squared.mean();                          // as Loss.l2Loss("mse", 1): mean over all elements
        if (outputs.size() == 1) {
            return new Value(mse, mse);
        }
        if (outputs.size() == 2) {
            return new Value(mse.add(varianceNll(outputs.get(1), squared)), mse);
        }
        NDArray logits = outputs.get(2);                                                    // (N, Q, S/2, S/2)
        NDArray halfTarget = Pool.avgPool2d(target, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
        NDArray weights = binWeights != null ? binWeights : target.getManager().ones(new Shape(ColorBins.COUNT));
        NDArray crossEntropy = ColorBins.rebalancedCrossEntropy(logits, halfTarget, weights); // scalar
        NDArray shown = UNet.upsampleToInput(ColorBins.annealedMean(logits.stopGradient()), target); // (N, 2, S, S)
        NDArray shownSquared = shown.sub(target).square();                                  // (N, 2, S, S)
        NDArray loss = mse.add(crossEntropy.mul(BINS_WEIGHT)).add(varianceNll(outputs.get(1), shownSquared));
        return new Value(loss, shownSquared.mean());
    }

    /**
     * The MSE of the colors a model shows outside training (its first output) against the target: what validation
     * reports, for every architecture (a bins model's annealed mean).
     *
     * @param outputs the block's outputs outside training, (N, C, S, S) colors first
     * @param target (N, C, S, S)
     */
    static NDArray shownMse(NDList outputs, NDArray target) {
        return outputs.get(0).sub(target).square().mean();
    }

    // mean(r² · exp(-v) + v) for the log-variance v (N, 1, S, S) of the squared errors (N, C, S, S), r² detached
    private static NDArray varianceNll(NDArray logVariance, NDArray squared) {
        NDArray r2 = squared.mean(new int[] {1}, true).stopGradient();      // (N, 1, S, S), mean over a and b
        return r2.mul(logVariance.neg().exp()).add(logVariance).mean();      // scalar
    }
}
