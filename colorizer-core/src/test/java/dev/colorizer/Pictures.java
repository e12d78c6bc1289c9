package dev.colorizer;

import dev.colorizer.color.Lab;
import dev.colorizer.eval.Evaluation;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * What tests make and measure on pictures: flat ones, the gray input of a color one, chroma, local a* and b*, the largest difference. Shared
 * with every module's tests through colorizer-core's test-jar.
 */
public final class Pictures {
    /** A public-domain color picture of the repository's samples, found from a module folder as the tests run. */
    public static final Path BEACH = Path.of(System.getProperty("colorizer.home", "../"))
            .resolve("samples/free-landscapes/beach0.jpg");

    private Pictures() {}

    /** A w × h picture of one color, 0xRRGGBB. */
    public static BufferedImage flat(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(rgb));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    /** The picture's 8-bit luma as a gray TYPE_INT_RGB picture: what the model is given. */
    public static BufferedImage gray(BufferedImage color) {
        return Evaluation.lumaPicture(color);
    }

    /** Mean CIE chroma sqrt(a² + b²) over the picture. */
    public static double chroma(BufferedImage image) {
        float[] lab = Lab.toLab(image);
        int n = lab.length / 3;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.hypot(lab[n + i], lab[2 * n + i]);
        }
        return sum / n;
    }

    /** The largest difference of any R, G or B value between two pictures of the same size. */
    public static int maxChannelDifference(BufferedImage a, BufferedImage b) {
        int[] pa = Lab.packedRgb(a);
        int[] pb = Lab.packedRgb(b);
        int max = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF)));
            }
        }
        return max;
    }

    /** Mean CIE a* (channel 0) or b* (channel 1) over the (2r + 1)² square around (cx, cy). */
    public static double meanAb(BufferedImage image, int channel, int cx, int cy, int r) {
        float[] lab = new float[3];
        double sum = 0;
        int n = 0;
        for (int y = cy - r; y <= cy + r; y++) {
            for (int x = cx - r; x <= cx + r; x++) {
                Lab.rgbToLab(image.getRGB(x, y) & 0xFFFFFF, lab, 0);
                sum += lab[1 + channel];
                n++;
            }
        }
        return sum / n;
    }
}
