package dev.colorizer.video;

/**
 * Keeps a shot's colors steady: the model's outputs for each frame, at the working size, blended with the blended
 * outputs of the frame before, carried along the {@link Motion} between them. Where the motion is sure, a pixel keeps
 * {@code memory} of its carried colors (about 1 / (1 − memory) frames of history); where it is not (occlusion, a new
 * object) it takes the model's new colors; at a cut it starts afresh. All output channels are carried alike: a/b and
 * the log-variance that sets the shown saturation, so that this too stays steady.
 *
 * <p>With memory m, frame-to-frame noise in the model's colors shrinks to √((1 − m) / (1 + m)) of its spread (0.38 at
 * 0.75) on a sure match, at the cost of a lag of about m / (1 − m) frames when a color truly changes.
 */
public final class SteadyColors {
    /** The default memory. */
    public static final float DEFAULT_MEMORY = 0.75f;

    private final float memory;
    private float[] state; // (C, h, w) blended outputs of the last frame
    private int width;
    private int height;

    /** @param memory in [0, 1): 0 turns smoothing off */
    public SteadyColors(float memory) {
        if (!(memory >= 0 && memory < 1)) {
            throw new IllegalArgumentException("memory " + memory + " is not in [0, 1)");
        }
        this.memory = memory;
    }

    /**
     * The steadied outputs of the next frame.
     *
     * @param outputs (C, h, w) flattened: the model's outputs for this frame (not changed)
     * @param motion  from the frame before to this one, or null for the first frame of a shot
     * @return (C, h, w), a new array
     */
    public float[] next(float[] outputs, Motion motion, int w, int h) {
        if (motion == null || motion.isCut() || state == null || w != width || h != height
                || state.length != outputs.length || memory == 0) {
            state = outputs.clone();
            width = w;
            height = h;
            return state.clone();
        }
        int pixels = w * h;
        int channels = outputs.length / pixels;
        float[] next = new float[outputs.length];
        for (int c = 0; c < channels; c++) {
            Warp.bilinear(state, c * pixels, next, c * pixels, w, h, motion.dx(), motion.dy());
        }
        float[] confidence = motion.confidence();
        for (int c = 0; c < channels; c++) {
            for (int k = 0, o = c * pixels; k < pixels; k++, o++) {
                float keep = memory * confidence[k];
                next[o] = keep * next[o] + (1 - keep) * outputs[o];
            }
        }
        state = next;
        return next.clone();
    }

    /** Forgets the shot: the next frame starts afresh. */
    public void reset() {
        state = null;
    }
}
