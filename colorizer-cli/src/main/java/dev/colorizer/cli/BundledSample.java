package dev.colorizer.cli;

import dev.colorizer.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The public-domain sample pictures of the repository (samples/free-landscapes), found via the launcher. */
final class BundledSample {
    private BundledSample() {}

    /** samples/free-landscapes under {@code colorizer.home} (set by ./colorize) or the working directory. */
    static Path path() {
        Path home = Path.of(System.getProperty("colorizer.home", "."));
        Path sample = home.resolve("samples/free-landscapes");
        if (!Files.isDirectory(sample)) {
            throw new UsageException(sample, "the bundled sample is not here: pass --data DIR, or run from "
                    + "the repository through ./colorize");
        }
        return sample;
    }
}
