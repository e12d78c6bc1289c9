package dev.colorizer.eval;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageMetadata;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.Picture;
import dev.colorizer.job.ForwardingStore;
import dev.colorizer.job.LocalPictures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pictures of an evaluation as a folder job's inputs: each pair, named by its true color file, reads as the gray
 * picture the model is scored on ({@link Evaluation#grayInput}: the pair's gray file, else the truth's luma), so that
 * {@code colorize demo} colors them through the same folder job as {@code predict}. The true color file's size and
 * time stand for the input's; outputs are local files.
 */
public final class GrayInputs extends ForwardingStore<Path> {
    private final Map<Path, ImagePair> pairs; // by their color file

    public GrayInputs(List<ImagePair> pairs) {
        super(LocalPictures.INSTANCE); // stamps, identities and writes: this machine's files
        this.pairs = pairs.stream().collect(Collectors.toMap(ImagePair::color, Function.identity()));
    }

    /** The gray picture of the pair whose true color file this is. */
    @Override
    public Picture read(Path file, Integer page) {
        ImagePair pair = pairs.get(file);
        if (pair == null) {
            throw new IllegalArgumentException(file + " is not one of the evaluation's pictures");
        }
        BufferedImage gray = Evaluation.grayInput(pair, ImageFiles.readColorTruth(file));
        return new Picture(gray, null, ImageMetadata.NONE, List.of());
    }
}
