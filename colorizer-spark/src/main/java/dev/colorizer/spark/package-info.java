/** Batch colorization on Apache Spark: a Colorizer per executor JVM, mapPartitions, a Parquet manifest per run. */
package dev.colorizer.spark;
