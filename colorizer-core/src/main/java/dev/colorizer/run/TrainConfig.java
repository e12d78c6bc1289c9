package dev.colorizer.run;

import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.Encoding;
import dev.colorizer.model.TrainSchedule;
import java.util.List;

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
 * @param stages the working sizes of the run in order, each for some epochs (e.g. 64 px for 22 epochs, then 128 px
 *               for 3): most of the learning at a small size, where an epoch is 4 times cheaper, then a fine-tune
 *               at the size the model is used at. The last stage's size is {@code size}, the epochs add up to
 *               {@code epochs}; null or empty (older config files, or one size): one stage of {@code size}
 * @param initFrom the trained model whose weights the run starts from instead of random ones (fine-tuning): a run
 *                 folder, or {@code StoredModel.BUNDLED_NAME}; null for random weights
 * @param crop random crops: each training picture is a random square covering this fraction of its side or more
 *             (uniform in [crop, 1], at a uniform position), resampled to the working size, so that an epoch never
 *             shows a picture exactly as before; validation sees the whole picture, as inference does. In (0, 1];
 *             1 (and null, in older config files) is no cropping
 * @param degrade the share of training pictures whose gray input is made to look like a scan of an old print (soft,
 *                faded, grainy; the target colors stay the true ones), so that such photographs get the colors of
 *                their content; validation sees the pictures as they are. In [0, 1]; 0 (and null, in older config
 *                files) is none
 */
public record TrainConfig(String model, int epochs, int batchSize, float learningRate, int size,
                          double valSplit, long seed, boolean flip, TrainSchedule schedule, List<Stage> stages,
                          String initFrom, Double crop, Double degrade) {
    /** Some epochs at one working size. */
    public record Stage(int size, int epochs) {
        public Stage {
            if (size < 1 || epochs < 1) {
                throw new UsageException(Message.of("a training stage needs a positive size and number of epochs, got "
                        + size + " px for " + epochs + " epochs: use e.g. ", Setting.TRAIN_SIZE, " 64 ",
                        Setting.EPOCHS, " 10, or ", Setting.STAGES, " 64:10"));
            }
        }
    }

    /** A run with a constant learning rate. */
    public TrainConfig(String model, int epochs, int batchSize, float learningRate, int size, double valSplit,
                       long seed, boolean flip) {
        this(model, epochs, batchSize, learningRate, size, valSplit, seed, flip, TrainSchedule.CONSTANT);
    }

    /** A run at one working size. */
    public TrainConfig(String model, int epochs, int batchSize, float learningRate, int size, double valSplit,
                       long seed, boolean flip, TrainSchedule schedule) {
        this(model, epochs, batchSize, learningRate, size, valSplit, seed, flip, schedule, null);
    }

    /** A run from random weights. */
    public TrainConfig(String model, int epochs, int batchSize, float learningRate, int size, double valSplit,
                       long seed, boolean flip, TrainSchedule schedule, List<Stage> stages) {
        this(model, epochs, batchSize, learningRate, size, valSplit, seed, flip, schedule, stages, null);
    }

    /** A run without random crops or degraded inputs. */
    public TrainConfig(String model, int epochs, int batchSize, float learningRate, int size, double valSplit,
                       long seed, boolean flip, TrainSchedule schedule, List<Stage> stages, String initFrom) {
        this(model, epochs, batchSize, learningRate, size, valSplit, seed, flip, schedule, stages, initFrom, null,
                null);
    }

    public TrainConfig {
        if (schedule == null) {
            schedule = TrainSchedule.CONSTANT;
        }
        if (crop == null) {
            crop = 1.0;
        }
        if (!(crop > 0 && crop <= 1)) {
            throw new UsageException(Message.of(Setting.CROP, " " + crop + " is out of range: give the smallest "
                    + "fraction of a picture's side a training crop covers, in (0, 1], e.g. 0.8 (1 = no cropping)"));
        }
        if (degrade == null) {
            degrade = 0.0;
        }
        if (!(degrade >= 0 && degrade <= 1)) {
            throw new UsageException(Message.of(Setting.DEGRADE, " " + degrade + " is out of range: give the share of "
                    + "training pictures to degrade, in [0, 1], e.g. 0.5 (0 = none)"));
        }
        if (degrade > 0 && Architecture.fromId(model).encoding() == Encoding.LAB_SEED) {
            throw new UsageException(Message.of(Setting.DEGRADE, " changes the gray input, but the seed model computes "
                    + "its input from the color picture: use it with unet, unet-hints, unet-bins or seed-rgb"));
        }
        if (stages != null && stages.isEmpty()) {
            stages = null;
        }
        if (stages != null) {
            stages = List.copyOf(stages);
            int total = stages.stream().mapToInt(Stage::epochs).sum();
            if (total != epochs || stages.get(stages.size() - 1).size() != size) {
                throw new IllegalArgumentException("stages " + stages + " must end at size " + size + " and add up to "
                        + epochs + " epochs");
            }
        }
        if (epochs < 1) {
            throw new UsageException(Message.of(Setting.EPOCHS, " " + epochs + " is too few: train for 1 epoch or more"));
        }
        if (batchSize < 1) {
            throw new UsageException(Message.of(Setting.BATCH, " " + batchSize + " is too small: use 1 or more pictures "
                    + "a step"));
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new UsageException(Message.of(Setting.LEARNING_RATE, " " + learningRate + " is not a learning rate: "
                    + "give a positive number, e.g. 1e-3"));
        }
        if (!(valSplit >= 0 && valSplit < 1)) {
            throw new UsageException(Message.of(Setting.VAL_SPLIT, " " + valSplit + " is out of range: give a fraction "
                    + "in [0, 1), e.g. 0.1"));
        }
    }

    /**
     * The size the pictures of a stage of working size s are cached at: large enough that the smallest crop is
     * resampled without enlarging, ceil(s / crop); s itself without cropping.
     */
    public int cachedSize(int s) {
        return (int) Math.ceil(s / crop - 1e-9);
    }

    /** The stages, one of {@code size} when the run has a single working size. */
    public List<Stage> stagesOrSingle() {
        return stages != null ? stages : List.of(new Stage(size, epochs));
    }

    /** The working size of epoch e (1-based); epochs past the last stage continue at its size. */
    public int sizeAt(int epoch) {
        int end = 0;
        for (Stage stage : stagesOrSingle()) {
            end += stage.epochs();
            if (epoch <= end) {
                return stage.size();
            }
        }
        return size;
    }

    /** This run started from another trained model ({@code initFrom}: "bundled" or a run folder), or none. */
    public TrainConfig withInitFrom(String model) {
        return new TrainConfig(this.model, epochs, batchSize, learningRate, size, valSplit, seed, flip, schedule, stages,
                model, crop, degrade);
    }

    /** This run trained to {@code total} epochs: the last stage grows or shrinks (at least one epoch in it). */
    public TrainConfig withEpochs(int total) {
        if (stages == null) {
            return new TrainConfig(model, total, batchSize, learningRate, size, valSplit, seed, flip, schedule, null,
                    initFrom, crop, degrade);
        }
        List<Stage> changed = new java.util.ArrayList<>(stages);
        int before = epochs - stages.get(stages.size() - 1).epochs();
        if (total <= before) {
            throw new UsageException(Message.of(Setting.EPOCHS, " " + total + " would leave no epoch in the last stage "
                    + stages.get(stages.size() - 1) + ": use more than " + before));
        }
        changed.set(changed.size() - 1, new Stage(size, total - before));
        return new TrainConfig(model, total, batchSize, learningRate, size, valSplit, seed, flip, schedule, changed,
                initFrom, crop, degrade);
    }
}
