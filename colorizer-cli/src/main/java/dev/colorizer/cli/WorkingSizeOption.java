package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.UsageException;
import dev.colorizer.infer.Colorizer;
import picocli.CommandLine.Option;

/** {@code --size}: the working size a command colors pictures at (a picocli mixin). */
final class WorkingSizeOption {
    @Option(names = "--size", paramLabel = "S", description = "Working size: the model sees each picture at about "
            + "S × S pixels; smaller for faded or damaged scans, larger for detailed ones (colorize preview shows "
            + "the choices side by side). Default: the model's own.")
    Integer size;

    /** The model seeing pictures at --size (checked against its range: a usage error names it), or as it was. */
    Colorizer applyTo(Colorizer colorizer) {
        if (size == null) {
            return colorizer;
        }
        try {
            return colorizer.with(colorizer.settings().withWorkingSize(size));
        } catch (ColorizerException e) {
            throw new UsageException("--size: " + Flags.message(e));
        }
    }
}
