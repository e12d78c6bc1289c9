package dev.colorizer.io;

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
        Path abs = named(path);
        if (Files.exists(abs)) {
            return abs.toRealPath();
        }
        Path parent = abs.getParent();
        return parent == null ? abs : of(parent).resolve(abs.getFileName());
    }

    /**
     * The absolute path that names what the system reaches by {@code path}, its links kept where no {@code ..}
     * follows them: {@code lnk/../photos} is the photos beside lnk's target, as {@code ls} reads it, where
     * {@link Path#normalize} would take the {@code photos} beside {@code lnk} itself. The part up to the last
     * {@code ..} is resolved by the file system (normalized when it does not exist: nothing to follow there).
     */
    public static Path named(Path path) {
        Path abs = path.toAbsolutePath();
        int last = -1;
        for (int i = 0; i < abs.getNameCount(); i++) {
            if (abs.getName(i).toString().equals("..")) {
                last = i;
            }
        }
        if (last < 0) {
            return abs.normalize();
        }
        Path through = abs.getRoot().resolve(abs.subpath(0, last + 1)); // up to and with the last ".."
        Path resolved;
        try {
            resolved = through.toRealPath();
        } catch (IOException e) {
            resolved = through.normalize();
        }
        return last + 1 < abs.getNameCount() ? resolved.resolve(abs.subpath(last + 1, abs.getNameCount())).normalize()
                : resolved;
    }
}
