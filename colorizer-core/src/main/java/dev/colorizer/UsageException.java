package dev.colorizer;

import java.nio.file.Path;

/**
 * A command used wrongly: an unknown or missing option or argument, an option value out of range, options that
 * conflict. Nothing is wrong with any file, the command line is to change; the message names the setting (a
 * {@link Setting} in its {@link Message}, worded by the front end) and says how. Front ends print it as is (CLI exit
 * code 64, HTTP 400, like every {@link ColorizerException}).
 */
public class UsageException extends ColorizerException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(Message message) {
        super(message);
    }

    /** A usage error about the file or folder a setting names, e.g. an output folder that is also an input. */
    public UsageException(Path file, String message) {
        super(file, message);
    }

    /** A usage error about the file or folder a setting names, e.g. an output folder that is also an input. */
    public UsageException(Path file, Message message) {
        super(file, message);
    }
}
