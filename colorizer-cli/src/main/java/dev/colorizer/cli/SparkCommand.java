package dev.colorizer.cli;

import dev.colorizer.UsageException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code colorize spark}: listed here so that it shows in {@code colorize --help}; the job itself lives in
 * colorizer-spark, outside this jar (which stays free of Spark). The ./colorize launcher runs it.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Colorize a large archive on Apache Spark (local paths, HDFS, S3), with a Parquet manifest; "
                + "re-runs skip what is done and retry what failed.",
                "Runs through the launcher, not this jar: ./colorize spark --master local[*] --input PATH "
                        + "--output PATH --model RUN_DIR (it builds colorizer-spark and runs it with Spark's jars, or "
                        + "with spark-submit when SPARK_HOME is set). ./colorize spark --help lists its options; "
                        + "docs/SPARK.md shows spark-submit on a cluster."})
final class SparkCommand implements Callable<Integer> {
    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        throw new UsageException("`colorize spark` runs through the ./colorize launcher or spark-submit (Spark is "
                + "not in this jar): ./colorize spark --help; see docs/SPARK.md");
    }
}
