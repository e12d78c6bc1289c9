package dev.colorizer;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The exit codes of the command-line front ends ({@code colorize}, {@code colorize spark}), in one place, and the
 * one line each error that ends a command prints (the stack trace before it only with {@link Setting#VERBOSE}).
 * Each front end words the settings these lines name (and those of the errors' {@link Message}s) its own way: the
 * {@code wording} parameters, e.g. the CLI's flags.
 *
 * <ul>
 *   <li>0: done.
 *   <li>1: some inputs failed, each reported; the rest is done.
 *   <li>2: bad data, a {@link ColorizerException}: a file or folder the user named is missing, unreadable,
 *       undecodable or invalid. The line names it and the fix.
 *   <li>64 (sysexits' EX_USAGE): bad usage, a {@link UsageException} or the command-line parser's own error: an
 *       unknown option, a value out of range, options that conflict, a missing argument. The line says which and
 *       points to {@link Setting#HELP}.
 *   <li>3: an internal error, anything else: a bug or the environment. The line asks to run again with
 *       {@link Setting#VERBOSE}.
 * </ul>
 */
public final class ExitCode {
    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int BAD_DATA = 2;
    public static final int INTERNAL_ERROR = 3;
    public static final int USAGE = 64;

    private ExitCode() {}

    /** Each code with what it means, in the order of the list in the help, its settings worded by {@code wording}. */
    public static Map<String, String> descriptions(Function<Setting, String> wording) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(String.valueOf(OK), "done");
        codes.put(String.valueOf(SOME_FAILED), "some inputs failed (each reported), the rest is done");
        codes.put(String.valueOf(BAD_DATA), "bad data: a file or folder named is missing, unreadable or invalid");
        codes.put(String.valueOf(USAGE), "bad usage: an unknown option, a value out of range, options that conflict");
        codes.put(String.valueOf(INTERNAL_ERROR), "internal error, a bug or the environment: run again with "
                + wording.apply(Setting.VERBOSE));
        return codes;
    }

    /** The code of an error that ended a command. */
    public static int of(Throwable error) {
        return error instanceof UsageException ? USAGE
                : error instanceof ColorizerException || outOfMemory(error) ? BAD_DATA : INTERNAL_ERROR;
    }

    // the heap ran out, here or in a worker thread whose error came wrapped: too big a job for -Xmx, not a bug
    private static boolean outOfMemory(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /**
     * Prints the line a user reads for an error that ended a command (with {@code verbose}, its stack trace first)
     * and returns the exit code.
     *
     * @param command the command as typed, e.g. "colorize predict": a usage error points to its help
     * @param wording how the front end words a {@link Setting}, e.g. as its flag
     */
    public static int report(Throwable error, PrintWriter err, boolean verbose, String command,
                             Function<Setting, String> wording) {
        int code = of(error);
        if (verbose) {
            error.printStackTrace(err);
        }
        err.println(switch (code) {
            case USAGE -> usage(message(error, wording), command, wording);
            case BAD_DATA -> "error: " + (outOfMemory(error) ? "out of memory: the Java heap ("
                    + Math.round(Runtime.getRuntime().maxMemory() / 1e8) / 10.0 + " GB, -Xmx) is too small for these "
                    + "pictures or settings; give Java more (COLORIZE_JAVA_OPTS=-Xmx8g ./colorize ...), or smaller "
                    + "pictures or batches" : message(error, wording));
            default -> "internal error: " + error.getClass().getSimpleName() + ": " + error.getMessage()
                    + (verbose ? "" : " (run again with " + wording.apply(Setting.VERBOSE) + " for the details, and report it)");
        });
        err.flush();
        return code;
    }

    /** The line of a usage error, ours or the command-line parser's (then the code is {@link #USAGE} too). */
    public static String usage(String message, String command, Function<Setting, String> wording) {
        return "error: " + message + " (see " + command + " " + wording.apply(Setting.HELP) + ")";
    }

    // a ColorizerException's settings in the front end's words
    private static String message(Throwable error, Function<Setting, String> wording) {
        return error instanceof ColorizerException e ? e.message(wording) : error.getMessage();
    }
}
