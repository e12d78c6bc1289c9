package dev.colorizer.spark;

import java.util.List;

/**
 * What one colorization job does.
 *
 * @param inputs folders, files or globs on any Hadoop file system (file:, hdfs://, s3a://, ...)
 * @param output the output folder; outputs keep the inputs' relative paths, the manifest goes to OUTPUT/_manifest/
 * @param model a run folder (local on every node, or on a Hadoop file system: copied once per executor JVM)
 * @param format png or jpg
 * @param batch pictures per forward pass inside a task
 * @param partitions Spark partitions (tasks); 0 picks a number from the input count and the cluster's cores
 */
public record JobOptions(List<String> inputs, String output, String model, String format, int batch, int partitions) {
    public JobOptions {
        inputs = List.copyOf(inputs);
    }
}
