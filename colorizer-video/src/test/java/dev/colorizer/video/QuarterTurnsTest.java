package dev.colorizer.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class QuarterTurnsTest {
    @Test
    void turnsAreClockwiseAndUndoEachOther() {
        BufferedImage picture = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < 6; k++) {
            picture.setRGB(k % 3, k / 3, k + 1); // 1 2 3 / 4 5 6
        }
        BufferedImage once = QuarterTurns.clockwise(picture, 1); // 4 1 / 5 2 / 6 3
        assertThat(once.getWidth()).isEqualTo(2);
        assertThat(once.getHeight()).isEqualTo(3);
        assertThat(new int[] {once.getRGB(0, 0) & 0xFFFFFF, once.getRGB(1, 0) & 0xFFFFFF, once.getRGB(0, 2) & 0xFFFFFF})
                .containsExactly(4, 1, 6);
        for (int turns = 0; turns < 4; turns++) {
            BufferedImage back = QuarterTurns.clockwise(QuarterTurns.clockwise(picture, turns), (4 - turns) % 4);
            for (int k = 0; k < 6; k++) {
                assertThat(back.getRGB(k % 3, k / 3) & 0xFFFFFF).isEqualTo(k + 1);
            }
        }
    }

    @Test
    void aPhonesDisplayRotationTurnsItsFramesUpright() {
        // FFmpeg reports a portrait phone video (stored landscape, shown turned 90° clockwise) as -90
        assertThat(QuarterTurns.uprightTurns(-90)).isEqualTo(1);
        assertThat(QuarterTurns.uprightTurns(90)).isEqualTo(3);
        assertThat(QuarterTurns.uprightTurns(180)).isEqualTo(2);
        assertThat(QuarterTurns.uprightTurns(0)).isZero();
    }
}
