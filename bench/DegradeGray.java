import dev.colorizer.color.Luma;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Pairs whose gray side looks like an old print rather than a clean luma, to see how a model holds up on inputs
 * unlike its training pictures (docs/RESULTS.md, "Degraded inputs"): OUT/color/NAME.png is the picture as it is, and
 * OUT/gray/NAME.png its 8-bit luma ({@link Luma}) degraded by MODE:
 * <ul>
 *   <li>{@code grain}: Gaussian noise of sigma 6 levels, independent per pixel;</li>
 *   <li>{@code blur}: a Gaussian blur of sigma 1.2 pixels (separable, kernel radius 4);</li>
 *   <li>{@code faded}: the tonal range squeezed to 40..215 with a gamma of 0.8 (a faded, flat print);</li>
 *   <li>{@code old}: all three, blur then fade then grain.</li>
 * </ul>
 * Seed 42 for the grain. Score with {@code colorize evaluate --data OUT}: the gray baseline is then the degraded
 * input, and the model keeps that input's lightness, so both carry the same lightness error and the difference
 * between them is the color's.
 *
 * <p>Usage: {@code java -cp colorizer-cli/target/colorize.jar bench/DegradeGray.java SOURCE_DIR OUT_DIR MODE}.
 */
public final class DegradeGray {
    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String mode = args[2];
        if (!List.of("grain", "blur", "faded", "old").contains(mode)) {
            throw new IllegalArgumentException("MODE must be grain, blur, faded or old, not " + mode);
        }
        List<Path> pictures;
        try (Stream<Path> files = Files.list(source)) {
            pictures = files.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g)$")).sorted().toList();
        }
        Files.createDirectories(out.resolve("color"));
        Files.createDirectories(out.resolve("gray"));
        Random grain = new Random(42);
        for (Path picture : pictures) {
            BufferedImage color = ImageIO.read(picture.toFile());
            int w = color.getWidth();
            int h = color.getHeight();
            double[] y = new double[w * h];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    y[r * w + c] = Luma.of(color.getRGB(c, r));
                }
            }
            if (mode.equals("blur") || mode.equals("old")) {
                y = blur(y, w, h, 1.2);
            }
            if (mode.equals("faded") || mode.equals("old")) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = 40 + 175 * Math.pow(Math.max(0, y[i]) / 255, 0.8);
                }
            }
            if (mode.equals("grain") || mode.equals("old")) {
                for (int i = 0; i < y.length; i++) {
                    y[i] += 6 * grain.nextGaussian();
                }
            }
            BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            int[] row = new int[w];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    row[c] = (int) Math.max(0, Math.min(255, Math.round(y[r * w + c])));
                }
                gray.getRaster().setPixels(0, r, w, 1, row);
            }
            String name = picture.getFileName().toString().replaceFirst("\\.[^.]+$", ".png");
            BufferedImage truth = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            truth.getGraphics().drawImage(color, 0, 0, null);
            ImageIO.write(truth, "png", out.resolve("color").resolve(name).toFile());
            ImageIO.write(gray, "png", out.resolve("gray").resolve(name).toFile());
        }
        System.out.printf("%d pairs in %s (%s)%n", pictures.size(), out, mode);
    }

    /** A separable Gaussian blur of the (h, w) plane, edges clamped. */
    private static double[] blur(double[] plane, int w, int h, double sigma) {
        int radius = 4;
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        double[] across = new double[plane.length];
        double[] down = new double[plane.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += kernel[k + radius] * plane[r * w + Math.max(0, Math.min(w - 1, c + k))];
                }
                across[r * w + c] = v;
            }
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += kernel[k + radius] * across[Math.max(0, Math.min(h - 1, r + k)) * w + c];
                }
                down[r * w + c] = v;
            }
        }
        return down;
    }
}
