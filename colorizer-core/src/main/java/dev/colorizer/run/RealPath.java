package dev.colorizer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a path really leads, links and {@code ..} resolved, for the checks that an output never lands on or inside
 * an input (predict's plan, export's destination), and for a model's identity in a manifest.
 */
public final class RealPath {
    private RealPath() {}

    /** The real path of a file that may not exist yet: its nearest existing ancestor's real path, then the rest. */
    public static Path of(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            return abs.toRealPath();
        }
        Path parent = abs.getParent();
        return parent == null ? abs : of(parent).resolve(abs.getFileName());
    }
}
