package dev.colorizer.data;

import dev.colorizer.ColorizerException;
import java.nio.file.Path;

/**
 * An image that cannot be decoded, with the kind of problem, so that a front end can answer each kind differently
 * (the server: 415, 422, 413).
 */
public final class ImageDecodeException extends ColorizerException {
    /** What is wrong with the bytes. */
    public enum Kind {
        /** No decoder claims the bytes: not an image, or a format not supported. */
        UNSUPPORTED,
        /** A decoder claims them but fails: truncated, corrupt, or zero pixels. */
        CORRUPT,
        /** The header announces more pixels than allowed. */
        TOO_LARGE
    }

    private final Kind kind;
    private final java.awt.Dimension size;

    /**
     * @param file the file read, or null for bytes in memory
     * @param name what to call the bytes in the message when there is no file, e.g. "upload"; ignored with a file
     */
    ImageDecodeException(Kind kind, Path file, String name, String message, Throwable cause) {
        this(kind, file, name, message, cause, null);
    }

    /** @param size the size the header announces (a {@link Kind#TOO_LARGE} picture always has it) */
    ImageDecodeException(Kind kind, Path file, String name, String message, Throwable cause,
                         java.awt.Dimension size) {
        super(file, file == null ? name + ": " + message : message, cause);
        this.kind = kind;
        this.size = size;
    }

    public Kind kind() {
        return kind;
    }

    /** The width and height the header announces: present for a {@link Kind#TOO_LARGE} picture. */
    public java.util.Optional<java.awt.Dimension> size() {
        return java.util.Optional.ofNullable(size);
    }
}
