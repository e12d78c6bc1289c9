package dev.colorizer;

/**
 * The exit codes of the command-line front ends ({@code colorize}, {@code colorize spark}), in one place: 0 done,
 * 1 some inputs failed (each reported), 2 bad usage or bad data (one line naming the file and the fix), 3 an internal
 * error (a bug or an environment problem: the line asks for --verbose).
 */
public final class ExitCode {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    private ExitCode() {}

    /** The code of an error that ended a command: bad input for the errors we raise on purpose, else internal. */
    public static int of(Throwable error) {
        return error instanceof ColorizerException || error instanceof IllegalArgumentException
                ? BAD_INPUT : INTERNAL_ERROR;
    }

    /** The one line a user reads for that error. */
    public static String message(Throwable error, boolean verbose) {
        return of(error) == BAD_INPUT ? "error: " + error.getMessage()
                : "internal error: " + error.getClass().getSimpleName() + ": " + error.getMessage()
                        + (verbose ? "" : " (run again with --verbose for the details, and report it)");
    }
}
