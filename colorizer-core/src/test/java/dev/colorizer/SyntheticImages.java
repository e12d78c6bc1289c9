package dev.colorizer;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Small generated pictures whose colors follow from their brightness (dark = warm, bright = blue), so that a model
 * can learn them in a few steps.
 */
public final class SyntheticImages {
    private SyntheticImages() {}

    /** A w×h picture of soft random blobs, seeded. */
    public static BufferedImage scene(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double cx = random.nextDouble() * w;
        double cy = random.nextDouble() * h;
        double radius = (0.3 + 0.4 * random.nextDouble()) * Math.max(w, h);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = Math.min(1, Math.hypot(x - cx, y - cy) / radius); // 0 at the centre, 1 outside
                int r = (int) Math.round(220 - 170 * t);
                int g = (int) Math.round(120 + 40 * t);
                int b = (int) Math.round(40 + 200 * t);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }
}
