package dev.colorizer.train;

import java.util.SplittableRandom;

/**
 * Makes a training picture's gray input look like a scan of an old print, at random, while its target colors stay
 * the true ones ({@code --degrade}): so that a soft, faded or grainy photograph gets the colors its content calls
 * for instead of the sepia cast the clean-trained model gave such inputs (docs/RESULTS.md, "Degraded inputs").
 *
 * <p>A degraded picture gets each of three changes with probability ½, in this order, each with its own random
 * strength:
 * <ul>
 *   <li>softness: a Gaussian blur of sigma uniform in [0.3, 1.5] pixels of the working size;</li>
 *   <li>fading: the tonal range [0, 255] mapped onto [black, white] through a gamma, black uniform in [0, 60],
 *       white in [195, 255], gamma log-uniform in [0.7, 1.4];</li>
 *   <li>grain: Gaussian noise of sigma uniform in [1, 8] levels, independent per pixel.</li>
 * </ul>
 * Everything is drawn from the random given, so that an epoch's degradations depend only on (seed, epoch) and a
 * resumed run sees the same ones. Validation pictures are never degraded (they are scored as inference sees them).
 */
final class OldPrintDegradation {
    private final double share;
    private final int size;      // S
    private final float[] plane; // (S, S) work plane
    private final float[] pass;  // (S, S) after the horizontal blur

    /**
     * @param share the share of training pictures degraded, in (0, 1]
     * @param size the working size S of the (S, S) gray planes
     */
    OldPrintDegradation(double share, int size) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a degraded share must be in (0, 1], got " + share);
        }
        this.share = share;
        this.size = size;
        this.plane = new float[size * size];
        this.pass = new float[size * size];
    }

    /** Degrades the (S, S) 8-bit gray plane in place, or leaves it as it is, as the random draws. */
    void apply(byte[] gray, SplittableRandom random) {
        if (random.nextDouble() >= share) {
            return;
        }
        boolean soft = random.nextBoolean();
        boolean faded = random.nextBoolean();
        boolean grainy = random.nextBoolean();
        double sigma = 0.3 + 1.2 * random.nextDouble();
        double black = 60 * random.nextDouble();
        double white = 195 + 60 * random.nextDouble();
        double gamma = Math.exp(Math.log(0.7) + (Math.log(1.4) - Math.log(0.7)) * random.nextDouble());
        double grain = 1 + 7 * random.nextDouble();
        for (int i = 0; i < plane.length; i++) {
            plane[i] = gray[i] & 0xFF;
        }
        if (soft) {
            blur(sigma);
        }
        if (faded) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) (black + (white - black) * Math.pow(plane[i] / 255.0, gamma));
            }
        }
        if (grainy) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] += (float) (grain * random.nextGaussian());
            }
        }
        for (int i = 0; i < plane.length; i++) {
            gray[i] = (byte) Math.max(0, Math.min(255, Math.round(plane[i])));
        }
    }

    /** Separable Gaussian blur of the work plane, radius ceil(3 sigma), edges clamped. */
    private void blur(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            sum += Math.exp(-k * k / (2 * sigma * sigma));
        }
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = (float) (Math.exp(-k * k / (2 * sigma * sigma)) / sum);
        }
        int last = size - 1;
        for (int y = 0; y < size; y++) {
            int row = y * size;
            for (int x = 0; x < size; x++) {
                float v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += kernel[k + radius] * plane[row + Math.max(0, Math.min(last, x + k))];
                }
                pass[row + x] = v;
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += kernel[k + radius] * pass[Math.max(0, Math.min(last, y + k)) * size + x];
                }
                plane[y * size + x] = v;
            }
        }
    }
}
