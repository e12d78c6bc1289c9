package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.Setting;

/**
 * The CLI's wording of the core's {@link Setting}s: each as its flag. The core's messages name settings; every one
 * this CLI prints goes through here ({@link #of}, {@link #message}), so it reads as the options the user typed.
 */
final class Flags {
    private Flags() {}

    /** The flag of a setting, e.g. "--lr"; the switch has no default, so a new Setting does not compile without one. */
    static String of(Setting setting) {
        return switch (setting) {
            case OUT -> "--out";
            case DATA -> "--data";
            case MODEL -> "--model";
            case ARCH -> "--arch";
            case INIT_FROM -> "--init-from";
            case RESUME -> "--resume";
            case OVERWRITE -> "--overwrite";
            case SATURATION -> "--saturation";
            case EPOCHS -> "--epochs";
            case STAGES -> "--stages";
            case TRAIN_SIZE -> "--size";
            case BATCH -> "--batch";
            case LEARNING_RATE -> "--lr";
            case VAL_SPLIT -> "--val-split";
            case CROP -> "--crop";
            case DEGRADE -> "--degrade";
            case HINTS -> "--hints";
            case FORMAT -> "--format";
            case QUALITY -> "--quality";
            case ALL_PAGES -> "--all-pages";
            case SCALES -> "--scales";
            case GAINS -> "--gains";
            case SIZES -> "--sizes";
            case BINS_SHARES -> "--bins-shares";
            case AB_GAIN -> "--ab-gain";
            case VERBOSE -> "--verbose";
            case HELP -> "--help";
        };
    }

    /** The message of an error as this CLI prints it: a core error's settings as flags. */
    static String message(Throwable error) {
        return error instanceof ColorizerException e ? e.message(Flags::of) : error.getMessage();
    }
}
