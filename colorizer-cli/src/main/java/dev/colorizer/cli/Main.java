package dev.colorizer.cli;

import dev.colorizer.DjlSetup;
import dev.colorizer.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code colorize}: the exit codes are {@link ExitCode}'s, listed at the end of every command's --help. An error that
 * ends a command is one line naming the file or the option (a core error's {@link dev.colorizer.Setting}s worded as
 * flags, {@link Flags}) and the fix (a usage error, also the parser's own, points
 * to --help; an internal error asks for --verbose); the stack trace only with --verbose.
 */
@Command(name = "colorize", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Colorize grayscale photographs with convolutional autoencoders.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvaluateCommand.class, CalibrateCommand.class, ExportCommand.class,
                PredictCommand.class, InfoCommand.class, PreviewCommand.class, SuggestCommand.class, VideoCommand.class,
                BenchmarkCommand.class,
                ServeCommand.class, SparkCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** "colorize VERSION", the pom's version ({@link dev.colorizer.Version}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"colorize " + dev.colorizer.Version.current()};
        }
    }

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
        cli.setExecutionExceptionHandler((e, line, parse) ->
                ExitCode.report(e, line.getErr(), main.verbose, line.getCommandSpec().qualifiedName(), Flags::of));
        cli.setParameterExceptionHandler(Main::usageError);
        // picocli's own Path conversion drops the InvalidPathException it met; this one keeps it as the cause
        cli.registerConverter(Path.class, Path::of);
        listExitCodes(cli);
        inheritVersion(cli, cli.getCommandSpec().versionProvider());
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) { // picocli passes Errors on: reported as the others, not a JVM stack trace
            return ExitCode.report(e, cli.getErr(), main.verbose, "colorize", Flags::of);
        }
    }

    // what picocli cannot parse (an unknown option or command, a value not of its option's type, a missing one)
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        InvalidPathException invalid = invalidPathIn(e);
        err.println(invalid != null ? invalidPath(e.getArgSpec(), invalid)
                : ExitCode.usage(e.getMessage(), line.getCommandSpec().qualifiedName(), Flags::of));
        for (String arg : args) {
            // a file named like an option ("-scan.png") is parsed as one, and its command then misses its input
            if (arg.startsWith("-") && !arg.equals("-") && !arg.equals("--") && exists(arg)) {
                err.println("note: '" + arg + "' was read as an option, but it is also a file here: to name it, write ./"
                        + arg + " or put -- before it");
            }
        }
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.flush();
        return ExitCode.USAGE;
    }

    // the parser's conversion of an argument to a Path failed (its converter's exception comes wrapped)
    private static InvalidPathException invalidPathIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidPathException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /**
     * The line for a file name Java cannot take as a path, as the parser met it: under LANG=C (ASCII) a name with
     * letters beyond ASCII (café.jpg) cannot even be decoded from the command line. Names the argument and the fix.
     */
    static String invalidPath(CommandLine.Model.ArgSpec arg, InvalidPathException e) {
        String name = arg == null ? "a file name" : arg.isOption()
                ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
        String charset = System.getProperty("sun.jnu.encoding", java.nio.charset.Charset.defaultCharset().name());
        boolean unmappable = e.getReason() != null && e.getReason().contains("unmappable");
        return "error: " + name + " '" + e.getInput() + "': " + (unmappable ? "the file name cannot be decoded in this "
                + "locale's character set (" + charset + "): run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8; ./colorize "
                + "sets it" : "not a file name (" + e.getReason() + "): name the file another way");
    }

    private static boolean exists(String path) {
        try {
            return Files.exists(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    // `colorize predict --version` prints the same line as `colorize --version` (without it: an empty line)
    private static void inheritVersion(CommandLine cli, CommandLine.IVersionProvider version) {
        cli.getCommandSpec().versionProvider(version);
        cli.getSubcommands().values().forEach(sub -> inheritVersion(sub, version));
    }

    private static void listExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.descriptions(Flags::of));
        cli.getSubcommands().values().forEach(Main::listExitCodes);
    }
}
