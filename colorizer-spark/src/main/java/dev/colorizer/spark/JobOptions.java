package dev.colorizer.spark;

import dev.colorizer.UsageException;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.Saturation;
import java.util.List;

/**
 * What one colorization job does; a value out of range is a {@link UsageException} naming its option.
 *
 * @param inputs folders, files or globs on any Hadoop file system (file:, hdfs://, s3a://, ...)
 * @param output the output folder; outputs keep the inputs' relative paths, the manifest goes to OUTPUT/_manifest/
 * @param model a run folder (local on every node, or on a Hadoop file system: copied once per executor JVM)
 * @param format the outputs' format
 * @param batch pictures per forward pass inside a task, 1 or more
 * @param partitions Spark partitions (tasks), 0 or more; 0 picks a number from the input count and the cluster's
 *                   cores
 * @param saturation the user's saturation factor: 0 gray, 1 the model's default, up to 2
 * @param hints color hints: one JSON file for a single input, or a folder holding REL/NAME.json for input
 *              REL/NAME.EXT (as {@code colorize predict --hints}); null for none
 * @param mirrorAverage average the model's colors for each picture and its mirror image (the library's default;
 *                      false: one pass, for half the model's time)
 * @param jpegQuality the JPEG outputs' quality, 0..1 ({@link OutputFormat#jpegQuality})
 * @param size the working size, or null for the model's own (checked against the model's range by the driver,
 *             from the model's config, before any task starts)
 * @param reference a color photograph whose colors the pictures take where they look alike: one file for every
 *                  input (an album), or a folder holding REL/NAME.EXT (else one REL/NAME.* picture) for input
 *                  REL/NAME.EXT (as {@code colorize predict --reference}); null for none
 */
public record JobOptions(List<String> inputs, String output, String model, OutputFormat format, int batch,
                         int partitions, float saturation, String hints, boolean mirrorAverage, float jpegQuality,
                         Integer size, String reference) {
    public JobOptions {
        inputs = List.copyOf(inputs);
        if (batch < 1) {
            throw new UsageException("--batch " + batch + " is too small: use 1 or more pictures a pass");
        }
        if (partitions < 0) {
            throw new UsageException("--partitions " + partitions + " is not a count: use 0 (automatic) or more");
        }
        Saturation.checkUserFactor(saturation);
        if (size != null && size < 1) {
            throw new UsageException("--size " + size + " is not a working size: give a number of pixels, e.g. 128");
        }
    }

    /** A job without a reference photograph. */
    public JobOptions(List<String> inputs, String output, String model, OutputFormat format, int batch,
                      int partitions, float saturation, String hints, boolean mirrorAverage, float jpegQuality,
                      Integer size) {
        this(inputs, output, model, format, batch, partitions, saturation, hints, mirrorAverage, jpegQuality, size,
                null);
    }

    /** A job at the model's working size, JPEG outputs at the default quality. */
    public JobOptions(List<String> inputs, String output, String model, OutputFormat format, int batch,
                      int partitions, float saturation, String hints, boolean mirrorAverage) {
        this(inputs, output, model, format, batch, partitions, saturation, hints, mirrorAverage,
                OutputFormat.DEFAULT_JPEG_QUALITY, null, null);
    }

    /** A job with the library's mirror averaging. */
    public JobOptions(List<String> inputs, String output, String model, OutputFormat format, int batch,
                      int partitions, float saturation, String hints) {
        this(inputs, output, model, format, batch, partitions, saturation, hints, true);
    }

    /** A job at the model's default saturation, without hints. */
    public JobOptions(List<String> inputs, String output, String model, OutputFormat format, int batch,
                      int partitions) {
        this(inputs, output, model, format, batch, partitions, 1f, null);
    }
}
