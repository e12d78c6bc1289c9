package dev.colorizer.spark;

import java.io.Serializable;

/**
 * One picture to colorize: fully qualified Hadoop path strings.
 *
 * @param input the input file, e.g. {@code hdfs://nn/photos/2020/a.jpg}
 * @param output its output file, e.g. {@code hdfs://nn/colorized/2020/a.png}
 * @param hintsFile its color hints file ({@code --hints}), e.g. {@code hdfs://nn/hints/2020/a.json}, or null
 * @param hintsJson that file's text, read (and checked) on the driver, or null
 * @param reference its reference photograph ({@code --reference}), checked on the driver and read again where the
 *                  picture is colorized, e.g. {@code hdfs://nn/refs/house.jpg}, or null
 * @param done      what an earlier run recorded of the output in place (made, by which settings, from which input),
 *                  checked where the picture is colorized: the same, it is kept; else it is made again; null when
 *                  the output is not there
 */
record WorkItem(String input, String output, String hintsFile, String hintsJson, String reference,
                Manifest.Previous done) implements Serializable {
    /** A picture without hints nor reference. */
    WorkItem(String input, String output) {
        this(input, output, null, null, null, null);
    }

    /** This picture with the hints of {@code file}. */
    WorkItem withHints(String file, String json) {
        return new WorkItem(input, output, file, json, reference, done);
    }

    /** This picture with the reference photograph {@code file}. */
    WorkItem withReference(String file) {
        return new WorkItem(input, output, hintsFile, hintsJson, file, done);
    }

    /** This picture, whose output an earlier run made as {@code previous} says. */
    WorkItem madeBefore(Manifest.Previous previous) {
        return new WorkItem(input, output, hintsFile, hintsJson, reference, previous);
    }
}
