package dev.colorizer.run;

import java.util.List;

/**
 * config.json of a run folder: the training configuration, the data it saw and how it was split, so that a model
 * can be traced back to its inputs.
 *
 * @param train hyper-parameters and seed
 * @param data where the images came from and how many were usable
 * @param trainNames file names of the training images
 * @param validationNames file names of the validation images
 * @param createdAt ISO-8601 time of the first start
 * @param software library versions that produced it
 * @param abGain factor on the predicted a/b at prediction, when tuned for this model after training (null: the
 *               architecture's default)
 */
public record RunConfig(TrainConfig train, DataSummary data, List<String> trainNames, List<String> validationNames,
                        String createdAt, String software, Float abGain) {

    /** A run whose a/b gain is its architecture's default. */
    public RunConfig(TrainConfig train, DataSummary data, List<String> trainNames, List<String> validationNames,
                     String createdAt, String software) {
        this(train, data, trainNames, validationNames, createdAt, software, null);
    }

    /**
     * @param path the dataset folder as given
     * @param layout PAIRED, KAGGLE or COLOR_ONLY
     * @param images usable images
     * @param skipped images that could not be used (see problems)
     * @param problems one line per skipped file
     */
    public record DataSummary(String path, String layout, int images, int skipped, List<String> problems) {}
}
