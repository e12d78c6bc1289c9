package dev.colorizer.train;

import dev.colorizer.data.SampleCache;
import dev.colorizer.model.Encoding;
import java.util.SplittableRandom;

/**
 * Turns cached samples into the float buffers of one batch: inputs (N, C_in, S, S) and targets (N, C, S, S),
 * planar, with optional left-right mirroring and simulated hints (for encodings that take them) per sample. Reuses
 * its byte buffers: one filler per thread.
 */
final class BatchFiller {
    private final SampleCache samples;
    private final Encoding encoding;
    private final int size;
    private final int pixels;
    private final byte[] rgb;  // (3, S, S)
    private final byte[] gray; // (S, S)

    BatchFiller(SampleCache samples, Encoding encoding) {
        this.samples = samples;
        this.encoding = encoding;
        this.size = samples.size();
        this.pixels = size * size;
        this.rgb = new byte[3 * pixels];
        this.gray = new byte[pixels];
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
     * for none, as in validation) draws the simulated hints of an encoding that takes them.
     */
    void fill(int[] order, int from, int n, boolean[] flips, SplittableRandom hints, float[] inputs, float[] targets) {
        int channels = encoding.outputChannels();
        int inChannels = encoding.inputChannels();
        for (int k = 0; k < n; k++) {
            int index = order[from + k];
            samples.readRgb(index, rgb);
            samples.readGray(index, gray);
            if (flips != null && flips[from + k]) {
                mirror(rgb, 3);
                mirror(gray, 1);
            }
            encoding.encodeInput(rgb, gray, pixels, inputs, k * inChannels * pixels);
            encoding.encodeTarget(rgb, pixels, targets, k * channels * pixels);
            if (hints != null && encoding.takesHints()) {
                HintSimulator.addHints(inputs, k * inChannels * pixels, targets, k * channels * pixels, size, hints);
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
