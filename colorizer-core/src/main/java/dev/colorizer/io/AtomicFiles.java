package dev.colorizer.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one atomic writer of the project: a file is written whole into a hidden temp file beside its target,
 * {@code .NAME.UUID.tmp}, which is then renamed over the target in one step, so a reader (or a crash) only ever sees
 * the old file or the complete new one. The temp file is created by name, not with {@code createTempFile}, so the
 * result gets the permissions of any other file the user writes (rw-r--r-- under the usual umask), not 0600.
 *
 * <p>{@link Durability#FORCED} also forces the content to disk before the rename and the folder's entry after it,
 * for the files a resumed run trusts (config, checkpoints' metadata, metrics); pictures, reports and caches are
 * {@link Durability#RENAMED} only: an fsync per picture would cost a folder of thousands of scans seconds, and a
 * picture lost to a power cut is redone by the next run.
 */
public final class AtomicFiles {
    /** What a finished write guarantees beyond all-or-nothing. */
    public enum Durability {
        /** Renamed into place; the content reaches the disk when the operating system writes it back. */
        RENAMED,
        /** Content and folder entry forced to disk before the write returns. */
        FORCED
    }

    /** Something that writes a whole file to a stream (it may close the stream). */
    @FunctionalInterface
    public interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Something that writes a whole file into {@code temp}, an empty file that already exists. */
    @FunctionalInterface
    public interface FileBody {
        void writeInto(Path temp) throws IOException;
    }

    // ".NAME.UUID.tmp": group 1 is the target's file name, or its shortened key (see tempName)
    private static final Pattern TEMP = Pattern.compile(
            "\\.(.+)\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {}

    /** Writes through a stream, {@link Durability#FORCED}. */
    public static void write(Path target, StreamBody body) throws IOException {
        write(target, Durability.FORCED, body);
    }

    /** Writes through a stream; parent folders are created. */
    public static void write(Path target, Durability durability, StreamBody body) throws IOException {
        writeFile(target, durability, temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                body.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len); // FilterOutputStream would write byte by byte
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the body may close its stream (Jackson does); the real close comes after
                    }
                });
            }
        });
    }

    /** Writes UTF-8 text, {@link Durability#FORCED}. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes through a body that needs a file of its own (ImageIO's file streams, a memory-mapped cache); parent
     * folders are created; the temp file is removed if the body or the rename fails.
     */
    public static void writeFile(Path target, Durability durability, FileBody body) throws IOException {
        writeFile(target, durability, true, body);
    }

    /**
     * As {@link #writeFile(Path, Durability, FileBody)}; with {@code replace} false the target must not exist when
     * the result is put in place (a file that appeared meanwhile, somebody else's, is kept:
     * {@link FileAlreadyExistsException}): the result is hard-linked to its name, which fails on an existing name in
     * the same step, where the file system allows links, else moved without replacing.
     */
    public static void writeFile(Path target, Durability durability, boolean replace, FileBody body)
            throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path temp = Files.createFile(abs.resolveSibling(tempName(abs.getFileName().toString())));
        try {
            body.writeInto(temp);
            if (durability == Durability.FORCED) {
                force(temp);
            }
            if (!replace) {
                putNew(temp, abs);
            } else {
                try {
                    Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    // same folder, so only unusual file systems get here; a plain replace is the best they offer
                    Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (durability == Durability.FORCED) {
                forceFolder(abs.getParent());
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // the complete temp file under the target's name, never over an existing file
    private static void putNew(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp); // fails with FileAlreadyExistsException on an existing name, atomically
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            Files.move(temp, target); // no links here (FAT, some network shares): checked, then moved
        }
    }

    /**
     * The target file name of one of this writer's temp files, or empty for any other name: what a re-run removes
     * when a killed run left it behind. For a target whose name is too long to fit in a temp name, its shortened key
     * (see {@link #tempName}), which names no claimed output: such a temp file is recognised as one of ours, not
     * matched to its target.
     */
    public static Optional<String> targetOfTemp(String fileName) {
        Matcher m = TEMP.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * A fresh temp file name for {@code target} in the same folder: {@code .NAME.UUID.tmp}, hidden and unique. A name
     * of 1 + n + 1 + 36 + 4 bytes does not fit a file system's 255 when the target's name is over 213 bytes (UTF-8):
     * then NAME is the longest prefix of it that fits with "~" and 8 hex digits of its hash, so that any name the
     * file system can hold can be written.
     */
    public static String tempName(String target) {
        String key = target;
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_NAME_BYTES - TEMP_NAME_OVERHEAD) {
            int keep = MAX_NAME_BYTES - TEMP_NAME_OVERHEAD - 9; // "~" and 8 hex digits
            int end = target.length();
            while (target.substring(0, end).getBytes(StandardCharsets.UTF_8).length > keep) {
                end = target.offsetByCodePoints(end, -1);
            }
            key = target.substring(0, end) + "~" + String.format(java.util.Locale.ROOT, "%08x", target.hashCode());
        }
        return "." + key + "." + UUID.randomUUID() + ".tmp";
    }

    // the longest file name most file systems hold (ext4, XFS, APFS, NTFS: 255 bytes or UTF-16 units), and what a
    // temp name adds to its target's: ".", "." + a UUID, ".tmp"
    private static final int MAX_NAME_BYTES = 255;
    private static final int TEMP_NAME_OVERHEAD = 1 + 1 + 36 + 4;

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    // the rename itself reaches the disk with the folder's entry; a folder cannot be opened on every system
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some network file systems refuse: the rename is then as durable as they make it
        }
    }
}
