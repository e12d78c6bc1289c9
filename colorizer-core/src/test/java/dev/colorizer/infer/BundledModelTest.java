package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.DjlSetup;
import dev.colorizer.Pictures;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.eval.ImageMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pretrained model shipped in the jar loads with no network and colorizes a gray landscape. */
class BundledModelTest {
    private static final Path SAMPLE = Pictures.BEACH;

    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @Test
    void theBundledModelColorizesAGrayPhotographIntoColor() {
        assertThat(Colorizer.hasBundled()).as("the jar carries the pretrained model").isTrue();
        BufferedImage color = ImageFiles.readRgb(SAMPLE);
        BufferedImage gray = Pictures.gray(color);
        try (Colorizer colorizer = Colorizer.load(null)) {
            BufferedImage out = colorizer.colorize(gray);
            assertThat(out.getWidth()).isEqualTo(color.getWidth());
            assertThat(out.getHeight()).isEqualTo(color.getHeight());
            assertThat(ImageMetrics.colorfulness(out)).as("not gray").isGreaterThan(5.0);
        }
    }
}
