package dev.colorizer.infer;

import dev.colorizer.ColorizerException;
import dev.colorizer.color.Lab;

/**
 * A user's color hint: around a point of the input picture, the color has this chroma (a/b); the picture keeps its
 * own lightness. The model takes hints as Zhang et al. (SIGGRAPH 2017) do: the hint's a/b over a small square patch
 * and a mask, beside the lightness.
 *
 * @param x column in input pixels, origin at the left edge, may be fractional, in [0, width]
 * @param y row in input pixels, origin at the top edge, in [0, height]
 * @param a CIE a* of the hinted color
 * @param b CIE b* of the hinted color
 * @param radius half the side of the hinted square in input pixels, or NaN for the default (see
 *               {@link #DEFAULT_RADIUS_FRACTION})
 */
public record ColorHint(double x, double y, float a, float b, double radius) {
    /** The default radius is this fraction of the picture's longer side (1.5 px of a 150 px picture). */
    public static final double DEFAULT_RADIUS_FRACTION = 0.01;

    public ColorHint {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Float.isFinite(a) || !Float.isFinite(b)) {
            throw new ColorizerException("hint at (" + x + ", " + y + ") with a/b (" + a + ", " + b + ") is not a "
                    + "point and a color: give finite numbers");
        }
        if (!Double.isNaN(radius) && !(radius >= 0 && Double.isFinite(radius))) {
            throw new ColorizerException("hint radius " + radius + " must be a number of pixels >= 0");
        }
    }

    /** A hint of an sRGB color 0xRRGGBB (its chroma is used) with the default radius. */
    public static ColorHint ofRgb(double x, double y, int rgb) {
        return ofRgb(x, y, rgb, Double.NaN);
    }

    /** A hint of an sRGB color 0xRRGGBB (its chroma is used). */
    public static ColorHint ofRgb(double x, double y, int rgb, double radius) {
        float[] lab = new float[3];
        Lab.rgbToLab(rgb & 0xFFFFFF, lab, 0);
        return new ColorHint(x, y, lab[1], lab[2], radius);
    }

    /** The same hint moved to (x, y): a video's hint following its point along the motion. */
    public ColorHint at(double x, double y) {
        return new ColorHint(x, y, a, b, radius);
    }

    /** The radius in input pixels for a picture of this size. */
    public double radiusFor(int width, int height) {
        return Double.isNaN(radius) ? DEFAULT_RADIUS_FRACTION * Math.max(width, height) : radius;
    }

    /** Checks that the point lies on a picture of this size; the message names the point and the size. */
    public void checkInside(int width, int height) {
        if (x < 0 || y < 0 || x > width || y > height) {
            throw new ColorizerException("hint at (" + x + ", " + y + ") lies outside the " + width + "x" + height
                    + " picture: give x in [0, " + width + "] and y in [0, " + height + "] (pixels, origin top-left)");
        }
    }
}
