package dev.colorizer.spark;

import java.io.Serializable;

/**
 * One picture to colorize: fully qualified Hadoop path strings.
 *
 * @param input the input file, e.g. {@code hdfs://nn/photos/2020/a.jpg}
 * @param output its output file, e.g. {@code hdfs://nn/colorized/2020/a.png}
 */
record WorkItem(String input, String output) implements Serializable {}
