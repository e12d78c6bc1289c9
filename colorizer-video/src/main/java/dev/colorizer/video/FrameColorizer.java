package dev.colorizer.video;

import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.ReferenceColors;
import dev.colorizer.infer.WorkingShape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Colors a stream of frames, in order, as a film: each frame prepared at the working size and its motion from the
 * frame before estimated, the frames run through the model a batch at a time, then one by one steadied along the
 * motion ({@link SteadyColors}; afresh after a cut), finished at full size and handed on. At most one batch of frames
 * is held. Not thread-safe: one stream, one thread.
 */
public final class FrameColorizer {
    /** Receives the colored frames, in the order they came. */
    @FunctionalInterface
    public interface Sink {
        void frame(BufferedImage colored, long pts);
    }

    private final Colorizer colorizer;
    private final SteadyColors steady;
    private final int batch;
    private final Sink sink;
    private final List<Frame> pending = new ArrayList<>();
    private float[] previousLightness; // (sh, sw) of the last frame
    private WorkingShape previousShape;
    private final List<ColorHint> firstShotHints;
    private final BufferedImage reference; // a color photograph each shot takes its colors from, or null
    private List<ColorHint> tracked; // the shot's hints, moved along with it
    private long frames;
    private int shots;
    private long prepareNanos;
    private long modelNanos;
    private long steadyNanos;
    private long finishNanos;
    private long sinkNanos;

    /** One frame on its way: the picture, its time, its model input and its motion from the frame before. */
    private record Frame(Colorizer.Prepared prepared, long pts, Motion motion) {}

    /** A stream without a reference: see {@link #FrameColorizer(Colorizer, float, List, BufferedImage, int, Sink)}. */
    public FrameColorizer(Colorizer colorizer, float memory, List<ColorHint> hints, int batch, Sink sink) {
        this(colorizer, memory, hints, null, batch, sink);
    }

    /**
     * @param memory    in [0, 1), see {@link SteadyColors}: 0 colors each frame alone
     * @param hints     color hints for the first shot, in its first frame's pixels (they follow the picture's motion)
     * @param reference a color photograph whose colors every shot takes where they look alike, matched on the shot's
     *                  first frame and followed along its motion ({@link ReferenceColors}), or null
     * @param batch     frames per forward pass
     */
    public FrameColorizer(Colorizer colorizer, float memory, List<ColorHint> hints, BufferedImage reference,
                          int batch, Sink sink) {
        this.colorizer = colorizer;
        this.steady = new SteadyColors(memory);
        this.firstShotHints = List.copyOf(hints);
        this.reference = reference;
        this.tracked = List.of();
        this.batch = batch;
        this.sink = sink;
    }

    /** Takes the next frame (TYPE_INT_RGB; a color frame is treated as gray) at presentation time pts. */
    public void add(BufferedImage picture, long pts) {
        long t = System.nanoTime();
        Colorizer.Prepared prepared = colorizer.prepare(picture); // input (C_in, sh, sw); channel 0 the lightness
        WorkingShape shape = prepared.shape();
        float[] lightness = Arrays.copyOf(prepared.input(), shape.pixels()); // (sh, sw)
        Motion motion = previousLightness != null && shape.equals(previousShape)
                ? Motion.estimate(previousLightness, lightness, shape.width(), shape.height()) : null;
        boolean fresh = motion == null || motion.isCut();
        if (fresh) { // a new shot: the reference's hints from its first frame, then the user's (first shot only)
            shots++;
            List<ColorHint> start = new ArrayList<>(reference == null ? List.of()
                    : ReferenceColors.hints(colorizer, picture, reference));
            if (shots == 1) {
                start.addAll(firstShotHints);
            }
            tracked = List.copyOf(start);
        } else if (!tracked.isEmpty()) {
            tracked = follow(tracked, motion, picture.getWidth(), picture.getHeight(), shape);
        }
        previousLightness = lightness;
        previousShape = shape;
        pending.add(new Frame(colorizer.withHints(prepared, tracked), pts, fresh ? null : motion));
        prepareNanos += System.nanoTime() - t;
        if (pending.size() == batch) {
            flush();
        }
    }

    /** Colors and hands on every frame still held: call once the stream ends. */
    public void finish() {
        flush();
    }

    /** Frames handed on so far. */
    public long frames() {
        return frames;
    }

    /** Shots so far: 1 + the cuts found. */
    public int shots() {
        return shots;
    }

    /** Nanoseconds spent so far: prepare (working size, motion), model, steady, finish (full size), sink. */
    long[] nanos() {
        return new long[] {prepareNanos, modelNanos, steadyNanos, finishNanos, sinkNanos};
    }

    // the gathered frames through the model in one pass per shape, then one by one in order: steadied, finished at
    // full size, handed on
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long t = System.nanoTime();
        List<float[]> outputs = colorizer.forward(pending.stream().map(Frame::prepared).toList()); // (C_out, sh, sw)
        modelNanos += System.nanoTime() - t;
        for (int i = 0; i < pending.size(); i++) {
            Frame frame = pending.get(i);
            WorkingShape shape = frame.prepared().shape();
            t = System.nanoTime();
            float[] steadied = steady.next(outputs.get(i), frame.motion(), shape.width(), shape.height());
            long u = System.nanoTime();
            steadyNanos += u - t;
            BufferedImage colored = colorizer.finish(frame.prepared(), steadied).colorized();
            long v = System.nanoTime();
            finishNanos += v - u;
            sink.frame(colored, frame.pts());
            sinkNanos += System.nanoTime() - v;
            frames++;
        }
        pending.clear();
    }

    /**
     * The hints moved along with the picture: each to where its point went, dropped once its point leaves the frame
     * or can no longer be followed (its match is unsure).
     */
    static List<ColorHint> follow(List<ColorHint> hints, Motion motion, int w, int h, WorkingShape shape) {
        double sx = (double) shape.width() / w; // working pixels per frame pixel
        double sy = (double) shape.height() / h;
        List<ColorHint> moved = new ArrayList<>(hints.size());
        for (ColorHint hint : hints) {
            int kx = (int) Math.min(shape.width() - 1, Math.max(0, Math.floor(hint.x() * sx)));
            int ky = (int) Math.min(shape.height() - 1, Math.max(0, Math.floor(hint.y() * sy)));
            int k = ky * shape.width() + kx;
            if (motion.confidence()[k] < 0.2f) {
                continue;
            }
            // a point at p in the new frame was at p + d in the old: the old point q is now near q - d(q)
            double x = hint.x() - motion.dx()[k] / sx;
            double y = hint.y() - motion.dy()[k] / sy;
            if (x >= 0 && y >= 0 && x < w && y < h) {
                moved.add(hint.at(x, y));
            }
        }
        return moved;
    }
}
