package dev.colorizer.spark;

import dev.colorizer.DjlSetup;
import dev.colorizer.ExitCode;
import dev.colorizer.Setting;
import dev.colorizer.data.OutputFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark job's entry point, for {@code spark-submit --class dev.colorizer.spark.SparkColorize} and for
 * {@code ./colorize spark}. Exit codes and error lines as the CLI's ({@link ExitCode}, listed in --help): 0 all
 * done, 1 some inputs failed (see the manifest), 2 bad data, 64 bad usage, 3 an internal error.
 */
@Command(name = "colorize spark", mixinStandardHelpOptions = true,
        versionProvider = SparkColorize.Version.class,
        sortOptions = false,
        description = {"Colorize a large archive of pictures on Apache Spark, at full resolution.",
                "Inputs and output may be on any Hadoop file system (local paths, hdfs://, s3a://). Outputs keep the "
                        + "inputs' relative paths; a manifest of every input (Parquet) goes to OUTPUT/_manifest/. "
                        + "Re-running the same job skips inputs whose output exists and retries failed ones.",
                "Run it with ./colorize spark (one machine; spark-submit when SPARK_HOME is set) or spark-submit "
                        + "--class dev.colorizer.spark.SparkColorize colorizer-spark.jar ...; see docs/SPARK.md."})
public final class SparkColorize implements Callable<Integer> {
    /** "colorize VERSION", the pom's version ({@link dev.colorizer.Version}), as the CLI's --version says. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"colorize " + dev.colorizer.Version.current()};
        }
    }

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Folder, file or glob of pictures (repeatable), e.g. hdfs://nn/photos or 's3a://b/p/*/*.jpg'.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Output folder.")
    String output;

    @Option(names = "--model", paramLabel = "RUN_DIR",
            description = "Run folder of a trained model: a path present on every node, or on HDFS/S3 (copied once "
                    + "per executor). Default: the pretrained model bundled in the job's jar.")
    String model;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[*] (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--format", defaultValue = "png", description = "png, jpg, tiff (16 bits a sample where the "
            + "input has more than 8) or keep (each input's own format: JPEG, PNG or TIFF; PNG for the others); "
            + "every format keeps the input's metadata. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--quality", paramLabel = "Q", description = "JPEG quality from 1 (smallest file) to 100 (best). "
            + "Default: 95.")
    Integer quality;

    @Option(names = "--size", paramLabel = "S", description = "Working size the model sees each picture at "
            + "(about S × S pixels). Default: the model's own.")
    Integer size;

    @Option(names = "--batch", defaultValue = "8",
            description = "Pictures per forward pass in a task (heap: about 8 bytes per pixel each, see docs/SPARK.md). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Spark tasks; 0: 3 per core, at most 1000 pictures each. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--hints", paramLabel = "PATH",
            description = "Color hints (README: \"Color hints\"), on any Hadoop file system: one JSON file for a "
                    + "single input, or a folder where the hints of input REL/NAME.EXT are PATH/REL/NAME.EXT.json (or "
                    + "PATH/REL/NAME.json, when no other picture has that name). "
                    + "Inputs without a hints file are colorized automatically.")
    String hints;

    @Option(names = "--reference", paramLabel = "PATH",
            description = "A color photograph whose colors the pictures take where they look alike (docs/REFERENCE.md)"
                    + ", on any Hadoop file system: one file for every input (an album), or a folder where the "
                    + "reference of input REL/NAME.EXT is PATH/REL/NAME.EXT, else its one PATH/REL/NAME.* picture. "
                    + "Its colors go before any --hints, which win where they overlap.")
    String reference;

    @Option(names = "--saturation", paramLabel = "F", defaultValue = "1",
            description = "How colorful: 0 gray, 1 the model's default, up to 2. Default: ${DEFAULT-VALUE}.")
    float saturation;

    @Option(names = "--mirror-average", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Average the model's colors for each picture and for its mirror image (more accurate, "
                    + "twice the model's time; --no-mirror-average for one pass). Default: on.")
    boolean mirrorAverage;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting (repeatable), as spark-submit's --conf.")
    Map<String, String> conf;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    private static final int SHOWN = 20; // lines of failed and skipped inputs printed, each

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job and returns its exit code. */
    public static int run(String... args) {
        DjlSetup.offline();
        SparkColorize job = new SparkColorize();
        CommandLine cli = new CommandLine(job);
        cli.setExecutionExceptionHandler((e, line, parse) ->
                ExitCode.report(e, line.getErr(), job.verbose, line.getCommandSpec().qualifiedName(),
                        SparkFlags::of));
        cli.setParameterExceptionHandler((e, given) -> { // what picocli cannot parse
            PrintWriter err = e.getCommandLine().getErr();
            err.println(ExitCode.usage(e.getMessage(), e.getCommandLine().getCommandSpec().qualifiedName(),
                    SparkFlags::of));
            err.flush();
            return ExitCode.USAGE;
        });
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.descriptions(SparkFlags::of));
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt = OutputFormat.of(format, Setting.FORMAT);
        JobOptions options = new JobOptions(inputs, output, model, fmt, batch,
                partitions, saturation, hints, mirrorAverage, OutputFormat.jpegQuality(quality, Setting.QUALITY), size,
                reference);
        if (quality != null && fmt.qualityIgnored(SparkFlags::of) != null) {
            System.err.println(fmt.qualityIgnored(SparkFlags::of));
        }
        SparkSession spark;
        try {
            spark = session(master, conf == null ? Map.of() : conf);
        } catch (Exception e) { // a master URL Spark cannot parse (a SparkException), settings it refuses
            if (e instanceof dev.colorizer.ColorizerException c) {
                throw c;
            }
            throw new dev.colorizer.UsageException("Spark did not start with these --master/--conf settings: "
                    + e.getMessage() + ": check them (local[*] runs on this machine)");
        }
        try {
            ColorizeJob.Summary s = ColorizeJob.run(spark, options);
            print("skipped: ", s.notInputs(), s.notInputs().size());
            print("error: ", s.failures(), s.failed());
            System.out.printf(Locale.ROOT, "colorized %d, skipped %d (done before), failed %d of %d pictures in %.1f s"
                            + " (%.2f pictures/s) into %s; manifest: %s%s%n", s.ok(), s.skipped(), s.failed(),
                    s.total(), s.seconds(), s.ok() / Math.max(1e-9, s.seconds()), output, s.manifest(),
                    s.notInputs().isEmpty() ? "" : "; " + s.notInputs().size() + " other entries skipped (see above)");
            return s.failed() > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
        } finally {
            spark.stop();
        }
    }

    // the first of the lines on stderr, then how many more there are
    private static void print(String prefix, List<String> lines, long total) {
        lines.stream().limit(SHOWN).forEach(line -> System.err.println(prefix + line));
        if (total > Math.min(lines.size(), SHOWN)) {
            System.err.println(prefix + "... and " + (total - Math.min(lines.size(), SHOWN)) + " more");
        }
    }

    // the master URLs Spark 4 takes (its SparkContext.createTaskScheduler): local, local[N|*], local[N|*,F],
    // local-cluster[N,C,M], spark://, yarn, k8s://
    private static final java.util.regex.Pattern MASTER_URL = java.util.regex.Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]|spark://.+|yarn|k8s://.+");

    /**
     * The session, with DJL kept offline on the executors too. Local masters bind to the loopback address only,
     * without the web UI, unless told otherwise.
     */
    static SparkSession session(String master, Map<String, String> settings) {
        SparkConf conf = new SparkConf(); // spark-submit's settings (spark.* system properties)
        settings.forEach(conf::set);
        if (master != null) {
            if (!MASTER_URL.matcher(master).matches()) { // refused here: Spark would log its own stack trace first
                throw new dev.colorizer.UsageException("--master " + master + " is not a Spark master URL: use "
                        + "local[*], local[N], spark://HOST:PORT, yarn or k8s://URL");
            }
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.app.name", "colorize");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.set("spark.executorEnv.OPT_OUT_TRACKING", "true");
        String opts = conf.get("spark.executor.extraJavaOptions", "");
        List<String> add = new ArrayList<>();
        for (String flag : List.of("-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-Djava.awt.headless=true")) {
            if (!opts.contains(flag.substring(0, flag.indexOf('=')))) {
                add.add(flag);
            }
        }
        if (!add.isEmpty()) {
            conf.set("spark.executor.extraJavaOptions", (opts + " " + String.join(" ", add)).trim());
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
