package dev.colorizer;

import dev.colorizer.color.Lab;
import dev.colorizer.eval.Evaluation;
import java.awt.image.BufferedImage;

/** What tests measure on pictures: the gray input of a color one, chroma, the largest difference. */
public final class Pictures {
    private Pictures() {}

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
}
