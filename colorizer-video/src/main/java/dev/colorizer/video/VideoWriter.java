package dev.colorizer.video;

import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Pictures into a video file of their own (H.264 at a constant frame rate, no sound): for programs that make clips,
 * such as the benchmarks' synthetic films. The file is complete once closed.
 */
public final class VideoWriter implements AutoCloseable {
    private final VideoSink sink;
    private long frames;
    private boolean finished;

    /**
     * @param fps frames a second
     * @param crf x264's constant rate factor (18: visually lossless)
     */
    public VideoWriter(Path file, VideoFormat format, int width, int height, int fps, int crf) {
        sink = new VideoSink(file, format, new VideoSink.Geometry(width, height, av_make_q(1, fps),
                av_make_q(fps, 1), av_make_q(1, 1)), null, crf, "medium", new ArrayList<>());
    }

    /** The next frame (TYPE_INT_RGB, the writer's size). */
    public void write(BufferedImage frame) {
        sink.write(frame, frames++);
    }

    @Override
    public void close() {
        try {
            if (!finished) {
                finished = true;
                sink.finish();
            }
        } finally {
            sink.close();
        }
    }
}
