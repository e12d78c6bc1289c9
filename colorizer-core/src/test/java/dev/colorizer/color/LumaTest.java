package dev.colorizer.color;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class LumaTest {
    // the definition, in exact decimal arithmetic: round half up of 0.299 R + 0.587 G + 0.114 B
    private static int definition(int r, int g, int b) {
        return new BigDecimal("0.299").multiply(BigDecimal.valueOf(r)).add(new BigDecimal("0.587")
                .multiply(BigDecimal.valueOf(g))).add(new BigDecimal("0.114").multiply(BigDecimal.valueOf(b)))
                .setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    @Test
    void everyColorGetsItsDefinitionsLuma() {
        // the definition directly on a grid of colors; then all 2^24 colors through their exact weighted sum
        // 299 R + 587 G + 114 B (integers: no rounding error), each total rounded as the definition rounds
        int[] byTotal = new int[255 * 1000 + 1];
        for (int r = 0; r < 256; r++) {
            for (int g = 0; g < 256; g += 17) {
                for (int b = 0; b < 256; b += 5) {
                    assertThat(Luma.of(r << 16 | g << 8 | b)).isEqualTo(definition(r, g, b));
                }
            }
        }
        for (int t = 0; t < byTotal.length; t++) {
            byTotal[t] = new BigDecimal(t).movePointLeft(3).setScale(0, RoundingMode.HALF_UP).intValueExact();
        }
        int wrong = 0;
        for (int rgb = 0; rgb < 1 << 24; rgb++) {
            int total = 299 * (rgb >> 16) + 587 * (rgb >> 8 & 0xFF) + 114 * (rgb & 0xFF);
            wrong += Luma.of(rgb) == byTotal[total] ? 0 : 1;
        }
        assertThat(wrong).as("colors whose luma is not the definition's").isZero();
        assertThat(Luma.of(0x042810)).as("(4, 40, 16): 26.5 exactly, half up: 27 (float arithmetic gave 26)")
                .isEqualTo(27);
        assertThat(Luma.of(0xFFFFFF)).isEqualTo(255);
        assertThat(Luma.of(0xFF000000)).as("alpha ignored").isZero();
    }
}
