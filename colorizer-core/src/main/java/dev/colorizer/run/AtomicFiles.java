package dev.colorizer.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that a reader (or a crash) only ever sees the old file or the complete new one. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a whole file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes to a temp file beside {@code target}, forces it to disk, then renames it over the target. */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
                writer.writeTo(new java.io.FilterOutputStream(out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the writer may close its stream (Jackson does): the channel is forced first
                    }
                });
                out.flush();
                channel.force(true);
            }
            readableByAll(tmp);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    // temp files are created rw------- ; a finished file gets rw-r--r--, as any other file the user writes
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Renames {@code source} to {@code target} atomically, replacing it (same file system). */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
