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

    /** The working size asked for, checked against the model's range (a usage error names it), or the model's. */
    int of(Colorizer colorizer) {
        if (size == null) {
            return colorizer.size();
        }
        try {
            colorizer.checkSize(size);
        } catch (ColorizerException e) {
            throw new UsageException("--size: " + Flags.message(e));
        }
        return size;
    }

    /**
     * The model seeing pictures at --size by default (for commands that record no provenance: its
     * {@link Colorizer#identity()} then names that size), sharing its weights.
     */
    Colorizer applyTo(Colorizer colorizer) {
        return size == null ? colorizer : colorizer.withWorkingSize(of(colorizer));
    }
}
