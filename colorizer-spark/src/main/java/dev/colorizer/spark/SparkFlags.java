package dev.colorizer.spark;

import dev.colorizer.ColorizerException;
import dev.colorizer.Setting;

/**
 * How {@code colorize spark} words the core's {@link Setting}s, on its command line and in its manifest's rows: as
 * its own flag where it has the setting ({@code --output} for the output folder), else the library's plain name.
 */
public final class SparkFlags {
    private SparkFlags() {}

    /** The flag of a setting this job has, or its plain name. */
    public static String of(Setting setting) {
        return switch (setting) {
            case OUT -> "--output";
            case MODEL -> "--model";
            case SATURATION -> "--saturation";
            case FORMAT -> "--format";
            case QUALITY -> "--quality";
            case HINTS -> "--hints";
            case VERBOSE -> "--verbose";
            case HELP -> "--help";
            default -> setting.plainName();
        };
    }

    /** A core error's message as this job prints or records it. */
    public static String message(ColorizerException e) {
        return e.message(SparkFlags::of);
    }
}
