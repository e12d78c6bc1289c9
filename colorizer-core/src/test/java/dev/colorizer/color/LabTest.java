package dev.colorizer.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabTest {
    private static final float TOL = 0.05f;

    private static float[] lab(int r, int g, int b) {
        float[] lab = new float[3];
        Lab.rgbToLab((r << 16) | (g << 8) | b, lab, 0);
        return lab;
    }

    private static void assertLab(int r, int g, int b, double l, double a, double bb) {
        float[] lab = lab(r, g, b);
        assertThat(lab[0]).as("L of (%d,%d,%d)", r, g, b).isCloseTo((float) l, within(TOL));
        assertThat(lab[1]).as("a of (%d,%d,%d)", r, g, b).isCloseTo((float) a, within(TOL));
        assertThat(lab[2]).as("b of (%d,%d,%d)", r, g, b).isCloseTo((float) bb, within(TOL));
    }

    @Test
    void sixteenBitGraysHaveTheLightnessOfTheirEightBitCodesAndComeBackFromLab() {
        for (int g = 0; g < 256; g++) {
            assertThat(Lab.lightness16(g * 257)).as("gray %d", g).isCloseTo(Lab.lightness(g), within(1e-4f));
        }
        int[] rgb = new int[3];
        for (int g16 = 0; g16 <= 65535; g16 += 97) { // neutral: a = b = 0, back to the same 16-bit code
            Lab.labToRgb16(Lab.lightness16(g16), 0, 0, rgb);
            assertThat(rgb[0]).as("gray %d", g16).isCloseTo(g16, within(2));
            assertThat(rgb[1]).isEqualTo(rgb[0]);
            assertThat(rgb[2]).isEqualTo(rgb[0]);
        }
        int red = Lab.labToRgb(53.24f, 80.09f, 67.20f); // sRGB red
        Lab.labToRgb16(53.24f, 80.09f, 67.20f, rgb);
        assertThat(rgb[0] / 257.0).isCloseTo(red >> 16 & 0xFF, within(0.6));
        assertThat(rgb[1] / 257.0).isCloseTo(red >> 8 & 0xFF, within(0.6));
        assertThat(rgb[2] / 257.0).isCloseTo(red & 0xFF, within(0.6));
    }

    @Test
    void matchesPublishedReferenceValues() {
        // sRGB D65 reference values as tabulated by Bruce Lindbloom's / EasyRGB's calculators
        assertLab(255, 255, 255, 100, 0, 0);
        assertLab(0, 0, 0, 0, 0, 0);
        assertLab(255, 0, 0, 53.24, 80.09, 67.20);
        assertLab(0, 255, 0, 87.73, -86.18, 83.18);
        assertLab(0, 0, 255, 32.30, 79.19, -107.86);
        assertLab(0, 255, 255, 91.11, -48.09, -14.13);
        assertLab(255, 0, 255, 60.32, 98.23, -60.82);
        assertLab(255, 255, 0, 97.14, -21.55, 94.48);
        assertLab(128, 128, 128, 53.59, 0, 0);
        assertLab(128, 0, 0, 25.53, 48.06, 38.06);
        assertLab(0, 0, 128, 12.97, 47.51, -64.70);
    }

    @Test
    void whiteIsExactlyNeutral() {
        float[] white = lab(255, 255, 255);
        assertThat(white[1]).isCloseTo(0f, within(1e-4f));
        assertThat(white[2]).isCloseTo(0f, within(1e-4f));
    }

    @Test
    void writesAtOffsetAndIgnoresAlpha() {
        float[] lab = new float[5];
        Lab.rgbToLab(0xFF_FF0000, lab, 2);
        assertThat(lab[0]).isZero();
        assertThat(lab[1]).isZero();
        assertThat(lab[2]).isCloseTo(53.24f, within(TOL));
        assertThat(lab[3]).isCloseTo(80.09f, within(TOL));
    }

    @Test
    void roundTripIsExactOverRandomColours() {
        Random random = new Random(42);
        float[] lab = new float[3];
        for (int i = 0; i < 200_000; i++) {
            int rgb = random.nextInt(1 << 24);
            Lab.rgbToLab(rgb, lab, 0);
            int back = Lab.labToRgb(lab[0], lab[1], lab[2]);
            for (int shift = 0; shift <= 16; shift += 8) {
                int expected = (rgb >> shift) & 0xFF;
                int actual = (back >> shift) & 0xFF;
                assertThat(Math.abs(actual - expected)).as("channel %d of %06x -> %06x", shift, rgb, back)
                    .isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void roundTripOfGraysAndPrimariesIsExact() {
        float[] lab = new float[3];
        int[] colours = {0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0x808080, 0x010101, 0xFEFEFE};
        for (int rgb : colours) {
            Lab.rgbToLab(rgb, lab, 0);
            assertThat(Lab.labToRgb(lab[0], lab[1], lab[2])).isEqualTo(rgb);
        }
    }

    @Test
    void labToRgbClipsOutOfGamut() {
        assertThat(Lab.labToRgb(100, 0, 0)).isEqualTo(0xFFFFFF);
        assertThat(Lab.labToRgb(150, 0, 0)).isEqualTo(0xFFFFFF);
        assertThat(Lab.labToRgb(-10, 0, 0)).isEqualTo(0x000000);
        int saturated = Lab.labToRgb(50, 127, 127); // far outside sRGB: every channel stays in 0..255
        assertThat(saturated & ~0xFFFFFF).isZero();
        assertThat((saturated >> 16) & 0xFF).isEqualTo(255);
    }

    @Test
    void grayLightnessTableMatchesFullConversion() {
        for (int g = 0; g < 256; g++) {
            assertThat(Lab.lightness(g)).isEqualTo(lab(g, g, g)[0]);
        }
        assertThat(Lab.lightness(0)).isZero();
        assertThat(Lab.lightness(255)).isCloseTo(100f, within(1e-4f));
    }

    @Test
    void planarConversionsMatchPerPixel() {
        int w = 7;
        int h = 5;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        image.setRGB(3, 2, 0x404040); // one gray pixel for the table path
        float[] planes = Lab.toLab(image);
        float[] l = Lab.lightnessPlane(image);
        assertThat(planes).hasSize(3 * w * h);
        assertThat(l).hasSize(w * h);
        int n = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float[] expected = new float[3];
                Lab.rgbToLab(image.getRGB(x, y), expected, 0);
                assertThat(new float[] {planes[i], planes[n + i], planes[2 * n + i]}).containsExactly(expected);
                assertThat(l[i]).isCloseTo(expected[0], within(1e-3f)); // the table: see below
            }
        }
    }

    @Test
    void grayImagesAreReadAsEncodedGray() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 128);
        gray.getRaster().setSample(1, 0, 0, 50);
        assertThat(Lab.lightnessPlane(gray)).containsExactly(Lab.lightness(128), Lab.lightness(50));
        assertThat(Lab.packedRgb(gray)).containsExactly(0x808080, 0x323232);

        BufferedImage gray16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(0, 0, 0, 128 * 257);
        assertThat(Lab.packedRgb(gray16)).containsExactly(0x808080);
    }

    @Test
    void lightnessPlaneIsWithinATenThousandthOfTheFullConversionOnEvery8BitColor() {
        BufferedImage all = new BufferedImage(4096, 4096, BufferedImage.TYPE_INT_RGB); // 2^24 pixels, one per color
        int[] px = ((java.awt.image.DataBufferInt) all.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        float[] l = Lab.lightnessPlane(all);
        float[] lab = new float[3];
        double worst = 0;
        for (int i = 0; i < px.length; i++) {
            Lab.rgbToLab(i, lab, 0);
            worst = Math.max(worst, Math.abs(l[i] - lab[0]));
        }
        // the interpolated f table's bound is 5e-4 (Lab); one 8-bit level is about 0.4 L units
        assertThat(worst).isLessThan(5e-4);
    }

    @Test
    void labToRgbRoundsExactlyAsTheSrgbCurveOverRandomLab() {
        Random random = new Random(7);
        for (int i = 0; i < 500_000; i++) {
            float l = random.nextFloat() * 110 - 5;
            float a = random.nextFloat() * 260 - 130;
            float b = random.nextFloat() * 260 - 130;
            assertThat(Lab.labToRgb(l, a, b)).as("Lab (%f, %f, %f)", l, a, b).isEqualTo(referenceLabToRgb(l, a, b));
        }
    }

    // the textbook conversion in doubles: CIE f^-1, the XYZ -> linear sRGB matrix inverted numerically, the sRGB
    // curve with pow, rounded half up and clipped
    private static int referenceLabToRgb(float l, float a, float b) {
        double[][] m = {{0.4124564, 0.3575761, 0.1804375}, {0.2126729, 0.7151522, 0.0721750},
            {0.0193339, 0.1191920, 0.9503041}};
        double[] white = {m[0][0] + m[0][1] + m[0][2], m[1][0] + m[1][1] + m[1][2], m[2][0] + m[2][1] + m[2][2]};
        double fy = (l + 16.0) / 116.0;
        double[] f = {fy + a / 500.0, fy, fy - b / 200.0};
        double[] xyz = new double[3];
        for (int c = 0; c < 3; c++) {
            double t = f[c];
            xyz[c] = white[c] * (t > 6.0 / 29 ? t * t * t : 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0 / 29));
        }
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inv = {
            {(m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det, (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det,
                (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det},
            {(m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det,
                (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det},
            {(m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det, (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det,
                (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det}};
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            double lin = inv[c][0] * xyz[0] + inv[c][1] * xyz[1] + inv[c][2] * xyz[2];
            double v = lin <= 0.0031308 ? 12.92 * lin : 1.055 * Math.pow(lin, 1 / 2.4) - 0.055;
            rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.floor(v * 255 + 0.5)));
        }
        return rgb;
    }

    @Test
    void normalisationsInvertEachOther() {
        assertThat(Lab.normalizeL(0f)).isZero();
        assertThat(Lab.normalizeL(100f)).isEqualTo(1f);
        assertThat(Lab.normalizeAbSeed(-128f)).isZero();
        assertThat(Lab.normalizeAbSeed(127f)).isEqualTo(1f);
        assertThat(Lab.denormalizeAbSeed(0f)).isEqualTo(-128f);
        assertThat(Lab.denormalizeAbSeed(1f)).isEqualTo(127f);
        for (float ab = -128f; ab <= 127f; ab += 0.37f) {
            assertThat(Lab.denormalizeAbSeed(Lab.normalizeAbSeed(ab))).isCloseTo(ab, within(1e-4f));
        }
        for (float v = 0f; v <= 1f; v += 0.01f) {
            assertThat(Lab.normalizeAbSeed(Lab.denormalizeAbSeed(v))).isCloseTo(v, within(1e-6f));
        }
    }
}
