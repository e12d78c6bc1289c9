package dev.colorizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.color.Lab;
import dev.colorizer.color.Luma;
import java.awt.image.BufferedImage;
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

    // the shipped encodings' values, pinned: a model trained with them reads its inputs and writes its outputs so, and
    // a change here silently breaks every trained model (the bundled one included)
    @Test
    void theShippedLabEncodingsArePinned() {
        BufferedImage picture = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        int[] colors = {0x000000, 0xFF0000, 0x808080, 0xFFFFFF}; // lumas 0, 76, 128, 255
        for (int x = 0; x < 4; x++) {
            picture.setRGB(x, 0, colors[x]);
        }
        float[] lightness = {0f, 0.3231860f, 0.5358501f, 1f}; // L(luma, luma, luma) / 100
        for (Encoding encoding : new Encoding[] {Encoding.LAB_UNET, Encoding.LAB_HINTS}) {
            float[] input = new float[encoding.inputChannels() * 4];
            java.util.Arrays.fill(input, 9f);
            encoding.encodeImage(picture, input, 0);
            for (int i = 0; i < 4; i++) {
                assertThat(input[i]).as(encoding + " L of pixel " + i).isCloseTo(lightness[i], within(1e-5f));
            }
            for (int i = 4; i < input.length; i++) {
                assertThat(input[i]).as(encoding + " hint planes without hints").isZero();
            }
            // out: a/b / 128
            assertThat(encoding.decodeAb(new float[] {0.5f, -0.25f}, 0, 1)).containsExactly(64f, -32f);
        }
        float[] hinted = new float[4 * 4];
        Encoding.LAB_HINTS.putHint(hinted, 0, 4, 1, 1, 0, 3, 1, 0.25f, -0.5f); // pixels 1 and 2
        assertThat(hinted).containsExactly(0, 0, 0, 0, 0, 0.25f, 0.25f, 0, 0, -0.5f, -0.5f, 0, 0, 1, 1, 0);
    }

    @Test
    void trainingAndPredictionEncodeAPictureAlike() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int w = 8;
        int h = 6;
        int pixels = w * h;
        BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        byte[] rgb = new byte[3 * pixels]; // the training cache's planar R, G, B
        byte[] gray = new byte[pixels]; // and its gray plane: the picture's luma, as a gray photograph shows it
        for (int i = 0; i < pixels; i++) {
            int c = random.nextInt(0x1000000);
            picture.setRGB(i % w, i / w, c);
            rgb[i] = (byte) (c >> 16);
            rgb[pixels + i] = (byte) (c >> 8);
            rgb[2 * pixels + i] = (byte) c;
            gray[i] = (byte) dev.colorizer.color.Luma.of(c);
        }
        for (Encoding encoding : Encoding.values()) {
            float[] training = new float[encoding.inputChannels() * pixels];
            float[] prediction = new float[encoding.inputChannels() * pixels];
            encoding.encodeInput(rgb, gray, pixels, training, 0);
            encoding.encodeImage(picture, prediction, 0);
            assertThat(prediction).as(encoding.toString()).containsExactly(training);
        }
    }
}
