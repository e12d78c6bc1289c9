package dev.colorizer.model;

import dev.colorizer.color.Lab;
import dev.colorizer.color.Luma;
import java.awt.image.BufferedImage;

/**
 * How an architecture sees pictures: what goes in, what it is trained to put out, and how its output becomes a/b.
 *
 * <p>Cached samples are planar 8-bit: rgb is (3, S, S) as R, G, B planes; gray is (S, S). All float outputs are
 * written planar, channel after channel.
 */
public enum Encoding {
    /** In: L / 100 in [0, 1], (1, S, S). Out: (a/b + 128) / 255 in [0, 1], (2, S, S) — the original Lab version. */
    LAB_SEED(1, 2),
    /** In: gray / 255 in [0, 1], (1, S, S). Out: R, G, B / 255 in [0, 1], (3, S, S) — the original first version. */
    RGB(1, 3),
    /**
     * In: the lightness of the 8-bit luma, L(Y, Y, Y) / 100 in [0, 1], (1, S, S) — what a gray photograph shows, so
     * training and prediction see the same input. Out: a/b / 128 in [-1, 1] through tanh, (2, S, S).
     */
    LAB_UNET(1, 2),
    /**
     * As {@link #LAB_UNET}, with three more input channels for user color hints (Zhang et al., SIGGRAPH 2017): in
     * (4, S, S) = L / 100, hint a / 128, hint b / 128 (0 where there is no hint), hint mask (1 at hinted pixels,
     * else 0). Without hints the last three are zero. Out: a/b / 128 as LAB_UNET (the model may add a second
     * output, the log-variance of its error, which is not part of the encoding).
     */
    LAB_HINTS(4, 2);

    /** Channel of the hint mask in a {@link #LAB_HINTS} input; the hint a and b planes are the two before it. */
    public static final int HINT_MASK_CHANNEL = 3;

    private final int inputChannels;
    private final int outputChannels;

    Encoding(int inputChannels, int outputChannels) {
        this.inputChannels = inputChannels;
        this.outputChannels = outputChannels;
    }

    /** Channels of one model input: 1 (the gray picture) or 4 (with the hint planes). */
    public int inputChannels() {
        return inputChannels;
    }

    /** Channels of the model output that carry the color. */
    public int outputChannels() {
        return outputChannels;
    }

    /** Whether the model takes hint planes after its lightness plane. */
    public boolean takesHints() {
        return inputChannels > 1;
    }

    /** Model input of one cached sample without hints: dst[off .. off + inputChannels*S*S). */
    public void encodeInput(byte[] rgb, byte[] gray, int pixels, float[] dst, int off) {
        switch (this) {
            case LAB_SEED -> {
                float[] lab = new float[3];
                for (int i = 0; i < pixels; i++) {
                    Lab.rgbToLab(packed(rgb, i, pixels), lab, 0);
                    dst[off + i] = Lab.normalizeL(lab[0]);
                }
            }
            case RGB -> {
                for (int i = 0; i < pixels; i++) {
                    dst[off + i] = (gray[i] & 0xFF) / 255f;
                }
            }
            case LAB_UNET, LAB_HINTS -> {
                for (int i = 0; i < pixels; i++) {
                    dst[off + i] = Lab.normalizeL(Lab.lightness(gray[i] & 0xFF));
                }
                java.util.Arrays.fill(dst, off + pixels, off + inputChannels * pixels, 0f);
            }
        }
    }

    /** Training target of one cached sample: dst[off .. off + C*S*S). */
    public void encodeTarget(byte[] rgb, int pixels, float[] dst, int off) {
        switch (this) {
            case LAB_SEED -> {
                float[] lab = new float[3];
                for (int i = 0; i < pixels; i++) {
                    Lab.rgbToLab(packed(rgb, i, pixels), lab, 0);
                    dst[off + i] = Lab.normalizeAbSeed(lab[1]);
                    dst[off + pixels + i] = Lab.normalizeAbSeed(lab[2]);
                }
            }
            case RGB -> {
                for (int i = 0; i < 3 * pixels; i++) {
                    dst[off + i] = (rgb[i] & 0xFF) / 255f;
                }
            }
            case LAB_UNET, LAB_HINTS -> {
                float[] lab = new float[3];
                for (int i = 0; i < pixels; i++) {
                    Lab.rgbToLab(packed(rgb, i, pixels), lab, 0);
                    dst[off + i] = lab[1] / Lab.AB_SCALE;
                    dst[off + pixels + i] = lab[2] / Lab.AB_SCALE;
                }
            }
        }
    }

    /**
     * Model input of a picture to colorize, already at working size: its lightness (LAB_SEED), its 8-bit luma
     * (RGB; the Kaggle gray files are luma, so a color picture is made gray the same way) or the lightness of that
     * luma (LAB_UNET).
     */
    public void encodeImage(BufferedImage image, float[] dst, int off) {
        int[] px = Lab.packedRgb(image);
        switch (this) {
            case LAB_SEED -> {
                float[] lab = new float[3];
                for (int i = 0; i < px.length; i++) {
                    Lab.rgbToLab(px[i], lab, 0);
                    dst[off + i] = Lab.normalizeL(lab[0]);
                }
            }
            case RGB -> {
                for (int i = 0; i < px.length; i++) {
                    dst[off + i] = Luma.of(px[i]) / 255f;
                }
            }
            case LAB_UNET, LAB_HINTS -> {
                for (int i = 0; i < px.length; i++) {
                    dst[off + i] = Lab.normalizeL(Lab.lightness(Luma.of(px[i])));
                }
                java.util.Arrays.fill(dst, off + px.length, off + inputChannels * px.length, 0f);
            }
        }
    }

    /**
     * A hint's a or b in the units {@link #putHint} takes, from Lab units: the target's, a/b / 128, so that a hint
     * given as a color and one simulated from a training target mean the same.
     */
    public static float hintUnit(float labAb) {
        return labAb / Lab.AB_SCALE;
    }

    /**
     * Marks the pixels [x0, x1) × [y0, y1) of one LAB_HINTS input (4, H, W) at dst[off..] as hinted with a color
     * whose a and b are given / 128 (the target's units): a later hint over the same pixels replaces an earlier one.
     */
    public void putHint(float[] dst, int off, int width, int height, int x0, int y0, int x1, int y1, float aUnit,
                        float bUnit) {
        if (!takesHints()) {
            throw new IllegalStateException(this + " takes no hints");
        }
        int pixels = width * height;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = off + y * width + x;
                dst[i + (HINT_MASK_CHANNEL - 2) * pixels] = aUnit;
                dst[i + (HINT_MASK_CHANNEL - 1) * pixels] = bUnit;
                dst[i + HINT_MASK_CHANNEL * pixels] = 1f;
            }
        }
    }

    /** The a/b planes, in Lab units, of one model output: (C, S, S) at out[off..] -> (2, S, S). */
    public float[] decodeAb(float[] out, int off, int pixels) {
        float[] ab = new float[2 * pixels];
        switch (this) {
            case LAB_SEED -> {
                for (int i = 0; i < 2 * pixels; i++) {
                    ab[i] = Lab.denormalizeAbSeed(out[off + i]);
                }
            }
            case RGB -> {
                float[] lab = new float[3];
                for (int i = 0; i < pixels; i++) {
                    Lab.rgbToLab(packedFromUnit(out, off, i, pixels), lab, 0);
                    ab[i] = lab[1];
                    ab[pixels + i] = lab[2];
                }
            }
            case LAB_UNET, LAB_HINTS -> {
                for (int i = 0; i < 2 * pixels; i++) {
                    ab[i] = out[off + i] * Lab.AB_SCALE;
                }
            }
        }
        return ab;
    }

    /** The raw RGB picture of an RGB-encoded output (C = 3, H, W), as the original project showed it. */
    public BufferedImage decodeRawRgb(float[] out, int off, int width, int height) {
        if (this != RGB) {
            throw new IllegalStateException(this + " has no RGB output");
        }
        int pixels = width * height;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            px[i] = packedFromUnit(out, off, i, pixels);
        }
        image.setRGB(0, 0, width, height, px, 0, width);
        return image;
    }

    private static int packed(byte[] planar, int i, int pixels) {
        return (planar[i] & 0xFF) << 16 | (planar[pixels + i] & 0xFF) << 8 | (planar[2 * pixels + i] & 0xFF);
    }

    private static int packedFromUnit(float[] out, int off, int i, int pixels) {
        return to8(out[off + i]) << 16 | to8(out[off + pixels + i]) << 8 | to8(out[off + 2 * pixels + i]);
    }

    private static int to8(float unit) {
        return Math.max(0, Math.min(255, Math.round(unit * 255f)));
    }
}
