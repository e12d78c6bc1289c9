import dev.colorizer.color.Lab;
import dev.colorizer.data.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How face crops are colored: the mean a/b of each crop's middle (the central 40 % of its width and height, pixels of
 * lightness 20..90 only: cheeks and nose, not hair, eyes or highlights), as a hue angle atan2(b, a) and a chroma.
 * A face counts as skin-colored when its hue is 35..65° (where real skin sits) at a chroma of 5 or more (not gray).
 * Prints, for the model's outputs and for the truth: that share, and the median hue and chroma.
 * Run on `colorize evaluate --data FACES --out E`:
 *   java -cp colorizer-cli/target/colorize.jar scripts/FaceHue.java E/predicted FACES
 */
public class FaceHue {
    public static void main(String[] args) throws Exception {
        Path predicted = Path.of(args[0]);
        Path truth = Path.of(args[1]);
        List<double[]> model = new ArrayList<>();
        List<double[]> real = new ArrayList<>();
        try (var files = Files.list(truth)) {
            for (Path t : files.sorted().toList()) {
                String name = t.getFileName().toString();
                Path p = predicted.resolve("predicted_" + name.substring(0, name.lastIndexOf('.')) + ".png");
                if (!Files.exists(p)) {
                    continue;
                }
                model.add(hueChroma(ImageFiles.readRgb(p)));
                real.add(hueChroma(ImageFiles.readRgb(t)));
            }
        }
        System.out.printf(Locale.ROOT, "%d faces%n", model.size());
        print("model", model);
        print("truth", real);
    }

    private static void print(String what, List<double[]> faces) {
        long skin = faces.stream().filter(f -> f[0] >= 35 && f[0] <= 65 && f[1] >= 5).count();
        List<Double> hues = new ArrayList<>(faces.stream().filter(f -> f[1] >= 5).map(f -> f[0]).toList());
        List<Double> chromas = new ArrayList<>(faces.stream().map(f -> f[1]).toList());
        System.out.printf(Locale.ROOT, "%-6s skin-colored %5.1f %%, median hue %5.1f° (of chroma >= 5), median chroma %5.1f%n",
                what, 100.0 * skin / faces.size(), median(hues), median(chromas));
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    // {hue in degrees, chroma} of the mean a/b of the crop's middle
    private static double[] hueChroma(BufferedImage image) {
        float[] lab = new float[3];
        double a = 0;
        double b = 0;
        int n = 0;
        int w = image.getWidth();
        int h = image.getHeight();
        for (int y = h * 3 / 10; y < h * 7 / 10; y++) {
            for (int x = w * 3 / 10; x < w * 7 / 10; x++) {
                Lab.rgbToLab(image.getRGB(x, y) & 0xFFFFFF, lab, 0);
                if (lab[0] >= 20 && lab[0] <= 90) {
                    a += lab[1];
                    b += lab[2];
                    n++;
                }
            }
        }
        a /= Math.max(1, n);
        b /= Math.max(1, n);
        double hue = Math.toDegrees(Math.atan2(b, a));
        return new double[] {hue < 0 ? hue + 360 : hue, Math.hypot(a, b)};
    }
}
