import dev.colorizer.DjlSetup;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.Resize;
import dev.colorizer.eval.Evaluation;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a user waits for after moving a hint: the re-colorization of a picture of about one megapixel with hints, the
 * model already loaded and the picture already decoded (as the server keeps it), split into its stages: prepare
 * (resize to the working size, hint planes), forward pass, finish (a/b gain, guided upsampling to full size, Lab to
 * sRGB). Prints the median, min and max of each over RUNS after 3 warm-up runs.
 *
 * <p>Usage (after {@code mvn -DskipTests install}):
 * <pre>
 *   java -cp colorizer-cli/target/colorize.jar bench/HintRecolorBench.java PICTURE [WIDTH HEIGHT] [RUNS]
 * </pre>
 */
public final class HintRecolorBench {
    public static void main(String[] args) throws Exception {
        DjlSetup.offline();
        int width = args.length > 2 ? Integer.parseInt(args[1]) : 1224;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 816;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        BufferedImage gray = Evaluation.lumaPicture(Resize.resize(ImageFiles.readRgb(Path.of(args[0])), width, height));
        List<ColorHint> hints = List.of(ColorHint.ofRgb(width * 0.3, height * 0.4, 0xC83C28),
                ColorHint.ofRgb(width * 0.7, height * 0.2, 0x2850E0), ColorHint.ofRgb(width * 0.5, height * 0.8, 0x30A040),
                ColorHint.ofRgb(width * 0.1, height * 0.9, 0xE0C020), ColorHint.ofRgb(width * 0.9, height * 0.6, 0x8040C0));
        try (Colorizer colorizer = Colorizer.load(null)) {
            double[][] ms = new double[4][runs]; // prepare, forward, finish, total
            for (int r = -3; r < runs; r++) {
                long t0 = System.nanoTime();
                Colorizer.Prepared prepared = colorizer.prepare(gray, hints);
                long t1 = System.nanoTime();
                float[] output = colorizer.forward(List.of(prepared)).get(0);
                long t2 = System.nanoTime();
                BufferedImage colorized = colorizer.finish(prepared, output).colorized();
                long t3 = System.nanoTime();
                if (colorized.getWidth() != width) {
                    throw new IllegalStateException("unexpected output size");
                }
                if (r >= 0) {
                    ms[0][r] = (t1 - t0) / 1e6;
                    ms[1][r] = (t2 - t1) / 1e6;
                    ms[2][r] = (t3 - t2) / 1e6;
                    ms[3][r] = (t3 - t0) / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "%dx%d (%.2f MP), %d hints, working size %d, %d runs: median ms [min, max]%n",
                    width, height, width * height / 1e6, hints.size(), colorizer.size(), runs);
            String[] names = {"prepare", "forward", "finish", "total"};
            for (int k = 0; k < 4; k++) {
                double[] v = ms[k].clone();
                Arrays.sort(v);
                System.out.printf(Locale.ROOT, "%-8s %7.1f  [%.1f, %.1f]%n", names[k], v[runs / 2], v[0], v[runs - 1]);
            }
        }
    }
}
