package dev.colorizer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * What training minimises: the MSE of the color output against its target, plus, for a model that also predicts
 * the log-variance v of its a/b error (an uncertainty head), the Gaussian negative log-likelihood of the detached
 * squared error r² under that variance, mean(r² · exp(-v) + v), whose minimum is at v = log E[r²]. The head's input
 * is detached (see {@code model.UNet}), so that term trains the head alone and the colors learn from MSE only.
 */
final class Objective {
    private Objective() {}

    /**
     * @param loss what to minimise (a scalar)
     * @param mse the mean squared error of the color output (a scalar): what metrics.csv reports
     */
    record Value(NDArray loss, NDArray mse) {}

    /**
     * @param outputs the block's outputs: (N, C, S, S) color, then optionally (N, 1, S, S) log-variance
     * @param target (N, C, S, S), in the color output's units
     */
    static Value evaluate(NDList outputs, NDArray target) {
        NDArray squared = outputs.get(0).sub(target).square(); // (N, C, S, S)
        NDArray mse = squared.mean();                          // as Loss.l2Loss("mse", 1): mean over all elements
        if (outputs.size() == 1) {
            return new Value(mse, mse);
        }
        NDArray logVariance = outputs.get(1);                                 // (N, 1, S, S)
        NDArray r2 = squared.mean(new int[] {1}, true).stopGradient();        // (N, 1, S, S), mean over a and b
        NDArray nll = r2.mul(logVariance.neg().exp()).add(logVariance).mean(); // scalar
        return new Value(mse.add(nll), mse);
    }
}
