package dev.colorizer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.color.Lab;
import dev.colorizer.infer.ColorHint;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedHintsTest {
    private static final int LEFT = 0xC83C28; // red half
    private static final int RIGHT = 0x2850E0; // blue half

    // 200×100: red on the left half, blue on the right
    private static BufferedImage halves() {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                image.setRGB(x, y, x < 100 ? LEFT : RIGHT);
            }
        }
        return image;
    }

    @Test
    void hintsLieInsideAndCarryTheTrueChromaAroundThem() {
        BufferedImage truth = halves();
        float[] red = new float[3];
        float[] blue = new float[3];
        Lab.rgbToLab(LEFT, red, 0);
        Lab.rgbToLab(RIGHT, blue, 0);
        List<ColorHint> hints = SimulatedHints.draw(truth, "halves.png", 40, 7);
        assertThat(hints).hasSize(40);
        for (ColorHint hint : hints) {
            assertThat(hint.x()).isBetween(0.0, 200.0);
            assertThat(hint.y()).isBetween(0.0, 100.0);
            assertThat(Double.isNaN(hint.radius())).as("the default radius, as a click gets").isTrue();
            if (Math.abs(hint.x() - 100) > 3) { // away from the border the square sees one color
                float[] expected = hint.x() < 100 ? red : blue;
                assertThat(hint.a()).isCloseTo(expected[1], within(1e-3f));
                assertThat(hint.b()).isCloseTo(expected[2], within(1e-3f));
            }
        }
        assertThat(hints).anyMatch(h -> h.x() < 100).anyMatch(h -> h.x() > 100);
    }

    @Test
    void morehintsExtendFewerAndDependOnlyOnSeedAndName() {
        BufferedImage truth = halves();
        List<ColorHint> five = SimulatedHints.draw(truth, "a.png", 5, 3);
        assertThat(SimulatedHints.draw(truth, "a.png", 2, 3)).isEqualTo(five.subList(0, 2));
        assertThat(SimulatedHints.draw(truth, "a.png", 5, 3)).isEqualTo(five);
        assertThat(SimulatedHints.draw(truth, "b.png", 5, 3)).isNotEqualTo(five);
        assertThat(SimulatedHints.draw(truth, "a.png", 5, 4)).isNotEqualTo(five);
        assertThat(SimulatedHints.draw(truth, "a.png", 0, 3)).isEmpty();
    }
}
