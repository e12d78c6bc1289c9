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
 * @param saturation for a model that predicts its uncertainty, the confidence-dependent gain tuned for it after
 *                   training (null: not tuned, a constant gain); see {@code infer.Saturation}
 * @param workingSize the working size the model sees pictures at, tuned for it after training together with its
 *                    saturation (null: the size it was trained at last, {@code train.size})
 * @param base for a fine-tuning run ({@code train.initFrom}), how the model it started from was made (null: it
 *             started from random weights)
 * @param binsShare for a model with the color-bins head ({@code unet-bins}), the share of the bins' annealed mean in
 *                  the colors shown, the rest being the regression's, tuned with its saturation (null: 1, the bins
 *                  alone)
 */
public record RunConfig(TrainConfig train, DataSummary data, List<String> trainNames, List<String> validationNames,
                        String createdAt, String software, Float abGain, SaturationTuning saturation,
                        WorkingSizeTuning workingSize, BaseRecipe base, Float binsShare) {

    /** A run whose a/b gain is its architecture's default. */
    public RunConfig(TrainConfig train, DataSummary data, List<String> trainNames, List<String> validationNames,
                     String createdAt, String software) {
        this(train, data, trainNames, validationNames, createdAt, software, null, null, null, null, null);
    }

    /** The same run trained with another configuration (e.g. more epochs on --resume); everything else kept. */
    public RunConfig withTrain(TrainConfig changed) {
        return new RunConfig(changed, data, trainNames, validationNames, createdAt, software, abGain, saturation,
                workingSize, base, binsShare);
    }

    /**
     * The same run with each data folder and the run folder it was fine-tuned from named by its last path element
     * only (e.g. "intel-train"), its base model's too: what a model shipped to other machines records, without this
     * machine's paths.
     */
    public RunConfig withPortablePaths() {
        return new RunConfig(portable(train), data.portable(), trainNames, validationNames, createdAt, software,
                abGain, saturation, workingSize, base == null ? null : base.portable(), binsShare);
    }

    /** A path's last element ("/data/intel-train" -> "intel-train"); a bare name such as "bundled" as it is. */
    private static String lastElement(String path) {
        java.nio.file.Path file = java.nio.file.Path.of(path).getFileName();
        return file == null ? path : file.toString();
    }

    // the run folder a fine-tune started from, named by its last element
    private static TrainConfig portable(TrainConfig train) {
        return train.initFrom() == null ? train : train.withInitFrom(lastElement(train.initFrom()));
    }

    /** The same run with a tuned a/b gain. */
    public RunConfig withAbGain(Float gain) {
        return new RunConfig(train, data, trainNames, validationNames, createdAt, software, gain, saturation,
                workingSize, base, binsShare);
    }

    /** The same run with a tuned confidence-dependent saturation. */
    public RunConfig withSaturation(SaturationTuning tuned) {
        return new RunConfig(train, data, trainNames, validationNames, createdAt, software, abGain, tuned, workingSize,
                base, binsShare);
    }

    /** The same run with a tuned working size (null: the size it was trained at). */
    public RunConfig withWorkingSize(WorkingSizeTuning tuned) {
        return new RunConfig(train, data, trainNames, validationNames, createdAt, software, abGain, saturation, tuned,
                base, binsShare);
    }

    /** The same run with a tuned share of the color bins in its colors (null: 1). */
    public RunConfig withBinsShare(Float share) {
        return new RunConfig(train, data, trainNames, validationNames, createdAt, software, abGain, saturation,
                workingSize, base, share);
    }

    /** The same run recorded as fine-tuned from {@code started} (null: from random weights). */
    public RunConfig withBase(BaseRecipe started) {
        return new RunConfig(train, data, trainNames, validationNames, createdAt, software, abGain, saturation,
                workingSize, started, binsShare);
    }

    /**
     * The recipe of the model a fine-tuning run started from, and of the one that started from, and so on: what a
     * fine-tuned model's config.json needs so that it can be remade from random weights (its {@code initFrom} names
     * a model, e.g. "bundled", that a later version replaces).
     *
     * @param name the model as {@code initFrom} named it
     * @param train its training configuration
     * @param data the data it saw (its split is the same when its seed, split and data are)
     * @param createdAt when its training started
     * @param software what trained it
     * @param base the model it started from in turn (null: random weights)
     */
    public record BaseRecipe(String name, TrainConfig train, DataSummary data, String createdAt, String software,
                             BaseRecipe base) {
        /** The recipe of {@code model}, a model named {@code name}. */
        public static BaseRecipe of(String name, RunConfig model) {
            return new BaseRecipe(name, model.train(), model.data(), model.createdAt(), model.software(),
                    model.base());
        }

        /** The same recipe with its data folders and model names (and its base's) as in {@link #withPortablePaths}. */
        BaseRecipe portable() {
            return new BaseRecipe(lastElement(name), RunConfig.portable(train), data.portable(), createdAt, software,
                    base == null ? null : base.portable());
        }
    }

    /**
     * gain(v) = maxGain · varianceScale / (varianceScale + exp(v)), v the predicted log-variance.
     *
     * @param maxGain the gain of a fully confident pixel
     * @param varianceScale the predicted error variance, in (a/b / 128)² units, at which the gain is halved
     * @param tunedOn what it was tuned on, e.g. "the run's 467 validation pictures: highest PSNR with colorfulness
     *                at least 0.8 × the truth's"
     */
    public record SaturationTuning(float maxGain, float varianceScale, String tunedOn) {}

    /**
     * The working size S (pictures seen at about S² pixels) chosen for prediction: the model is fully convolutional,
     * and one trained mostly at a small size can be more accurate below the size it was trained at last.
     *
     * @param size the working size, a multiple of the architecture's size multiple
     * @param tunedOn what it was chosen on, as {@link SaturationTuning#tunedOn}
     */
    public record WorkingSizeTuning(int size, String tunedOn) {}

    /**
     * @param path the dataset folder as given (several: joined with ", ")
     * @param layout PAIRED, KAGGLE or COLOR_ONLY (several: the distinct ones, joined)
     * @param images usable images
     * @param skipped images that could not be used (see problems)
     * @param problems one line per skipped file
     * @param sources one entry per data folder when there are several, else null
     */
    public record DataSummary(String path, String layout, int images, int skipped, List<String> problems,
                              List<DataSource> sources) {
        /** The summary of a run on one data folder. */
        public DataSummary(String path, String layout, int images, int skipped, List<String> problems) {
            this(path, layout, images, skipped, problems, null);
        }

        /** The same summary with each data folder named by its last path element only (e.g. "intel-train"). */
        public DataSummary portable() {
            List<DataSource> named = sources == null ? null : sources.stream()
                    .map(s -> new DataSource(lastElement(s.path()), s.label(), s.layout(), s.weight(), s.images(),
                            s.skipped(), s.train(), s.validation())).toList();
            String joined = String.join(", ", java.util.Arrays.stream(path.split(", ")).map(RunConfig::lastElement)
                    .toList());
            return new DataSummary(joined, layout, images, skipped, problems, named);
        }
    }

    /**
     * One data folder of a run on several.
     *
     * @param path the folder as given
     * @param label the prefix of its pictures' names in trainNames and validationNames ("label/name")
     * @param layout PAIRED, KAGGLE or COLOR_ONLY
     * @param weight how often an epoch visits its pictures (1: each once)
     * @param images usable images
     * @param skipped files that could not be used
     * @param train its pictures in the training split
     * @param validation its pictures in the validation split
     */
    public record DataSource(String path, String label, String layout, double weight, int images, int skipped,
                             int train, int validation) {}
}
