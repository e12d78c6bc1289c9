package dev.colorizer.cli;

import dev.colorizer.infer.Colorizer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model}: the model a command uses, a run folder or the bundled one (a picocli mixin). */
final class ModelOption {
    @Option(names = "--model", paramLabel = "RUN_DIR",
            description = "Run folder of a trained model (default: the bundled pretrained model).")
    Path run;

    /** The run folder given, or null for the bundled model. */
    Path path() {
        return run;
    }

    /** The model loaded: the newest checkpoint of the run folder, or the bundled model. */
    Colorizer load() {
        return Colorizer.load(run);
    }
}
