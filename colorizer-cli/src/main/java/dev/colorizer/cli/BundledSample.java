package dev.colorizer.cli;

import dev.colorizer.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public-domain sample pictures of the repository, found via the launcher: samples/free-people (1940s color
 * photographs of people at work) and samples/free-landscapes.
 */
final class BundledSample {
    private BundledSample() {}

    /** samples/free-landscapes: the default training set. */
    static Path path() {
        return folder("free-landscapes");
    }

    /** The demo's sets, by name, in the order shown: people, then landscapes. */
    static Map<String, Path> demoSets() {
        Map<String, Path> sets = new LinkedHashMap<>();
        sets.put("people", folder("free-people"));
        sets.put("landscapes", folder("free-landscapes"));
        return sets;
    }

    // samples/NAME under colorizer.home (set by ./colorize) or the working directory
    private static Path folder(String name) {
        Path home = Path.of(System.getProperty("colorizer.home", "."));
        Path sample = home.resolve("samples").resolve(name);
        if (!Files.isDirectory(sample)) {
            throw new UsageException(sample, "the bundled sample is not here: pass --data DIR, or run from "
                    + "the repository through ./colorize");
        }
        return sample;
    }
}
