package dev.colorizer.train;

import dev.colorizer.model.Encoding;
import java.util.SplittableRandom;

/**
 * Simulated user hints for training a model that takes them (Zhang et al., SIGGRAPH 2017, section 3.2): half of
 * the samples get none, so the model stays a good automatic colorizer; the others get 1 + Geometric(1/8) points
 * (mean 8, at most {@link #MAX_POINTS}) at uniform positions, each a square patch of side 1 to 2r + 1 pixels
 * (r up to S / 32: 9 × 9 at 128 px) holding the mean true a/b of that patch.
 */
final class HintSimulator {
    static final double NO_HINTS = 0.5;
    static final double GEOMETRIC_P = 1.0 / 8;
    static final int MAX_POINTS = 64;

    private HintSimulator() {}

    /**
     * Writes hints into one LAB_HINTS input whose hint planes are zero.
     *
     * @param input the batch input, this sample's (4, S, S) at input[inOff..]
     * @param target the batch target, this sample's (2, S, S) a/b / 128 at target[targetOff..]
     */
    static void addHints(float[] input, int inOff, float[] target, int targetOff, int size, SplittableRandom random) {
        if (random.nextDouble() < NO_HINTS) {
            return;
        }
        int points = 1;
        while (points < MAX_POINTS && random.nextDouble() >= GEOMETRIC_P) {
            points++;
        }
        int maxRadius = Math.max(1, size / 32);
        int pixels = size * size;
        for (int p = 0; p < points; p++) {
            int r = random.nextInt(maxRadius + 1);
            int cx = random.nextInt(size);
            int cy = random.nextInt(size);
            int x0 = Math.max(0, cx - r);
            int x1 = Math.min(size, cx + r + 1);
            int y0 = Math.max(0, cy - r);
            int y1 = Math.min(size, cy + r + 1);
            double a = 0;
            double b = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    a += target[targetOff + y * size + x];
                    b += target[targetOff + pixels + y * size + x];
                }
            }
            int area = (x1 - x0) * (y1 - y0);
            Encoding.LAB_HINTS.putHint(input, inOff, size, size, x0, y0, x1, y1, (float) (a / area), (float) (b / area));
        }
    }
}
