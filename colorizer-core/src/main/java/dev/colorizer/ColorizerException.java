package dev.colorizer;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * A problem the user can fix in the data: a file or folder they named is missing, unreadable, undecodable or
 * invalid (a picture, a hints file, a run or data folder). The message is one line that names the file (when there
 * is one) and says what to do; front ends print it as is (CLI exit code 2, HTTP 4xx). A wrong command line is its
 * subclass {@link UsageException}; see {@link ExitCode}.
 *
 * <p>A message that names settings is a {@link Message}: {@link #getMessage()} words them as the library does (their
 * {@link Setting#plainName()}), a front end with its own words through {@link #message(Function)} (the CLI: its
 * flags).
 */
public class ColorizerException extends RuntimeException {
    private final transient Path file;
    private final Message message;

    public ColorizerException(String message) {
        this(null, message, null);
    }

    public ColorizerException(Path file, String message) {
        this(file, message, null);
    }

    public ColorizerException(Path file, String message, Throwable cause) {
        this(file, Message.of(message), cause);
    }

    public ColorizerException(Message message) {
        this(null, message, null);
    }

    public ColorizerException(Path file, Message message) {
        this(file, message, null);
    }

    public ColorizerException(Path file, Message message, Throwable cause) {
        super(file == null ? message.toString() : file + ": " + message, cause);
        this.file = file;
        this.message = message;
    }

    /** The file the problem is about, or null. */
    public Path file() {
        return file;
    }

    /** What went wrong, without the file, its settings by their handles. */
    public Message parts() {
        return message;
    }

    /**
     * The message with each setting it names worded by {@code wording}, e.g. the CLI's flags; with
     * {@link Message#PLAIN}, {@link #getMessage()}.
     */
    public String message(Function<Setting, String> wording) {
        String text = message.render(wording);
        return file == null ? text : file + ": " + text;
    }
}
