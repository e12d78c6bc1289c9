package dev.colorizer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The manifest: one Parquet row per input and run, in {@code OUTPUT/_manifest/run-<UTC time>-<id>/} (a directory
 * written by Spark, committed with its {@code _SUCCESS} marker when the run ends). Columns:
 * <pre>
 * path     string   the input, fully qualified (file:/..., hdfs://..., s3a://...)
 * output   string   its output file
 * status   string   ok, failed or skipped (already done: not recomputed)
 * message  string   failed: the error, one line naming the file and the fix; skipped: why; ok: null
 * width    int      picture size in pixels (null when it could not be read, or for a skipped output of unknown size)
 * height   int
 * millis   long     time spent on this input: decoding, its share of the forward pass, encoding and writing
 * run      string   the run's name, run-yyyyMMdd'T'HHmmssSSS'Z'-xxxxxxxx: sorts by start time
 * settings string   what made the output (model digest and policy, working size, saturation, format, hints and
 *                   reference): a re-run with other settings redoes it; null in manifests of earlier releases
 * input_bytes long  the input's size and modification time (ms) as read: a replaced input is redone
 * input_modified long
 * </pre>
 */
final class Manifest {
    static final String DIR = "_manifest";
    static final String OK = "ok";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";

    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, true)
            .add("width", DataTypes.IntegerType, true)
            .add("height", DataTypes.IntegerType, true)
            .add("millis", DataTypes.LongType, false)
            .add("run", DataTypes.StringType, false)
            .add("settings", DataTypes.StringType, true)
            .add("input_bytes", DataTypes.LongType, true)
            .add("input_modified", DataTypes.LongType, true);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");

    private Manifest() {}

    /**
     * The latest row of an input in earlier runs.
     *
     * @param settings what made its output, null in a manifest of an earlier release
     * @param output its output file, fully qualified
     */
    record Previous(String status, String message, Integer width, Integer height, String run, String settings,
                    Long inputBytes, Long inputModified, String output) implements java.io.Serializable {
        /**
         * Whether it says the output is in place and what made it (made by that run, or kept by it with the same
         * settings): a re-run can check that this still holds.
         */
        boolean madeWithKnownSettings() {
            return (OK.equals(status) || SKIPPED.equals(status)) && settings != null && inputBytes != null
                    && inputModified != null;
        }
    }

    static Row row(String path, String output, String status, String message, Integer width, Integer height,
                   long millis, String run) {
        return row(path, output, status, message, width, height, millis, run, null, null, null);
    }

    static Row row(String path, String output, String status, String message, Integer width, Integer height,
                   long millis, String run, String settings, Long inputBytes, Long inputModified) {
        return RowFactory.create(path, output, status, message, width, height, millis, run, settings, inputBytes,
                inputModified);
    }

    /**
     * The output each input's latest row names where that row says the output was made or kept (ok, skipped): what
     * the plan keeps of an earlier release's names ({@code InputPlan.of} with {@code recorded}).
     */
    static java.util.function.Function<String, List<String>> outputs(Map<String, Previous> latest) {
        return input -> {
            Previous p = latest.get(input);
            return p != null && p.output() != null && (OK.equals(p.status()) || SKIPPED.equals(p.status()))
                    ? List.of(p.output()) : List.of();
        };
    }

    /** A fresh run name; names sort by start time. */
    static String newRunName() {
        return "run-" + TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    static Path dir(Path output) {
        return new Path(output, DIR);
    }

    /** The run directories of earlier runs that finished writing their manifest (those with _SUCCESS). */
    static List<Path> committedRuns(Path output, Configuration conf) throws IOException {
        Path dir = dir(output);
        FileSystem fs = dir.getFileSystem(conf);
        List<Path> runs = new ArrayList<>();
        FileStatus[] found = fs.globStatus(new Path(dir, "run-*"));
        if (found == null) {
            return runs;
        }
        for (FileStatus run : found) {
            if (run.isDirectory() && fs.exists(new Path(run.getPath(), "_SUCCESS"))) {
                runs.add(run.getPath());
            }
        }
        runs.sort(null);
        return runs;
    }

    /**
     * Deletes the run directories of killed jobs (no {@code _SUCCESS}: never committed, so never read, and holding
     * Spark's {@code _temporary} parts); one job at a time writes into an output (docs/SPARK.md).
     */
    static void removeUncommitted(Path output, Configuration conf) throws IOException {
        Path dir = dir(output);
        FileSystem fs = dir.getFileSystem(conf);
        FileStatus[] found = fs.globStatus(new Path(dir, "run-*"));
        for (FileStatus run : found == null ? new FileStatus[0] : found) {
            if (run.isDirectory() && !fs.exists(new Path(run.getPath(), "_SUCCESS"))) {
                fs.delete(run.getPath(), true);
            }
        }
    }

    /**
     * Every input's row over all committed earlier runs, by input path: its latest row that knows what made the
     * output in place ({@link Previous#madeWithKnownSettings}), else its latest row.
     */
    static Map<String, Previous> latest(SparkSession spark, Path output) throws IOException {
        List<Path> runs = committedRuns(output, spark.sparkContext().hadoopConfiguration());
        Map<String, Previous> latest = new HashMap<>();
        if (runs.isEmpty()) {
            return latest;
        }
        // a row that knows what made the output in place ranks above any later one that does not (a failed
        // picture, whose output stays as it was; an output kept without its settings): else a failed run would
        // leave the outputs before it unchecked against new settings
        Column knows = col("status").isin(OK, SKIPPED).and(col("settings").isNotNull())
                .and(col("input_bytes").isNotNull()).and(col("input_modified").isNotNull());
        List<Row> rows = spark.read().schema(SCHEMA).parquet(runs.stream().map(Path::toString).toArray(String[]::new))
                .groupBy(col("path"))
                .agg(max_by(struct(col("status"), col("message"), col("width"), col("height"), col("run"),
                        col("settings"), col("input_bytes"), col("input_modified"), col("output")),
                        struct(knows, col("run"))).as("last"))
                .select(col("path"), col("last.status"), col("last.message"), col("last.width"),
                        col("last.height"), col("last.run"), col("last.settings"), col("last.input_bytes"),
                        col("last.input_modified"), col("last.output"))
                .collectAsList();
        for (Row r : rows) {
            latest.put(r.getString(0), new Previous(r.getString(1), r.getString(2), (Integer) r.get(3),
                    (Integer) r.get(4), r.getString(5), r.getString(6), (Long) r.get(7), (Long) r.get(8),
                    r.getString(9)));
        }
        return latest;
    }
}
