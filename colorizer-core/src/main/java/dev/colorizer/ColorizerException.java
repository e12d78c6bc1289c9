package dev.colorizer;

import java.nio.file.Path;

/**
 * A problem the user can fix: bad input data, a missing file, a wrong option. The message is one line that names
 * the file (when there is one) and says what to do; front ends print it as is (CLI exit code 2, HTTP 4xx).
 */
public class ColorizerException extends RuntimeException {
    private final transient Path file;

    public ColorizerException(String message) {
        this(null, message, null);
    }

    public ColorizerException(Path file, String message) {
        this(file, message, null);
    }

    public ColorizerException(Path file, String message, Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
    }

    /** The file the problem is about, or null. */
    public Path file() {
        return file;
    }
}
