package dev.colorizer.cli;

import dev.colorizer.UsageException;
import dev.colorizer.infer.ColorSettings;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.Saturation;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options that change how a loaded model's colors are made and shown: saturation, upsampling, framing and
 * mirror averaging (a picocli mixin).
 */
final class ColorOptions {
    @Option(names = "--saturation", paramLabel = "F", defaultValue = "1",
            description = "How colorful: 0 gray, 1 the model's default (confidence-dependent for the bundled model), "
                    + "up to " + Saturation.MAX_USER_FACTOR + ". Default: ${DEFAULT-VALUE}.")
    float saturation;

    @Option(names = "--upsampling", paramLabel = "MODE", defaultValue = "guided",
            description = "How the colors predicted at the working size reach full size: guided (by the picture's "
                    + "own lightness, so color stays inside its edges) or bilinear. Default: ${DEFAULT-VALUE}.")
    String upsampling;

    @Option(names = "--framing", paramLabel = "MODE", defaultValue = "aspect",
            description = "The shape a picture is resized to for the model: aspect (its own proportions, about as "
                    + "many pixels as the working size squared) or square (squeezed to a square, as earlier releases "
                    + "did). Default: ${DEFAULT-VALUE}.")
    String framing;

    @Option(names = "--mirror-average", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Average the model's colors for each picture and for its mirror image (more accurate, "
                    + "twice the model's time; --no-mirror-average for one pass). Default: on.")
    boolean mirrorAverage;

    /** The loaded model with these settings (sharing its weights: close the loaded one only). */
    Colorizer apply(Colorizer loaded) {
        return loaded.with(loaded.settings().toBuilder().optSaturation(saturation)
                .optUpsampling(mode("--upsampling", upsampling, ColorSettings.Upsampling.class, "guided or bilinear"))
                .optFraming(mode("--framing", framing, ColorSettings.Framing.class, "aspect or square"))
                .optMirrorAveraging(mirrorAverage).build());
    }

    // an option's value as the enum constant of the same name, whatever its case
    private static <E extends Enum<E>> E mode(String option, String value, Class<E> type, String choices) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + value + " is not a mode: use " + choices);
        }
    }
}
