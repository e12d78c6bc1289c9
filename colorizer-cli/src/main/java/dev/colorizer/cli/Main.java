package dev.colorizer.cli;

import dev.colorizer.DjlSetup;
import dev.colorizer.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code colorize}: exit code 0 on success, 1 when some inputs failed (each reported), 2 on bad usage or bad data
 * (one line naming the file and the fix; the stack trace only with --verbose), 3 on an internal error
 * ({@link ExitCode}).
 */
@Command(name = "colorize", mixinStandardHelpOptions = true, version = "colorize 0.1.0",
        description = "Colorize grayscale photographs with convolutional autoencoders.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvaluateCommand.class, CalibrateCommand.class, ExportCommand.class,
                PredictCommand.class, BenchmarkCommand.class,
                ServeCommand.class, SparkCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static final int OK = ExitCode.OK;
    public static final int SOME_FAILED = ExitCode.SOME_FAILED;
    public static final int BAD_INPUT = ExitCode.BAD_INPUT;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (the tests call this). */
    public static int run(String... args) {
        DjlSetup.offline();
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr(), main.verbose));
        return cli.execute(args);
    }

    static int report(Exception e, PrintWriter err, boolean verbose) {
        if (verbose) {
            e.printStackTrace(err);
        }
        err.println(ExitCode.message(e, verbose));
        return ExitCode.of(e);
    }
}
