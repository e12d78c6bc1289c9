package dev.colorizer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * A front end's command run with its standard output and error captured, for the tests of every module that run
 * one (the CLI's {@code Main.run}, the Spark job's {@code SparkColorize.run}). Not for commands that keep running on
 * another thread: the streams are restored when the command returns.
 *
 * @param code the exit code
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record ConsoleCapture(int code, String out, String err) {
    /** Runs {@code command} (it returns the exit code) with System.out and System.err captured. */
    public static synchronized ConsoleCapture run(IntSupplier command) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        try {
            int code = command.getAsInt();
            return new ConsoleCapture(code, capturedOut.toString(StandardCharsets.UTF_8),
                    capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }
}
