package dev.colorizer;

import java.nio.file.Path;

/**
 * A command used wrongly: an unknown or missing option or argument, an option value out of range, options that
 * conflict. Nothing is wrong with any file, the command line is to change; the message names the option and says
 * how. Front ends print it as is (CLI exit code 64, HTTP 400, like every {@link ColorizerException}).
 */
public class UsageException extends ColorizerException {
    public UsageException(String message) {
        super(message);
    }

    /** A usage error about the file or folder an option names, e.g. an {@code --out} that is also an input. */
    public UsageException(Path file, String message) {
        super(file, message);
    }
}
