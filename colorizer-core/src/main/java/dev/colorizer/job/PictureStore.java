package dev.colorizer.job;

import dev.colorizer.data.ImageMetadata;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.run.OutputManifest.InputStamp;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Where a folder job's files are: this machine's ({@link LocalPictures}) or a Hadoop file system's (the Spark
 * module's). A user-fixable problem with one file is a {@link dev.colorizer.ColorizerException} naming it.
 *
 * @param <F> how the store names a file (a {@link java.nio.file.Path}, a Hadoop path)
 */
public interface PictureStore<F> {
    /** The file's size and modification time now: taken before it is read, so that a file replaced meanwhile is
     * recorded as the older one. */
    InputStamp stamp(F file) throws IOException;

    /**
     * Decodes a picture: page {@code page} of a multi-page file, or with {@code page} null its first (saying so when it
     * holds more).
     */
    Picture read(F file, Integer page) throws IOException;

    /**
     * What identifies a reference photograph's content as it is now, for the record of what made an output: a digest
     * of its bytes, or its path, size and time where reading it again costs more.
     */
    String identity(F file) throws IOException;

    /**
     * Writes a colorized picture all or nothing, creating folders.
     *
     * @param replace a file in place is this job's own earlier output, to be replaced (else one there is kept)
     * @return false when another writer put a file there first (a retried task): it is kept
     */
    boolean write(BufferedImage image, ImageMetadata metadata, F file, OutputFormat format, float jpegQuality,
                  boolean replace) throws IOException;

    /** Whether a file is there (a link too, even a broken one: it is not the job's to replace). */
    boolean exists(F file) throws IOException;

    /** The file's name, as printed and as its output format is chosen by ({@link OutputFormat#forInput}). */
    String name(F file);
}
