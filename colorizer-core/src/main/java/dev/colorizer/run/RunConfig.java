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
 */
public record RunConfig(TrainConfig train, DataSummary data, List<String> trainNames, List<String> validationNames,
                        String createdAt, String software) {

    /**
     * @param path the dataset folder as given
     * @param layout PAIRED, KAGGLE or COLOR_ONLY
     * @param images usable images
     * @param skipped images that could not be used (see problems)
     * @param problems one line per skipped file
     */
    public record DataSummary(String path, String layout, int images, int skipped, List<String> problems) {}
}
