package dev.colorizer.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The training samples and how often an epoch visits each: samples come from sources (data folders) with a weight
 * each. An epoch visits round(weight × n) samples of a source of n: the whole source floor of that many times over,
 * then a random subset for the rest (a weight of 0.5 visits a different half every epoch, 2 visits each sample
 * twice), all shuffled together. The epoch's length is fixed, so the learning-rate schedule is known in advance.
 *
 * @param indices sample indices (into the sample caches) of the training samples
 * @param sources the source of each training sample, 0 .. weights.length - 1
 * @param weights the weight of each source, positive
 */
public record TrainingSet(int[] indices, int[] sources, double[] weights) {
    public TrainingSet {
        indices = indices.clone();
        sources = sources.clone();
        weights = weights.clone();
        if (indices.length != sources.length) {
            throw new IllegalArgumentException(indices.length + " indices but " + sources.length + " sources");
        }
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("source weights must be positive, got " + Arrays.toString(weights));
            }
        }
        for (int s : sources) {
            if (s < 0 || s >= weights.length) {
                throw new IllegalArgumentException("source " + s + " has no weight in " + Arrays.toString(weights));
            }
        }
    }

    /** Every sample once per epoch, from one source of weight 1. */
    public static TrainingSet uniform(int[] indices) {
        return new TrainingSet(indices, new int[indices.length], new double[] {1});
    }

    /** Samples an epoch visits. */
    public int epochLength() {
        int total = 0;
        for (int s = 0; s < weights.length; s++) {
            total += visits(s, count(s));
        }
        return total;
    }

    /** The samples of one epoch in the order visited, drawn from {@code random}. */
    int[] epoch(SplittableRandom random) {
        int[] order = new int[epochLength()];
        int at = 0;
        for (int s = 0; s < weights.length; s++) {
            int n = count(s);
            int[] mine = new int[n];
            for (int i = 0, k = 0; i < indices.length; i++) {
                if (sources[i] == s) {
                    mine[k++] = indices[i];
                }
            }
            int visits = visits(s, n);
            for (int full = 0; full < visits / Math.max(1, n); full++) {
                System.arraycopy(mine, 0, order, at, n);
                at += n;
            }
            int rest = n == 0 ? 0 : visits % n;
            if (rest > 0) { // drawn only then: with whole repeats the order is the plain shuffle of earlier releases
                shuffle(mine, random);
                System.arraycopy(mine, 0, order, at, rest);
                at += rest;
            }
        }
        shuffle(order, random);
        return order;
    }

    private int count(int source) {
        int n = 0;
        for (int s : sources) {
            if (s == source) {
                n++;
            }
        }
        return n;
    }

    private int visits(int source, int n) {
        return (int) Math.round(weights[source] * n);
    }

    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
