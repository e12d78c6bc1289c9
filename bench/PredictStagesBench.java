import dev.colorizer.DjlSetup;
import dev.colorizer.color.Lab;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Resize;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.GuidedUpsampling;
import java.util.List;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where {@code colorize predict} spends its time on big pictures: each stage of one picture after the other, in ms
 * per megapixel, summed over the given pictures after one warm-up pass over the first: read (decode to
 * TYPE_INT_RGB), prepare (resize to the working size), forward (batch 1: a fixed cost per picture, shown per MP),
 * finish (the whole post-processing: {@link Colorizer#finish}), and, timed again on their own through the public API
 * that both the old and the new release have, the lightness plane, the guided upsampling to (2, H, W) planes and
 * a per-pixel {@link Lab#labToRgb} loop; "luma+rest" is finish minus those three (the luma restoration and
 * allocations; negative where finish fuses them); then writing PNG and JPEG (to a temp folder, deleted). A stage
 * that runs in parallel row bands (this release's lightness plane and finish) uses every core.
 *
 * <p>Usage (after {@code mvn -DskipTests install}):
 * <pre>
 *   java -cp colorizer-cli/target/colorize.jar bench/PredictStagesBench.java PICTURE...
 * </pre>
 */
public final class PredictStagesBench {
    private static final String[] STAGES = {"read", "prepare", "forward", "finish", "  lightness", "  guided",
        "  fromLab", "  luma+rest", "write png", "write jpg"};

    public static void main(String[] args) throws Exception {
        DjlSetup.offline();
        Path tmp = Files.createTempDirectory("stages");
        double[] ns = new double[STAGES.length];
        double megapixels = 0;
        try (Colorizer colorizer = Colorizer.load(null)) {
            int s = colorizer.size();
            for (int k = -1; k < args.length; k++) {
                boolean warmup = k < 0;
                Path file = Path.of(args[Math.max(0, k)]);
                long[] t = new long[STAGES.length];
                long t0 = System.nanoTime();
                BufferedImage image = ImageFiles.readRgb(file);
                long t1 = System.nanoTime();
                Colorizer.Prepared prepared = colorizer.prepare(image);
                long t2 = System.nanoTime();
                float[] output = colorizer.forward(List.of(prepared)).get(0);
                long t3 = System.nanoTime();
                BufferedImage colorized = colorizer.finish(prepared, output).colorized();
                long t4 = System.nanoTime();
                int w = image.getWidth();
                int h = image.getHeight();
                float[] l = Lab.lightnessPlane(image); // (H, W), L in [0, 100]
                long t5 = System.nanoTime();
                float[] guide = new float[l.length]; // L / 100, as Colorizer builds it
                for (int i = 0; i < l.length; i++) {
                    guide[i] = l[i] / Lab.L_MAX;
                }
                float[] ab = new float[2 * s * s]; // flat gray a/b: the cost does not depend on the values
                float[] full = GuidedUpsampling.upsample(ab, Resize.resizePlaneArea(guide, w, h, s, s), s, s, guide, w, h);
                long t6 = System.nanoTime();
                int[] rgb = new int[w * h];
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = Lab.labToRgb(l[i], full[i], full[w * h + i]);
                }
                long t7 = System.nanoTime();
                ImageFiles.writeImage(colorized, tmp.resolve("out.png"), OutputFormat.PNG);
                long t8 = System.nanoTime();
                ImageFiles.writeImage(colorized, tmp.resolve("out.jpg"), OutputFormat.JPEG);
                long t9 = System.nanoTime();
                if (warmup) {
                    continue;
                }
                long[] d = {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6,
                    (t4 - t3) - (t7 - t4), t8 - t7, t9 - t8};
                for (int i = 0; i < d.length; i++) {
                    ns[i] += d[i];
                }
                megapixels += w * (double) h / 1e6;
            }
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(tmp);
        }
        System.out.printf(Locale.ROOT, "%d pictures, %.1f MP%n", args.length, megapixels);
        for (int i = 0; i < STAGES.length; i++) {
            System.out.printf(Locale.ROOT, "%-12s %7.1f ms/MP%n", STAGES[i], ns[i] / 1e6 / megapixels);
        }
    }
}
