/**
 * The folder job: what {@code colorize predict}, the Spark job and {@code colorize demo} share to turn many pictures
 * into colorized files. {@link dev.colorizer.job.FolderJob} reads each picture through a
 * {@link dev.colorizer.job.PictureStore} (this machine's files, or a Hadoop file system), prepares it with its hints
 * and reference, runs the model on batches, finishes each at full size and writes it atomically with its metadata and
 * provenance; {@link dev.colorizer.job.OutputRecipe} says what makes an output and when one made earlier is still
 * current, for every front end alike. The plan (which outputs, named how) is {@link dev.colorizer.data.FolderPlan}'s
 * and the ledger the front end's ({@link dev.colorizer.run.OutputManifest} locally, the Parquet manifest in Spark).
 */
package dev.colorizer.job;
