package dev.colorizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.color.Lab;
import dev.colorizer.color.Luma;
import org.junit.jupiter.api.Test;

class EncodingTest {
    private static final int PIXELS = 4;
    // planar (3, 2, 2): red, green, blue, gray pixels
    private static final byte[] RGB = {
        (byte) 255, 0, 0, (byte) 128,
        0, (byte) 255, 0, (byte) 128,
        0, 0, (byte) 255, (byte) 128};
    private static final byte[] GRAY = {76, (byte) 150, 29, (byte) 128};

    @Test
    void seedEncodesLightnessInAndNormalisedAbOut() {
        float[] in = new float[PIXELS];
        float[] target = new float[2 * PIXELS];
        Encoding.LAB_SEED.encodeInput(RGB, GRAY, PIXELS, in, 0);
        Encoding.LAB_SEED.encodeTarget(RGB, PIXELS, target, 0);
        float[] lab = new float[3];
        Lab.rgbToLab(0xFF0000, lab, 0);
        assertThat(in[0]).isCloseTo(lab[0] / 100f, within(1e-6f));
        assertThat(target[0]).isCloseTo((lab[1] + 128f) / 255f, within(1e-6f));
        assertThat(target[PIXELS]).isCloseTo((lab[2] + 128f) / 255f, within(1e-6f));
        // the gray pixel has a = b = 0, i.e. 128 / 255
        assertThat(target[3]).isCloseTo(128f / 255f, within(1e-4f));
        float[] ab = Encoding.LAB_SEED.decodeAb(target, 0, PIXELS);
        assertThat(ab[0]).isCloseTo(lab[1], within(1e-4f));
        assertThat(ab[PIXELS]).isCloseTo(lab[2], within(1e-4f));
    }

    @Test
    void rgbEncodesTheGrayFileInAndRgbOut() {
        float[] in = new float[PIXELS];
        float[] target = new float[3 * PIXELS];
        Encoding.RGB.encodeInput(RGB, GRAY, PIXELS, in, 0);
        Encoding.RGB.encodeTarget(RGB, PIXELS, target, 0);
        assertThat(in[1]).isCloseTo(150 / 255f, within(1e-6f));
        assertThat(target[0]).isEqualTo(1f);
        assertThat(target[PIXELS]).isEqualTo(0f);
        // a gray RGB output has no chroma
        float[] ab = Encoding.RGB.decodeAb(target, 0, PIXELS);
        assertThat(ab[3]).isCloseTo(0f, within(0.01f));
        assertThat(ab[PIXELS + 3]).isCloseTo(0f, within(0.01f));
        assertThat(Encoding.RGB.decodeRawRgb(target, 0, 2, 2).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
    }

    @Test
    void lumaIsOpenCvs() {
        assertThat(Luma.of(0xFF0000)).isEqualTo(76);
        assertThat(Luma.of(0x00FF00)).isEqualTo(150);
        assertThat(Luma.of(0x0000FF)).isEqualTo(29);
    }
}
