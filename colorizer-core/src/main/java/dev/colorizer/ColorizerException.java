package dev.colorizer;

import java.nio.file.Path;

/**
 * A problem the user can fix in the data: a file or folder they named is missing, unreadable, undecodable or
 * invalid (a picture, a hints file, a run or data folder). The message is one line that names the file (when there
 * is one) and says what to do; front ends print it as is (CLI exit code 2, HTTP 4xx). A wrong command line is its
 * subclass {@link UsageException}; see {@link ExitCode}.
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
