package dev.colorizer.spark;

import static org.apache.spark.sql.functions.col;

import dev.colorizer.ColorizerException;
import dev.colorizer.DjlSetup;
import dev.colorizer.UsageException;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.model.Architecture;
import dev.colorizer.io.Json;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.StoredModel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job: plan the inputs, skip what earlier runs finished, colorize the rest in parallel, write the manifest.
 *
 * <p>Re-run rule: an input whose output file exists is done, whatever the manifests say, and is recorded as
 * skipped without being recomputed. Outputs are only ever renamed into place complete, so an existing output is a
 * finished one: the ok of an earlier run, or the work of a run that was killed after writing it but before its
 * manifest was committed. Everything else (failed, never tried, or ok but its output since deleted) is colorized.
 * So a killed job, run again, loses nothing and does nothing twice; failed inputs are retried on every run.
 */
public final class ColorizeJob {
    /** Pictures per task at most: bounds the work redone when a task is lost, and the driver's bookkeeping. */
    static final int MAX_PER_PARTITION = 1000;
    /** Tasks per core at least (when there are enough pictures): evens out slow and fast tasks. */
    static final int TASKS_PER_CORE = 3;

    private ColorizeJob() {}

    /**
     * @param run the run's name (its manifest directory)
     * @param manifest the run's manifest directory
     * @param failures up to 20 failed inputs, "path: message"
     * @param notInputs the entries found that are not inputs (hidden, not pictures), "path: reason"
     * @param seconds wall time from planning to the committed manifest
     */
    public record Summary(String run, String manifest, long ok, long failed, long skipped, List<String> failures,
                          List<String> notInputs, double seconds) {
        public long total() {
            return ok + failed + skipped;
        }
    }

    // the output folder made (if new) and written to once, so that a folder the job cannot write fails before any
    // work, named, not in a task's stack trace
    private static void checkWritable(FileSystem fs, Path output) {
        Path probe = new Path(output, "._write-check-" + java.util.UUID.randomUUID());
        try {
            fs.mkdirs(output);
            fs.create(probe, false).close();
            fs.delete(probe, false);
        } catch (IOException e) {
            throw new ColorizerException(output + ": the output folder cannot be made or written to ("
                    + e.getClass().getSimpleName() + "): check its permissions, or choose another --output");
        }
    }

    public static Summary run(SparkSession spark, JobOptions options) throws IOException {
        long start = System.nanoTime();
        DjlSetup.offline();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        checkModel(options.model(), conf);
        Path output = new Path(options.output());
        FileSystem outFs = output.getFileSystem(conf);
        output = outFs.makeQualified(output);

        if (options.size() != null) { // before any task: a bad size would fail every picture one by one
            try {
                dev.colorizer.infer.Colorizer.checkSize(modelConfig(options.model(), conf), options.size());
            } catch (UsageException e) {
                throw new UsageException("--size: " + e.getMessage());
            }
        }
        Map<String, Manifest.Previous> previous = Manifest.latest(spark, output);
        InputPlan plan = InputPlan.of(options.inputs(), output, options.format(), options.hints(),
                options.reference(), conf, Manifest.outputs(previous));
        if (plan.items().stream().anyMatch(item -> item.hintsJson() != null) && !takesHints(options.model(), conf)) {
            throw new UsageException(options.hints() + " holds color hints, but the model takes none: use "
                    + "the bundled model or a run trained with --arch unet-hints or unet-bins");
        }
        if (plan.items().stream().anyMatch(item -> item.reference() != null) && !takesHints(options.model(), conf)) {
            throw new UsageException(options.reference() + " is a reference, but the model takes no color hints, "
                    + "through which a reference's colors reach the pictures: use the bundled model or a run trained "
                    + "with --arch unet-hints or unet-bins, or drop --reference");
        }
        checkWritable(outFs, output);
        Manifest.removeUncommitted(output, conf);
        Set<String> existing = existingOutputs(outFs, output);
        String run = Manifest.newRunName();

        List<Row> decided = new ArrayList<>(); // rows the driver writes itself: skipped and refused inputs
        List<WorkItem> todo = new ArrayList<>();
        for (WorkItem item : plan.items()) {
            if (!existing.contains(item.output())) {
                todo.add(item);
                continue;
            }
            Manifest.Previous p = previous.get(item.input());
            if (p != null && p.madeWithKnownSettings()) { // kept where colorized if its settings and input hold
                todo.add(item.madeBefore(p));
                continue;
            }
            boolean done = p != null && !p.status().equals(Manifest.FAILED);
            decided.add(Manifest.row(item.input(), item.output(), Manifest.SKIPPED,
                    done ? "done in " + (p.status().equals(Manifest.OK) ? p.run() : "an earlier run") + ": kept"
                            : "output exists without an ok manifest row (a run stopped after writing it): kept",
                    done ? p.width() : null, done ? p.height() : null, 0L, run));
        }
        for (InputPlan.Refused refused : plan.refused()) {
            decided.add(Manifest.row(refused.input(), refused.output(), Manifest.FAILED, refused.reason(), null, null,
                    0L, run));
        }

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> shared = jsc.broadcast(new HadoopConf(conf));
        JavaRDD<Row> rows = jsc.parallelize(decided, 1);
        if (!todo.isEmpty()) {
            int partitions = options.partitions() > 0 ? options.partitions()
                    : partitions(todo.size(), options.batch(), jsc.defaultParallelism());
            jsc.setJobDescription("colorize " + todo.size() + " pictures in " + partitions + " tasks");
            rows = jsc.parallelize(todo, partitions)
                    .mapPartitions(new ColorizePartition(options, run, shared))
                    .union(rows);
        }
        Path manifest = new Path(Manifest.dir(output), run);
        spark.createDataFrame(rows, Manifest.SCHEMA).write().parquet(manifest.toString());
        jsc.setJobDescription(null);

        Dataset<Row> written = spark.read().schema(Manifest.SCHEMA).parquet(manifest.toString());
        long ok = 0;
        long failed = 0;
        long skipped = 0;
        for (Row r : written.groupBy("status").count().collectAsList()) {
            switch (r.getString(0)) {
                case Manifest.OK -> ok = r.getLong(1);
                case Manifest.FAILED -> failed = r.getLong(1);
                default -> skipped = r.getLong(1);
            }
        }
        List<String> failures = failed == 0 ? List.of() : written.filter(col("status").equalTo(Manifest.FAILED))
                .orderBy("path").limit(20).collectAsList().stream()
                .map(ColorizeJob::describeFailure).toList();
        broadcastCleanup(shared);
        List<String> notInputs = plan.skipped().stream().map(s -> s.path() + ": " + s.reason()).toList();
        return new Summary(run, manifest.toString(), ok, failed, skipped, failures, notInputs,
                (System.nanoTime() - start) / 1e9);
    }

    /** The failure's message, prefixed with the input when the message names neither it nor its output. */
    private static String describeFailure(Row r) {
        String message = r.getString(r.fieldIndex("message"));
        String input = r.getString(r.fieldIndex("path"));
        String output = r.getString(r.fieldIndex("output"));
        return message.contains(new Path(input).getName()) || message.contains(new Path(output).getName())
                ? message : input + ": " + message;
    }

    /** Enough tasks to keep every core busy to the end, each a few batches or more, none over MAX_PER_PARTITION. */
    static int partitions(int pictures, int batch, int cores) {
        int byCores = Math.max(1, cores) * TASKS_PER_CORE;
        int bySize = (pictures + MAX_PER_PARTITION - 1) / MAX_PER_PARTITION;
        int batches = (pictures + batch - 1) / batch; // no task smaller than a batch
        return Math.max(1, Math.min(Math.max(byCores, bySize), batches));
    }

    /** Fails fast, on the driver, on a --model that is no run folder. */
    private static void checkModel(String model, Configuration conf) throws IOException {
        if (model == null) {
            if (!Colorizer.hasBundled()) {
                throw new UsageException("this build carries no pretrained model: pass --model RUN_DIR");
            }
            return;
        }
        Path root = new Path(model);
        FileSystem fs = root.getFileSystem(conf);
        java.nio.file.Path local = HadoopImages.localPath(root, conf);
        if (local != null) {
            if (!RunDir.isExported(local)) {
                RunDir.existing(local);
            }
        } else if (!fs.exists(new Path(root, RunDir.CONFIG))
                || !fs.exists(new Path(new Path(root, RunDir.CHECKPOINTS), RunDir.LATEST))
                && !fs.exists(new Path(root, RunDir.MODEL))) {
            throw new ColorizerException(null, model + ": not a finished run folder (config.json and "
                    + "checkpoints/latest.json needed) nor an exported model (config.json and model.params): pass "
                    + "the --out folder of a `colorize train` or `colorize export`");
        }
    }

    /** Whether the model (a run folder checked by {@link #checkModel}, or the bundled one) takes color hints. */
    private static boolean takesHints(String model, Configuration conf) throws IOException {
        return Architecture.fromId(modelConfig(model, conf).train().model()).encoding().takesHints();
    }

    // the config of the model the job loads (the bundled one when null), read without its weights
    private static RunConfig modelConfig(String model, Configuration conf) throws IOException {
        if (model == null) {
            return StoredModel.bundled().config();
        }
        Path file = new Path(new Path(model), RunDir.CONFIG);
        try (java.io.InputStream in = file.getFileSystem(conf).open(file)) {
            return Json.MAPPER.readValue(in, RunConfig.class);
        }
    }

    /**
     * The output files already there (fully qualified). Hidden temp files left by a killed run are deleted: they
     * were never renamed into place, so nothing refers to them.
     */
    private static Set<String> existingOutputs(FileSystem fs, Path output) throws IOException {
        Set<String> files = new HashSet<>();
        RemoteIterator<LocatedFileStatus> it;
        try {
            it = fs.listFiles(output, true);
        } catch (FileNotFoundException e) {
            return files;
        }
        String manifest = Manifest.dir(output) + "/";
        while (it.hasNext()) {
            FileStatus f = it.next();
            String path = f.getPath().toString();
            if (path.startsWith(manifest)) {
                continue;
            }
            if (HadoopImages.TEMP_NAME.matcher(f.getPath().getName()).matches()) {
                fs.delete(f.getPath(), false);
                continue;
            }
            files.add(path);
        }
        return files;
    }

    private static void broadcastCleanup(Broadcast<HadoopConf> shared) {
        shared.destroy();
    }
}
