package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.DjlSetup;
import dev.colorizer.Pictures;
import dev.colorizer.color.Lab;
import dev.colorizer.color.Luma;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.Resize;
import java.util.List;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Colorizer#finish} (lightness table, fused row bands, table-driven sRGB encoding) against a straightforward
 * reference written from the definitions, on a real picture through the bundled model: every channel of every pixel
 * within one 8-bit level, in both upsampling modes, for a color and a gray input.
 */
class FastDecodeTest {
    private static final Path SAMPLE = Pictures.BEACH;

    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @Test
    void decodeMatchesTheReferenceWithinOneLevel() {
        BufferedImage color = Resize.resize(ImageFiles.readRgb(SAMPLE), 1100, 733); // several bands, odd sizes
        BufferedImage gray = new BufferedImage(1100, 733, BufferedImage.TYPE_BYTE_GRAY);
        int[] px = Lab.packedRgb(color);
        int[] g = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            g[i] = Luma.of(px[i]);
        }
        gray.getRaster().setSamples(0, 0, 1100, 733, 0, g);
        try (Colorizer loaded = Colorizer.load(null)) {
            for (ColorSettings.Upsampling mode : ColorSettings.Upsampling.values()) {
                Colorizer colorizer = loaded.with(loaded.settings().withUpsampling(mode));
                for (BufferedImage image : new BufferedImage[] {color, gray}) {
                    Colorizer.Prepared prepared = colorizer.prepare(image);
                    float[] outputs = colorizer.forward(List.of(prepared)).get(0);
                    BufferedImage fast = colorizer.finish(prepared, outputs).colorized();
                    int[] expected = reference(colorizer, image, outputs);
                    int[] actual = Lab.packedRgb(fast);
                    int worst = 0;
                    int differing = 0;
                    for (int i = 0; i < expected.length; i++) {
                        int d = 0;
                        for (int shift = 0; shift <= 16; shift += 8) {
                            d = Math.max(d, Math.abs((expected[i] >> shift & 0xFF) - (actual[i] >> shift & 0xFF)));
                        }
                        worst = Math.max(worst, d);
                        differing += d > 0 ? 1 : 0;
                    }
                    assertThat(worst).as("%s, %s input: max channel difference", mode,
                            image.getType() == BufferedImage.TYPE_BYTE_GRAY ? "gray" : "color").isLessThanOrEqualTo(1);
                    assertThat(differing).as("pixels off by one level").isLessThan(expected.length / 100);
                }
            }
        }
    }

    // the post-processing written plainly: a/b gain per pixel, L by the full conversion of each pixel, guided (or
    // bilinear) upsampling to whole (2, H, W) planes, Lab -> sRGB with pow, luma restored pixel by pixel
    private static int[] reference(Colorizer colorizer, BufferedImage image, float[] outputs) {
        int w = image.getWidth();
        int h = image.getHeight();
        WorkingShape shape = colorizer.shapeOf(image);
        int sw = shape.width();
        int sh = shape.height();
        int pixels = shape.pixels();
        float[] ab = colorizer.architecture().encoding().decodeAb(outputs, 0, pixels);
        Saturation saturation = colorizer.policy();
        int logVariance = colorizer.architecture().encoding().outputChannels() * pixels;
        for (int k = 0; k < pixels; k++) {
            float gain = colorizer.settings().saturation() * (saturation.confidenceDependent()
                    ? saturation.gain(outputs[logVariance + k]) : saturation.maxGain());
            ab[k] *= gain;
            ab[pixels + k] *= gain;
        }
        int[] in = new int[w * h];
        float[] l = new float[w * h];
        float[] lab = new float[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getType() == BufferedImage.TYPE_BYTE_GRAY
                        ? image.getRaster().getSample(x, y, 0) * 0x010101 : image.getRGB(x, y) & 0xFFFFFF;
                in[y * w + x] = p;
                Lab.rgbToLab(p, lab, 0);
                l[y * w + x] = lab[0];
            }
        }
        float[] full;
        if (colorizer.settings().upsampling() == ColorSettings.Upsampling.GUIDED) {
            float[] guide = new float[w * h];
            for (int i = 0; i < guide.length; i++) {
                guide[i] = l[i] / 100f;
            }
            full = GuidedUpsampling.upsample(ab, Resize.resizePlaneArea(guide, w, h, sw, sh), sw, sh, guide, w, h);
        } else {
            full = new float[2 * w * h];
            for (int c = 0; c < 2; c++) {
                float[] plane = Resize.resizePlane(Arrays.copyOfRange(ab, c * pixels, (c + 1) * pixels), sw, sh, w, h);
                System.arraycopy(plane, 0, full, c * w * h, w * h);
            }
        }
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            int rgb = srgb(l[i], full[i], full[w * h + i]);
            int r = rgb >> 16 & 0xFF;
            int gg = rgb >> 8 & 0xFF;
            int b = rgb & 0xFF;
            double delta = Luma.of(in[i]) - (0.299 * r + 0.587 * gg + 0.114 * b);
            out[i] = clip(r + delta) << 16 | clip(gg + delta) << 8 | clip(b + delta);
        }
        return out;
    }

    // CIE Lab (D65) -> 8-bit sRGB: f^-1, the inverse of the sRGB -> XYZ matrix, the sRGB curve with pow
    private static int srgb(double l, double a, double b) {
        double fy = (l + 16) / 116;
        double[] f = {fy + a / 500, fy, fy - b / 200};
        double[] white = {0.9504700, 1.0000001, 1.0888300};
        double[] xyz = new double[3];
        for (int c = 0; c < 3; c++) {
            xyz[c] = white[c] * (f[c] > 6.0 / 29 ? f[c] * f[c] * f[c] : 3 * (6.0 / 29) * (6.0 / 29) * (f[c] - 4.0 / 29));
        }
        double[][] inv = {{3.2404542, -1.5371385, -0.4985314}, {-0.9692660, 1.8760108, 0.0415560},
            {0.0556434, -0.2040259, 1.0572252}};
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            double lin = inv[c][0] * xyz[0] + inv[c][1] * xyz[1] + inv[c][2] * xyz[2];
            double v = lin <= 0.0031308 ? 12.92 * lin : 1.055 * Math.pow(lin, 1 / 2.4) - 0.055;
            rgb = rgb << 8 | clip(v * 255);
        }
        return rgb;
    }

    private static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.floor(v + 0.5)));
    }
}
