package dev.colorizer;

import java.util.Locale;

/**
 * A setting the core's messages refer to, by a neutral handle: the core says what went wrong, each front end words
 * the setting its own way (the CLI as its flag, the server as its query parameter, the library as its plain name,
 * {@link #plainName()}). A message that names settings is a {@link Message}; a {@link ColorizerException} carries
 * one and renders it with a front end's wording ({@link ColorizerException#message(java.util.function.Function)}).
 */
public enum Setting {
    /** The output folder: of a training run, of colorized pictures. */
    OUT("output"),
    /** A training or evaluation data folder. */
    DATA("data"),
    /** The model (a run folder, or the bundled one). */
    MODEL("model"),
    /** The architecture of the model to train. */
    ARCH("architecture"),
    /** The run whose weights a new training run starts from. */
    INIT_FROM("initial weights"),
    /** Continue a training run from its last checkpoint. */
    RESUME("resume"),
    /** The user's saturation factor: 0 gray, 1 the model's own. */
    SATURATION("saturation"),
    /** Redo outputs made earlier with the same settings. */
    OVERWRITE("overwrite"),
    /** The number of training epochs. */
    EPOCHS("epochs"),
    /** The training stages, size and epochs each. */
    STAGES("stages"),
    /** The size pictures are trained at. */
    TRAIN_SIZE("training size"),
    /** Pictures a training step. */
    BATCH("batch size"),
    /** The learning rate. */
    LEARNING_RATE("learning rate"),
    /** The share of each data folder kept for validation. */
    VAL_SPLIT("validation split"),
    /** The smallest crop of a picture in training. */
    CROP("crop"),
    /** The share of training pictures degraded. */
    DEGRADE("degrade share"),
    /** Hints: a hints file or folder, or the counts of simulated hints. */
    HINTS("hints"),
    /** The output format. */
    FORMAT("format"),
    /** The JPEG quality. */
    QUALITY("quality"),
    /** Colorize each page of a multi-page file. */
    ALL_PAGES("all pages"),
    /** The variance scales a calibration tries. */
    SCALES("scales"),
    /** The constant gains a calibration tries. */
    GAINS("gains"),
    /** The working sizes a calibration tries. */
    SIZES("sizes"),
    /** The bins shares a calibration tries. */
    BINS_SHARES("bins shares"),
    /** The constant gain of the colors. */
    AB_GAIN("ab gain"),
    /** Details of errors (stack traces). */
    VERBOSE("verbose"),
    /** The help of a command. */
    HELP("help");

    private final String plainName;

    Setting(String plainName) {
        this.plainName = plainName;
    }

    /** How the library words it, e.g. "learning rate": what {@link ColorizerException#getMessage()} says. */
    public String plainName() {
        return plainName;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
