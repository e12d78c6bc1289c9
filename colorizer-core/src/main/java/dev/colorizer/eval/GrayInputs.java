package dev.colorizer.eval;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageMetadata;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.job.LocalPictures;
import dev.colorizer.job.PictureStore;
import dev.colorizer.run.OutputManifest.InputStamp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pictures of an evaluation as a folder job's inputs: each pair, named by its true color file, reads as the gray
 * picture the model is scored on ({@link Evaluation#grayInput}: the pair's gray file, else the truth's luma), so that
 * {@code colorize demo} colors them through the same folder job as {@code predict}. Outputs are local files.
 */
public final class GrayInputs implements PictureStore<Path> {
    private final Map<Path, ImagePair> pairs; // by their color file

    public GrayInputs(List<ImagePair> pairs) {
        this.pairs = pairs.stream().collect(Collectors.toMap(ImagePair::color, Function.identity()));
    }

    /** The true color file's size and time (the gray is made from it, or beside it). */
    @Override
    public InputStamp stamp(Path file) throws IOException {
        return LocalPictures.INSTANCE.stamp(file);
    }

    @Override
    public Picture read(Path file, Integer page) {
        ImagePair pair = pairs.get(file);
        if (pair == null) {
            throw new IllegalArgumentException(file + " is not one of the evaluation's pictures");
        }
        BufferedImage gray = Evaluation.grayInput(pair, ImageFiles.readColorTruth(file));
        return new Picture(gray, null, ImageMetadata.NONE, List.of());
    }

    @Override
    public String identity(Path file) throws IOException {
        return LocalPictures.INSTANCE.identity(file);
    }

    @Override
    public boolean write(BufferedImage image, ImageMetadata metadata, Path file, OutputFormat format,
                         float jpegQuality, boolean replace) {
        return LocalPictures.INSTANCE.write(image, metadata, file, format, jpegQuality, replace);
    }

    @Override
    public boolean exists(Path file) {
        return LocalPictures.INSTANCE.exists(file);
    }

    @Override
    public String name(Path file) {
        return LocalPictures.INSTANCE.name(file);
    }
}
