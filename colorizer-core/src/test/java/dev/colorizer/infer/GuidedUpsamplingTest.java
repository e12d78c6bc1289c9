package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.data.Resize;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GuidedUpsamplingTest {
    private static final int S = 16;
    private static final int FULL = 128;

    @Test
    void flatColorStaysFlat() {
        float[] ab = new float[2 * S * S];
        Arrays.fill(ab, 0, S * S, 20f);
        Arrays.fill(ab, S * S, 2 * S * S, -35f);
        float[] full = edgeLightness();
        float[] out = GuidedUpsampling.upsample(ab, Resize.resizePlaneArea(full, FULL, FULL, S, S), S, S, full, FULL,
                FULL);
        for (int i = 0; i < FULL * FULL; i++) {
            assertThat(out[i]).isCloseTo(20f, within(1e-3f));
            assertThat(out[FULL * FULL + i]).isCloseTo(-35f, within(1e-3f));
        }
    }

    @Test
    void colorFollowsTheFullResolutionEdgeBetterThanBilinear() {
        // truth: a = +40 left of a vertical edge at x = 61 (not on the low-res grid), -40 right of it; L jumps there
        float[] full = edgeLightness();
        float[] truth = new float[2 * FULL * FULL];
        for (int y = 0; y < FULL; y++) {
            for (int x = 0; x < FULL; x++) {
                truth[y * FULL + x] = x < 61 ? 40f : -40f;
            }
        }
        // what a model predicts at the working size: the truth shrunk (a blurred step)
        float[] ab = new float[2 * S * S];
        System.arraycopy(Resize.resizePlaneArea(Arrays.copyOf(truth, FULL * FULL), FULL, FULL, S, S), 0, ab, 0, S * S);
        float[] guided = GuidedUpsampling.upsample(ab, Resize.resizePlaneArea(full, FULL, FULL, S, S), S, S, full, FULL,
                FULL);
        float[] bilinear = Resize.resizePlane(Arrays.copyOf(ab, S * S), S, S, FULL, FULL);
        double guidedError = 0;
        double bilinearError = 0;
        for (int i = 0; i < FULL * FULL; i++) {
            guidedError += Math.pow(guided[i] - truth[i], 2);
            bilinearError += Math.pow(bilinear[i] - truth[i], 2);
        }
        assertThat(guidedError).as("squared error of guided vs bilinear upsampling").isLessThan(0.5 * bilinearError);
        // right at the edge the guided color already has the right sign on both sides
        assertThat(guided[40 * FULL + 59]).isPositive();
        assertThat(guided[40 * FULL + 63]).isNegative();
    }

    private static float[] edgeLightness() {
        float[] l = new float[FULL * FULL]; // L / 100: 0.3 left of x = 61, 0.7 right
        for (int y = 0; y < FULL; y++) {
            for (int x = 0; x < FULL; x++) {
                l[y * FULL + x] = x < 61 ? 0.3f : 0.7f;
            }
        }
        return l;
    }
}
