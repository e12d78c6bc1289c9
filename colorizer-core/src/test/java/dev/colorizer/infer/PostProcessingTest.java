package dev.colorizer.infer;

import static dev.colorizer.Pictures.chroma;
import static dev.colorizer.Pictures.gray;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.DjlSetup;
import dev.colorizer.Pictures;
import dev.colorizer.color.Lab;
import dev.colorizer.color.Luma;
import dev.colorizer.data.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What happens after the forward pass, pinned: the model's saturation gain, and the input's luma kept. */
class PostProcessingTest {
    private static final Path SAMPLE = Pictures.BEACH;

    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @Test
    void theDefaultGainIsTheCalibratedOneNotOne() {
        BufferedImage gray = gray(ImageFiles.readRgb(SAMPLE));
        try (Colorizer colorizer = Colorizer.load(null)) {
            double byDefault = chroma(colorizer.colorize(gray));
            double asPredicted = chroma(colorizer.withPolicy(Saturation.constant(1f)).colorize(gray));
            double half = chroma(colorizer.withPolicy(Saturation.constant(0.5f)).colorize(gray));
            assertThat(byDefault).as("the calibrated policy (max gain %.1f) adds color",
                    colorizer.policy().maxGain()).isGreaterThan(1.2 * asPredicted);
            assertThat(half).as("a constant gain scales the chroma").isCloseTo(asPredicted / 2,
                    within(0.1 * asPredicted));
        }
    }

    @Test
    void theOutputKeepsTheInputsLumaWhereSrgbClippingWouldChangeIt() {
        BufferedImage gray = gray(ImageFiles.readRgb(SAMPLE));
        try (Colorizer colorizer = Colorizer.load(null)) {
            BufferedImage strong = colorizer.with(colorizer.settings().withSaturation(2f))
                    .colorize(gray); // clips often
            int[] in = Lab.packedRgb(gray);
            int[] out = Lab.packedRgb(strong);
            int off = 0;
            for (int i = 0; i < in.length; i++) {
                off += Math.abs(Luma.of(out[i]) - Luma.of(in[i])) > 1 ? 1 : 0;
            }
            assertThat(off).as("pixels whose luma moved by more than one level, of %d", in.length)
                    .isLessThan(in.length / 40);
        }
    }
}
