package dev.colorizer.eval;

import dev.colorizer.color.Lab;
import dev.colorizer.infer.ColorHint;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The color hints a user who knows the true colors would give, to measure what each click is worth: points at
 * random pixels of the picture, each with the mean true chroma over its square (the default hint radius, as a click
 * on the web page gets). The points of a picture depend only on (seed, picture name), and the first n of a larger
 * draw are the n of a smaller one, so "5 hints" adds to "2 hints" instead of starting over.
 */
public final class SimulatedHints {
    private SimulatedHints() {}

    /**
     * @param truth the true color picture, TYPE_INT_RGB
     * @param name the picture's name: with the seed, it decides the points
     * @return n hints inside the picture, default radius
     */
    public static List<ColorHint> draw(BufferedImage truth, String name, int n, long seed) {
        int w = truth.getWidth();
        int h = truth.getHeight();
        float[] lab = Lab.toLab(truth); // (3, H, W): L, a, b planes
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + name.hashCode());
        List<ColorHint> hints = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int px = random.nextInt(w);
            int py = random.nextInt(h);
            hints.add(at(lab, w, h, px + 0.5, py + 0.5)); // the pixel's centre
        }
        return hints;
    }

    /** The hint a user who knows the truth gives at (x, y): the mean true chroma over its square, default radius. */
    public static ColorHint at(BufferedImage truth, double x, double y) {
        return at(Lab.toLab(truth), truth.getWidth(), truth.getHeight(), x, y);
    }

    // lab: (3, H, W) planes of the truth
    private static ColorHint at(float[] lab, int w, int h, double x, double y) {
        int pixels = w * h;
        int px = Math.min(w - 1, (int) Math.floor(x));
        int py = Math.min(h - 1, (int) Math.floor(y));
        double r = ColorHint.DEFAULT_RADIUS_FRACTION * Math.max(w, h);
        int x0 = Math.max(0, (int) Math.floor(x - r));
        int x1 = Math.min(w - 1, Math.max(px, (int) Math.ceil(x + r) - 1));
        int y0 = Math.max(0, (int) Math.floor(y - r));
        int y1 = Math.min(h - 1, Math.max(py, (int) Math.ceil(y + r) - 1));
        double a = 0;
        double b = 0;
        for (int yy = y0; yy <= y1; yy++) {
            for (int xx = x0; xx <= x1; xx++) {
                a += lab[pixels + yy * w + xx];
                b += lab[2 * pixels + yy * w + xx];
            }
        }
        int count = (x1 - x0 + 1) * (y1 - y0 + 1);
        return new ColorHint(x, y, (float) (a / count), (float) (b / count), Double.NaN);
    }
}
