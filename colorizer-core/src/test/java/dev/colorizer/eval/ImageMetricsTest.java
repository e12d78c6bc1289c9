package dev.colorizer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageMetricsTest {
    /*
     * Produced once by scikit-image 0.19.3 (Debian python3-skimage) on the images of ssimMatchesScikitImage, written
     * to PNG from pattern(...) and noisy(...) below and read back as float64:
     * structural_similarity(a, b, channel_axis=2, data_range=255, gaussian_weights=True, sigma=1.5,
     *                       use_sample_covariance=False). Our values agreed to about 1e-14.
     */
    private static final double SKIMAGE_SSIM_150_NOISE_20 = 0.7334943609919504;
    private static final double SKIMAGE_SSIM_150_VS_SHIFTED = 0.6910460538078249;
    private static final double SKIMAGE_SSIM_64X48_NOISE_50 = 0.4163362050168127;
    private static final double SKIMAGE_TOL = 1e-9;

    /** A smooth, colourful test pattern, 0..255 per channel. */
    static BufferedImage pattern(int w, int h, int phase) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int u = x + phase;
                int r = (u * 5 + y * 3) % 256;
                int g = (int) Math.round(127.5 + 127.5 * Math.sin(u / 9.0) * Math.cos(y / 13.0));
                int b = ((u / 16 + y / 16) % 2) * 180 + 40;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /** The image plus uniform noise in [-amplitude, amplitude] per channel, clipped to 0..255. */
    static BufferedImage noisy(BufferedImage image, int amplitude, long seed) {
        Random random = new Random(seed);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int result = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int v = ((rgb >> shift) & 0xFF) + random.nextInt(2 * amplitude + 1) - amplitude;
                    result |= Math.max(0, Math.min(255, v)) << shift;
                }
                out.setRGB(x, y, result);
            }
        }
        return out;
    }

    private static BufferedImage constant(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void identicalImagesScorePerfect() {
        BufferedImage a = pattern(40, 30, 0);
        BufferedImage copy = pattern(40, 30, 0);
        assertThat(ImageMetrics.mse(a, copy)).isZero();
        assertThat(ImageMetrics.psnr(a, copy)).isEqualTo(ImageMetrics.PSNR_CAP);
        assertThat(ImageMetrics.ssim(a, copy)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void constantOffsetGivesAnalyticMseAndPsnr() {
        BufferedImage a = constant(20, 10, 0x102030);
        BufferedImage b = constant(20, 10, 0x1A2A3A); // +10 on every channel
        assertThat(ImageMetrics.mse(a, b)).isCloseTo(100.0 / (255 * 255), within(1e-15));
        assertThat(ImageMetrics.psnr(a, b)).isCloseTo(10 * Math.log10(255.0 * 255.0 / 100.0), within(1e-12));
        assertThat(ImageMetrics.psnr(a, b)).isCloseTo(28.1308, within(1e-4));
    }

    @Test
    void mseOfBlackVersusWhiteIsOne() {
        BufferedImage black = constant(3, 3, 0x000000);
        BufferedImage white = constant(3, 3, 0xFFFFFF);
        assertThat(ImageMetrics.mse(black, white)).isEqualTo(1.0);
        assertThat(ImageMetrics.psnr(black, white)).isZero();
    }

    @Test
    void psnrNeverExceedsTheCap() {
        BufferedImage a = constant(400, 400, 0x000000);
        BufferedImage b = constant(400, 400, 0x000000);
        b.setRGB(0, 0, 0x000001); // MSE 1 / 480000 would give 107 dB
        assertThat(ImageMetrics.psnr(a, b)).isEqualTo(ImageMetrics.PSNR_CAP);
    }

    @Test
    void metricsAreSymmetric() {
        BufferedImage a = pattern(50, 40, 0);
        BufferedImage b = noisy(a, 30, 7);
        assertThat(ImageMetrics.mse(a, b)).isEqualTo(ImageMetrics.mse(b, a));
        assertThat(ImageMetrics.psnr(a, b)).isEqualTo(ImageMetrics.psnr(b, a));
        assertThat(ImageMetrics.ssim(a, b)).isCloseTo(ImageMetrics.ssim(b, a), within(1e-12));
    }

    @Test
    void ssimDecreasesWithNoise() {
        BufferedImage a = pattern(60, 60, 0);
        double previous = ImageMetrics.ssim(a, a);
        for (int amplitude : new int[] {5, 15, 40, 100}) {
            double s = ImageMetrics.ssim(a, noisy(a, amplitude, 3));
            assertThat(s).as("noise %d", amplitude).isLessThan(previous);
            previous = s;
        }
        assertThat(previous).isBetween(0.0, 0.5);
    }

    @Test
    void ssimMatchesScikitImage() {
        BufferedImage a = pattern(150, 150, 0);
        assertThat(ImageMetrics.ssim(a, noisy(a, 20, 1))).isCloseTo(SKIMAGE_SSIM_150_NOISE_20, within(SKIMAGE_TOL));
        assertThat(ImageMetrics.ssim(a, pattern(150, 150, 3)))
            .isCloseTo(SKIMAGE_SSIM_150_VS_SHIFTED, within(SKIMAGE_TOL));
        BufferedImage c = pattern(64, 48, 5);
        assertThat(ImageMetrics.ssim(c, noisy(c, 50, 2))).isCloseTo(SKIMAGE_SSIM_64X48_NOISE_50, within(SKIMAGE_TOL));
    }

    @Test
    void ssimHandlesImagesSmallerThanTheWindow() {
        BufferedImage a = pattern(8, 20, 0);
        assertThat(ImageMetrics.ssim(a, a)).isCloseTo(1.0, within(1e-12));
        assertThat(ImageMetrics.ssim(a, noisy(a, 40, 4))).isBetween(0.0, 1.0);
        BufferedImage dot = constant(1, 1, 0x808080);
        assertThat(ImageMetrics.ssim(dot, dot)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void grayImageHasZeroColorfulness() {
        BufferedImage gray = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                gray.setRGB(x, y, (x * 25) * 0x010101);
            }
        }
        assertThat(ImageMetrics.colorfulness(gray)).isZero();
    }

    @Test
    void colorfulnessOfASmallCaseComputedByHand() {
        // pixels (255,0,0) and (0,0,255): rg = 255, 0 ; yb = 127.5, -255
        // mean_rg = 127.5, sd_rg = 127.5 ; mean_yb = -63.75, sd_yb = 191.25
        // sqrt(127.5^2 + 191.25^2) + 0.3 sqrt(127.5^2 + 63.75^2) = 229.8539 + 42.7648 = 272.6187
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 0, 0x0000FF);
        double expected = Math.sqrt(127.5 * 127.5 + 191.25 * 191.25) + 0.3 * Math.sqrt(127.5 * 127.5 + 63.75 * 63.75);
        assertThat(ImageMetrics.colorfulness(image)).isCloseTo(expected, within(1e-9));
        assertThat(ImageMetrics.colorfulness(image)).isCloseTo(272.6187, within(1e-4));
        // a single pure red pixel: no spread, mean rg = 255, mean yb = 127.5
        assertThat(ImageMetrics.colorfulness(constant(1, 1, 0xFF0000)))
            .isCloseTo(0.3 * Math.sqrt(255 * 255 + 127.5 * 127.5), within(1e-9));
    }

    @Test
    void differentSizesAreRejectedNamingBoth() {
        BufferedImage a = constant(4, 3, 0);
        BufferedImage b = constant(3, 4, 0);
        assertThatThrownBy(() -> ImageMetrics.mse(a, b)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("4x3").hasMessageContaining("3x4");
        assertThatThrownBy(() -> ImageMetrics.psnr(a, b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageMetrics.ssim(a, b)).isInstanceOf(IllegalArgumentException.class);
    }
}
