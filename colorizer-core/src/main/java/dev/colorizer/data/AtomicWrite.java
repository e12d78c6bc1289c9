package dev.colorizer.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a file all or nothing: the content goes to a hidden temp file in the target's directory, which is then
 * renamed over the target in one step, so readers never see a half-written file and a crash leaves the old one.
 */
final class AtomicWrite {
    /** Writes the content into {@code temp}, an empty file that already exists. */
    interface Body {
        void write(Path temp) throws IOException;
    }

    private AtomicWrite() {
    }

    /** Creates the parent directories, writes through {@code body}, then replaces {@code target}. */
    static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        // created by name (not createTempFile) so that the result gets the usual permissions, not 0600
        Path temp = Files.createFile(abs.resolveSibling("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            body.write(temp);
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // same directory, so only unusual file systems get here; a plain replace is the best they offer
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
