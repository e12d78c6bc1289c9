package dev.colorizer.job;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageMetadata;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.run.Digest;
import dev.colorizer.run.OutputManifest.InputStamp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's files ({@link ImageFiles}): outputs written into a temp file renamed into place. */
public final class LocalPictures implements PictureStore<Path> {
    /** The one instance: it holds nothing. */
    public static final LocalPictures INSTANCE = new LocalPictures();

    private LocalPictures() {}

    @Override
    public InputStamp stamp(Path file) throws IOException {
        return InputStamp.of(file);
    }

    @Override
    public Picture read(Path file, Integer page) {
        return page == null ? ImageFiles.readPicture(file) : ImageFiles.readPicture(file, page);
    }

    /** A digest of the file's bytes: the same photograph copied or touched is the same reference. */
    @Override
    public String identity(Path file) throws IOException {
        return Digest.of(Files.readAllBytes(file));
    }

    @Override
    public boolean write(BufferedImage image, ImageMetadata metadata, Path file, OutputFormat format,
                         float jpegQuality, boolean replace) {
        ImageFiles.writeImage(image, metadata, file, format, jpegQuality, replace);
        return true;
    }

    @Override
    public boolean exists(Path file) {
        return Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
