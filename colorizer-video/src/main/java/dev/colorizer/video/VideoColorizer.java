package dev.colorizer.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import dev.colorizer.ColorizerException;
import dev.colorizer.UsageException;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Colors a video: every frame through the model as a picture is (at the working size, finished at full size by the
 * frame's own lightness), with the model's outputs kept steady along the motion within each shot
 * ({@link SteadyColors}, {@link Motion}) and a fresh start at every cut; written as H.264 beside the source's sound
 * and subtitles, copied untouched (see {@link VideoSink}). Frames stream through: at most one batch of them is held,
 * whatever the film's length. The output appears under its name only when complete.
 *
 * <p>Built with {@link #builder()}: {@code setColorizer} is required, the rest optional.
 */
public final class VideoColorizer {
    /** Receives progress: frames written so far, and how many the container announces (0 when unknown). */
    @FunctionalInterface
    public interface Progress {
        void frames(long done, long expected);
    }

    /**
     * What one video took.
     *
     * @param format         the container written
     * @param shots          scenes found: 1 + the cuts
     * @param damagedPackets packets of the source's video the decoder refused (skipped)
     * @param notes          one line each for what was not kept (a stream the container cannot hold)
     * @param seconds        time by stage: decode (demux, decode, to RGB), prepare (to the working size, motion),
     *                       model, steady (carrying colors along the motion), finish (colors to full size), all on
     *                       the calling thread; encode (to YUV, H.264, mux, copied streams) on a thread of its own,
     *                       beside them
     */
    public record Report(Path output, VideoFormat format, long frames, int shots, int width, int height,
                         int damagedPackets, List<String> notes, Timings seconds) {}

    /** Seconds spent in each stage of a video. */
    public record Timings(double decode, double prepare, double model, double steady, double finish, double encode,
                         double total) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "decode %.1f s, prepare %.1f s, model %.1f s, steady %.1f s, "
                    + "finish %.1f s, encode %.1f s, total %.1f s", decode, prepare, model, steady, finish, encode,
                    total);
        }
    }

    private final Colorizer colorizer;
    private final VideoFormat format;
    private final int crf;
    private final String preset;
    private final float memory;
    private final List<ColorHint> hints;
    private final int batch;
    private final java.awt.image.BufferedImage reference;

    private VideoColorizer(Builder b) {
        this.colorizer = b.colorizer;
        this.format = b.format;
        this.crf = b.crf;
        this.preset = b.preset;
        this.memory = b.memory;
        this.hints = List.copyOf(b.hints);
        this.batch = b.batch;
        this.reference = b.reference;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The container an input would be written in: the chosen one, else the input's own where it can hold H.264. */
    public VideoFormat formatFor(Path input) {
        if (format != null) {
            return format;
        }
        try (VideoSource source = new VideoSource(input)) {
            return VideoFormat.keeping(source.format().iformat().name().getString(), extension(input));
        }
    }

    /**
     * Colors {@code input} into {@code output} (replaced when it exists; written beside it under a temp name first,
     * removed on failure).
     *
     * @throws ColorizerException naming the input (not a video, no video stream, a codec that cannot be decoded) or
     *                            the output (cannot be written)
     */
    public Report colorize(Path input, Path output, Progress progress) {
        long start = System.nanoTime();
        List<String> notes = new ArrayList<>();
        Path abs = output.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
        } catch (IOException e) {
            throw new ColorizerException(output.getParent(), "cannot create the output folder (" + e.getMessage()
                    + "): choose a writable --out", e);
        }
        try (VideoSource source = new VideoSource(input)) {
            VideoFormat chosen = format != null ? format
                    : VideoFormat.keeping(source.format().iformat().name().getString(), extension(input));
            checkHints(source, input);
            Encoded[] encoded = new Encoded[1];
            try {
                // written under a temp name beside the output, renamed when complete, removed on failure
                AtomicFiles.writeFile(abs, AtomicFiles.Durability.RENAMED, true, temp -> {
                    Thread removeTemp = new Thread(() -> temp.toFile().delete(), "video-temp-cleanup"); // Ctrl-C
                    Runtime.getRuntime().addShutdownHook(removeTemp);
                    try {
                        encoded[0] = encode(source, temp, chosen, notes, progress);
                    } finally {
                        try {
                            Runtime.getRuntime().removeShutdownHook(removeTemp);
                        } catch (IllegalStateException e) {
                            // shutting down: the hook runs
                        }
                    }
                });
            } catch (IOException e) {
                throw new ColorizerException(output, "cannot be written or put in place (" + e.getMessage() + "): "
                        + "check that the folder is writable and the disk has space", e);
            }
            FrameColorizer frames = encoded[0].frames();
            long[] n = frames.nanos(); // prepare, model, steady, finish, hand-over
            Timings timings = new Timings(encoded[0].readNanos() / 1e9, n[0] / 1e9, n[1] / 1e9, n[2] / 1e9,
                    n[3] / 1e9, encoded[0].writeNanos() / 1e9, (System.nanoTime() - start) / 1e9);
            return new Report(output, chosen, frames.frames(), frames.shots(), source.width(), source.height(),
                    source.damagedPackets(), List.copyOf(notes), timings);
        }
    }

    /** A video encoded: its frames' stream (counts, stage times), the reading loop's own time, the writer's. */
    private record Encoded(FrameColorizer frames, long readNanos, long writeNanos) {}

    // every packet of the source: the video's frames colored (upright) and encoded, the other streams copied
    private Encoded encode(VideoSource source, Path target, VideoFormat chosen, List<String> notes,
                           Progress progress) {
        long expected = source.expectedFrames();
        long[] written = {0};
        try (VideoSink sink = new VideoSink(target, chosen, VideoSink.Geometry.of(source), source, crf, preset,
                notes); BackgroundSink writer = new BackgroundSink(sink)) {
            // a frame stored sideways is colored upright and turned back: the output keeps its display rotation
            int turns = QuarterTurns.uprightTurns(source.rotation());
            FrameColorizer frames = new FrameColorizer(colorizer, memory, hints, reference, batch, (colored, pts) -> {
                writer.write(QuarterTurns.clockwise(colored, (4 - turns) % 4), pts);
                progress.frames(++written[0], expected);
            });
            VideoSource.FrameSink upright = (picture, pts) -> frames.add(QuarterTurns.clockwise(picture, turns),
                    pts);
            AVPacket packet = av_packet_alloc();
            try {
                long t = System.nanoTime();
                while (source.read(packet)) {
                    if (packet.stream_index() == source.videoIndex()) {
                        source.decode(packet, upright);
                    } else {
                        writer.copy(packet, source.format().streams(packet.stream_index()));
                    }
                    av_packet_unref(packet);
                }
                source.decode(null, upright);
                frames.finish();
                // what is left of the loop's time once the stages it ran are taken out (the writer's wait too)
                long readNanos = System.nanoTime() - t - Arrays.stream(frames.nanos()).sum();
                writer.finish();
                return new Encoded(frames, readNanos, writer.nanos());
            } finally {
                av_packet_free(packet);
            }
        }
    }

    private void checkHints(VideoSource source, Path input) {
        if (hints.isEmpty() && reference == null) {
            return;
        }
        if (!colorizer.takesHints()) {
            throw new UsageException("model " + colorizer.architecture().id() + " takes no color hints: use the "
                    + "bundled model or a run trained with --arch unet-hints or unet-bins, or drop the hints and "
                    + "the reference");
        }
        boolean sideways = QuarterTurns.uprightTurns(source.rotation()) % 2 == 1; // hints are in the frame as shown
        int w = sideways ? source.height() : source.width();
        int h = sideways ? source.width() : source.height();
        for (ColorHint hint : hints) {
            try {
                hint.checkInside(w, h);
            } catch (ColorizerException e) {
                throw new ColorizerException(input, "a hint lies outside its first frame (" + w + "×" + h + " as "
                        + "shown): " + e.getMessage());
            }
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Builds a {@link VideoColorizer}: {@code setColorizer} required, the rest optional. */
    public static final class Builder {
        private Colorizer colorizer;
        private VideoFormat format;
        private int crf = 18;
        private String preset = "medium";
        private float memory = SteadyColors.DEFAULT_MEMORY;
        private List<ColorHint> hints = List.of();
        private int batch = 8;
        private java.awt.image.BufferedImage reference;

        private Builder() {}

        /** The model and its settings (saturation, working size, upsampling, mirror averaging). */
        public Builder setColorizer(Colorizer colorizer) {
            this.colorizer = colorizer;
            return this;
        }

        /** The container (default: the input's own where it can hold H.264, else MP4). */
        public Builder optFormat(VideoFormat format) {
            this.format = format;
            return this;
        }

        /** x264's constant rate factor, 0 (lossless) to 51 (worst); default 18, visually lossless. */
        public Builder optCrf(int crf) {
            if (crf < 0 || crf > 51) {
                throw new UsageException("--crf " + crf + " is out of range: use 0 (lossless) to 51; 18 is "
                        + "visually lossless");
            }
            this.crf = crf;
            return this;
        }

        /** x264's speed preset (ultrafast … veryslow); default medium. */
        public Builder optPreset(String preset) {
            List<String> known = List.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
                    "slower", "veryslow");
            if (!known.contains(preset)) {
                throw new UsageException("--preset " + preset + " is not an x264 preset: use one of "
                        + String.join(", ", known));
            }
            this.preset = preset;
            return this;
        }

        /** How much of a pixel's carried colors it keeps on a sure match, in [0, 1); 0: each frame alone. */
        public Builder optSteadiness(float memory) {
            if (!(memory >= 0 && memory < 1)) {
                throw new UsageException("--steadiness " + memory + " is out of range: use 0 (each frame alone) "
                        + "up to below 1; the default is " + SteadyColors.DEFAULT_MEMORY);
            }
            this.memory = memory;
            return this;
        }

        /**
         * Color hints for the first shot, in its first frame's pixels as a player shows it (its display rotation
         * applied); they move with the picture.
         */
        public Builder optHints(List<ColorHint> hints) {
            this.hints = List.copyOf(hints);
            return this;
        }

        /**
         * A color photograph whose colors every shot takes where they look alike (matched on each shot's first
         * frame, followed along its motion); see {@link dev.colorizer.infer.ReferenceColors}. Null: none.
         */
        public Builder optReference(java.awt.image.BufferedImage reference) {
            this.reference = reference;
            return this;
        }

        /** Frames per forward pass (default 8). */
        public Builder optBatch(int frames) {
            if (frames < 1) {
                throw new UsageException("--batch " + frames + " is too small: use 1 or more frames a pass");
            }
            this.batch = frames;
            return this;
        }

        public VideoColorizer build() {
            if (colorizer == null) {
                throw new IllegalStateException("setColorizer is required");
            }
            return new VideoColorizer(this);
        }
    }
}
