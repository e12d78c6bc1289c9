package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResizeTest {
    @Test
    void constantImageStaysConstantAtAnySize() {
        BufferedImage flat = TestImages.solid(150, 113, 0x3A7FC1);
        int[][] sizes = {{128, 128}, {37, 91}, {150, 113}, {300, 7}, {1, 1}, {451, 260}};
        for (int[] s : sizes) {
            BufferedImage out = Resize.resize(flat, s[0], s[1]);
            assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(out.getWidth()).isEqualTo(s[0]);
            assertThat(out.getHeight()).isEqualTo(s[1]);
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    assertThat(out.getRGB(x, y) & 0xFFFFFF).as("%dx%d at %d,%d", s[0], s[1], x, y)
                        .isEqualTo(0x3A7FC1);
                }
            }
        }
    }

    @Test
    void downscaledCheckerboardAveragesToGray() {
        BufferedImage board = checkerboard(64, 64);
        for (int[] s : new int[][] {{8, 8}, {17, 17}, {40, 12}}) {
            BufferedImage out = Resize.resize(board, s[0], s[1]);
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    int p = out.getRGB(x, y);
                    // area averaging: exactly 127.5 on whole-pixel windows; fractional windows leave a small ripple
                    assertThat(p & 0xFF).as("%dx%d at %d,%d", s[0], s[1], x, y).isCloseTo(128, within(12));
                    assertThat((p >> 16) & 0xFF).isEqualTo(p & 0xFF);
                }
            }
        }
        assertThat(Resize.resize(board, 8, 8).getRGB(3, 5) & 0xFF).isBetween(127, 128);
    }

    @Test
    void sameSizeIsIdentity() {
        BufferedImage noise = TestImages.noise(13, 9, 11);
        assertThat(TestImages.planarRgb(Resize.resize(noise, 13, 9))).isEqualTo(TestImages.planarRgb(noise));
    }

    @Test
    void upscaleIsBilinearWithHalfPixelCenters() {
        BufferedImage two = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        two.setRGB(0, 0, 0x000000);
        two.setRGB(1, 0, 0xC8C8C8); // 200
        BufferedImage four = Resize.resize(two, 4, 1);
        // source x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1): 0, 50, 150, 200
        int[] expected = {0, 50, 150, 200};
        for (int x = 0; x < 4; x++) {
            assertThat(four.getRGB(x, 0) & 0xFF).isEqualTo(expected[x]);
        }
    }

    @Test
    void grayInputIsNotGammaShifted() {
        BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                gray.getRaster().setSample(x, y, 0, 100);
            }
        }
        assertThat(Resize.resize(gray, 2, 2).getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x646464);
    }

    @Test
    void planeUpsampleMatchesPytorch() {
        // F.interpolate(torch.tensor([[[[0., 1.], [2., 3.]]]]), size=(4, 4), mode="bilinear", align_corners=False)
        float[] out = Resize.resizePlane(new float[] {0, 1, 2, 3}, 2, 2, 4, 4);
        float[] torch = {
            0.00f, 0.25f, 0.75f, 1.00f,
            0.50f, 0.75f, 1.25f, 1.50f,
            1.50f, 1.75f, 2.25f, 2.50f,
            2.00f, 2.25f, 2.75f, 3.00f};
        assertThat(out).containsExactly(torch, within(1e-6f));
    }

    @Test
    void planeDownsampleMatchesPytorch() {
        // 4x4 plane 0..15 to 2x2: samples at source (0.5, 0.5), (2.5, 0.5), ... are means of 2x2 blocks
        float[] src = new float[16];
        for (int i = 0; i < 16; i++) {
            src[i] = i;
        }
        assertThat(Resize.resizePlane(src, 4, 4, 2, 2)).containsExactly(new float[] {2.5f, 4.5f, 10.5f, 12.5f},
            within(1e-6f));
        // non-square, non-integer: 3 wide to 2 wide samples x = 0.25 and 1.75 -> 0.25 and 1.75 of a ramp 0, 1, 2
        assertThat(Resize.resizePlane(new float[] {0, 1, 2}, 3, 1, 2, 1)).containsExactly(new float[] {0.25f, 1.75f},
            within(1e-6f));
    }

    @Test
    void planeConstantStaysConstant() {
        float[] flat = new float[15 * 11];
        Arrays.fill(flat, -0.375f);
        for (float v : Resize.resizePlane(flat, 15, 11, 64, 5)) {
            assertThat(v).isCloseTo(-0.375f, within(1e-6f));
        }
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> Resize.resize(TestImages.solid(2, 2, 0), 0, 3))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resize.resizePlane(new float[5], 2, 2, 4, 4))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 values");
    }

    private static BufferedImage checkerboard(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000);
            }
        }
        return img;
    }
}
