package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.ColorizerException;
import dev.colorizer.Pictures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceColorsTest {
    private static final Colorizer bundled = dev.colorizer.BundledModel.shared();

    // gray rectangles of random levels, seeded: a texture with a layout
    private static BufferedImage blocks(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = Pictures.flat(w, h, 0x606060);
        Graphics2D g = image.createGraphics();
        for (int k = 0; k < 40; k++) {
            g.setColor(new Color(random.nextInt(40, 220) * 0x010101));
            g.fillRect(random.nextInt(w), random.nextInt(h), 3 + random.nextInt(w / 4), 3 + random.nextInt(h / 3));
        }
        g.dispose();
        return image;
    }

    @Test
    void aFlatRedReferenceTurnsAFlatGrayPictureRed() {
        BufferedImage gray = Pictures.flat(96, 64, 0x808080);
        BufferedImage red = Pictures.flat(80, 60, 0xC02818);
        BufferedImage colored = bundled.colorize(gray, ReferenceColors.hints(bundled, gray, red));
        assertThat(Pictures.meanAb(colored, 0, 48, 32, 20)).isGreaterThan(25); // a*: red
        assertThat(Pictures.meanAb(bundled.colorize(gray), 0, 48, 32, 20)).isLessThan(15);
    }

    @Test
    void aReferenceColorsWhatMatchesAndNothingOfAPictureThatDoesNot() {
        BufferedImage scene = blocks(96, 64, 1);
        BufferedImage reference = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) { // the scene mirrored, in greens
                int v = scene.getRGB(95 - x, y) & 0xFF;
                reference.setRGB(x, y, new Color(v / 2, Math.min(255, v + 30), v / 3).getRGB());
            }
        }
        // a* below zero is green: the scene turns green
        BufferedImage with = bundled.colorize(scene, ReferenceColors.hints(bundled, scene, reference));
        assertThat(Pictures.meanAb(with, 0, 48, 32, 20) - Pictures.meanAb(bundled.colorize(scene), 0, 48, 32, 20))
                .isLessThan(-8);
        // a fine checkerboard looks like nothing in the reference: no hints, the model's own colors
        BufferedImage board = Pictures.flat(96, 64, 0);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                board.setRGB(x, y, ((x / 2 + y / 2) % 2 == 0 ? 90 : 170) * 0x010101);
            }
        }
        assertThat(ReferenceColors.hints(bundled, board, reference)).isEmpty();
    }

    @Test
    void badReferencesAreRefusedNamingThem() {
        assertThatThrownBy(() -> ReferenceColors.check(Pictures.flat(100, 80, 0x777777), "gray.jpg"))
                .isInstanceOf(ColorizerException.class)
                .hasMessage("gray.jpg: the reference has no color (it is gray): give a color photograph of the same "
                        + "scene, or none");
        assertThatThrownBy(() -> ReferenceColors.check(Pictures.flat(12, 80, 0xC02818), "tiny.png"))
                .hasMessageStartingWith("tiny.png: a reference of 12×80 is too small to match");
        assertThatThrownBy(() -> ReferenceColors.checkSize(20_000, 8_000, "huge.tif"))
                .hasMessageStartingWith("huge.tif: a reference of 20000×8000 is too large");
    }
}
