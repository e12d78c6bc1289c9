package dev.colorizer.train;

import dev.colorizer.data.SampleCache;
import dev.colorizer.model.Encoding;
import java.util.SplittableRandom;

/**
 * Turns cached samples into the float buffers of one batch: inputs (N, C_in, S, S) and targets (N, C, S, S),
 * planar, with optional random crops, left-right mirroring, old-print degradation of the gray input
 * ({@link OldPrintDegradation}) and simulated hints (for encodings that take them) per sample. The cache holds the
 * pictures at a size M ≥ S ({@code TrainConfig.cachedSize}); a crop is a square window of it resampled bilinearly to
 * S, and without one the whole cached picture is (the identity when M = S). Reuses its byte buffers: one filler per
 * thread.
 */
final class BatchFiller {
    private final SampleCache samples;
    private final Encoding encoding;
    private final int cached; // M
    private final int size;   // S
    private final int pixels;
    private final byte[] cachedRgb;  // (3, M, M)
    private final byte[] cachedGray; // (M, M)
    private final byte[] rgb;  // (3, S, S)
    private final byte[] gray; // (S, S)
    private final OldPrintDegradation degradation; // null when no training picture is degraded

    /** @param degrade the share of training pictures whose gray input is degraded, in [0, 1] (0: none) */
    BatchFiller(SampleCache samples, int size, Encoding encoding, double degrade) {
        if (samples.size() < size) {
            throw new IllegalArgumentException("a cache of " + samples.size() + " px cannot fill " + size + " px");
        }
        this.samples = samples;
        this.encoding = encoding;
        this.cached = samples.size();
        this.size = size;
        this.pixels = size * size;
        this.cachedRgb = cached == size ? null : new byte[3 * cached * cached];
        this.cachedGray = cached == size ? null : new byte[cached * cached];
        this.rgb = new byte[3 * pixels];
        this.gray = new byte[pixels];
        this.degradation = degrade > 0 ? new OldPrintDegradation(degrade, size) : null;
    }

    /** The working size S of the samples. */
    int size() {
        return size;
    }

    int inputLength(int n) {
        return n * encoding.inputChannels() * pixels;
    }

    int targetLength(int n) {
        return n * encoding.outputChannels() * pixels;
    }

    /**
     * Fills inputs and targets with samples {@code order[from .. from + n)}; flips[i] mirrors sample i; hints (null
     * for none, as in validation) draws the simulated hints of an encoding that takes them; crops (null for the
     * whole picture) draws each sample's window: a side uniform in [crop, 1] of the picture's, at a uniform position;
     * degrades (null for none, as in validation; only for a filler built with a degraded share) draws the old-print
     * degradation of each sample's gray input.
     */
    void fill(int[] order, int from, int n, boolean[] flips, SplittableRandom hints, SplittableRandom crops,
              double crop, SplittableRandom degrades, float[] inputs, float[] targets) {
        int channels = encoding.outputChannels();
        int inChannels = encoding.inputChannels();
        for (int k = 0; k < n; k++) {
            int index = order[from + k];
            if (cachedRgb == null) { // M = S: no crops (a run with crops caches larger pictures)
                samples.readRgb(index, rgb);
                samples.readGray(index, gray);
            } else {
                samples.readRgb(index, cachedRgb);
                samples.readGray(index, cachedGray);
                double side = cached;
                double x0 = 0;
                double y0 = 0;
                if (crops != null) {
                    side = cached * (crop + (1 - crop) * crops.nextDouble());
                    x0 = (cached - side) * crops.nextDouble();
                    y0 = (cached - side) * crops.nextDouble();
                }
                resample(cachedRgb, 3, cached, x0, y0, side, size, rgb);
                resample(cachedGray, 1, cached, x0, y0, side, size, gray);
            }
            if (flips != null && flips[from + k]) {
                mirror(rgb, 3);
                mirror(gray, 1);
            }
            if (degrades != null) {
                degradation.apply(gray, degrades); // the input only: the targets stay the true colors
            }
            encoding.encodeInput(rgb, gray, pixels, inputs, k * inChannels * pixels);
            encoding.encodeTarget(rgb, pixels, targets, k * channels * pixels);
            if (hints != null && encoding.takesHints()) {
                HintSimulator.addHints(inputs, k * inChannels * pixels, targets, k * channels * pixels, size, hints);
            }
        }
    }

    /**
     * Bilinear resampling of the window [x0, x0 + side) × [y0, y0 + side) of each (M, M) plane of {@code source} to
     * an (S, S) plane of {@code target}: output pixel i's centre lies at x0 + (i + ½) · side / S in the source (a
     * window of side S at whole offsets is that block, exactly).
     */
    static void resample(byte[] source, int count, int cached, double x0, double y0, double side, int size,
                         byte[] target) {
        int pixels = size * size;
        double step = side / size;
        int[] left = new int[size];
        float[] right = new float[size]; // weight of left + 1
        int[] top = new int[size];
        float[] below = new float[size];
        for (int i = 0; i < size; i++) {
            double x = Math.max(0, Math.min(cached - 1, x0 + (i + 0.5) * step - 0.5));
            left[i] = Math.min(cached - 2, (int) x);
            right[i] = (float) (x - left[i]);
            double y = Math.max(0, Math.min(cached - 1, y0 + (i + 0.5) * step - 0.5));
            top[i] = Math.min(cached - 2, (int) y);
            below[i] = (float) (y - top[i]);
        }
        for (int p = 0; p < count; p++) {
            int plane = p * cached * cached;
            for (int j = 0; j < size; j++) {
                int row0 = plane + top[j] * cached;
                int row1 = row0 + cached;
                float wy = below[j];
                for (int i = 0; i < size; i++) {
                    int a = left[i];
                    float wx = right[i];
                    float upper = (source[row0 + a] & 0xFF) * (1 - wx) + (source[row0 + a + 1] & 0xFF) * wx;
                    float lower = (source[row1 + a] & 0xFF) * (1 - wx) + (source[row1 + a + 1] & 0xFF) * wx;
                    target[p * pixels + j * size + i] = (byte) Math.round(upper * (1 - wy) + lower * wy);
                }
            }
        }
    }

    /** Mirrors each row of each (S, S) plane in place. */
    private void mirror(byte[] planes, int count) {
        for (int p = 0; p < count; p++) {
            for (int y = 0; y < size; y++) {
                int row = p * pixels + y * size;
                for (int a = row, b = row + size - 1; a < b; a++, b--) {
                    byte t = planes[a];
                    planes[a] = planes[b];
                    planes[b] = t;
                }
            }
        }
    }
}
