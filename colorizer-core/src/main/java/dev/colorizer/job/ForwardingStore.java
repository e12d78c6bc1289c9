package dev.colorizer.job;

import dev.colorizer.data.ImageMetadata;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.run.OutputManifest.InputStamp;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * A store that does what another does, for one that changes a part of it: the demo's store reads each picture as its
 * gray version and leaves the rest to the local files' ({@code eval.GrayInputs}).
 */
public abstract class ForwardingStore<F> implements PictureStore<F> {
    private final PictureStore<F> delegate;

    protected ForwardingStore(PictureStore<F> delegate) {
        this.delegate = delegate;
    }

    @Override
    public InputStamp stamp(F file) throws IOException {
        return delegate.stamp(file);
    }

    @Override
    public Picture read(F file, Integer page) throws IOException {
        return delegate.read(file, page);
    }

    @Override
    public String identity(F file) throws IOException {
        return delegate.identity(file);
    }

    @Override
    public boolean write(BufferedImage image, ImageMetadata metadata, F file, OutputFormat format, float jpegQuality,
                         boolean replace) throws IOException {
        return delegate.write(image, metadata, file, format, jpegQuality, replace);
    }

    @Override
    public boolean exists(F file) throws IOException {
        return delegate.exists(file);
    }

    @Override
    public String name(F file) {
        return delegate.name(file);
    }
}
