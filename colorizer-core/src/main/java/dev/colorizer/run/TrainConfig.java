package dev.colorizer.run;

import dev.colorizer.model.TrainSchedule;

/**
 * Everything that decides a training run, saved in config.json and in every checkpoint.
 *
 * @param model architecture id ({@code seed}, {@code seed-rgb})
 * @param epochs total number of epochs (the original: 50 for seed, 10 for seed-rgb)
 * @param batchSize images per step (the original: 8)
 * @param learningRate Adam learning rate (the original: 1e-4 for seed, 1e-3 for seed-rgb)
 * @param size working size S: images are resized to S×S (the original code: 256, its README: 128)
 * @param valSplit fraction of the images held out for validation (the original: 0.1)
 * @param seed seeds the split, the weights' initialisation, the shuffling and the augmentation
 * @param flip whether training images are mirrored left-right at random (half of the time)
 * @param schedule how the learning rate moves over the run (null, in older config files: constant)
 */
public record TrainConfig(String model, int epochs, int batchSize, float learningRate, int size,
                          double valSplit, long seed, boolean flip, TrainSchedule schedule) {
    /** A run with a constant learning rate. */
    public TrainConfig(String model, int epochs, int batchSize, float learningRate, int size, double valSplit,
                       long seed, boolean flip) {
        this(model, epochs, batchSize, learningRate, size, valSplit, seed, flip, TrainSchedule.CONSTANT);
    }

    public TrainConfig {
        if (schedule == null) {
            schedule = TrainSchedule.CONSTANT;
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(valSplit >= 0 && valSplit < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + valSplit);
        }
    }
}
