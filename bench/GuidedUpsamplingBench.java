import dev.colorizer.DjlSetup;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Resize;
import dev.colorizer.eval.ImageMetrics;
import dev.colorizer.infer.ColorSettings;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.eval.Evaluation;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Guided against bilinear upsampling of the predicted a/b, at 1×, 2× and 4× the size of the 720×360 public-domain
 * originals (the larger ones made from them by bilinear enlargement): mean PSNR and SSIM against the truth, the
 * time of the post-processing, and a crop picture (gray | bilinear | guided | truth) of the first picture at 4×.
 *
 * <p>Usage (after {@code mvn -DskipTests install}):
 * <pre>
 *   java -cp colorizer-cli/target/colorize.jar bench/GuidedUpsamplingBench.java DIR [MODEL_RUN_DIR] [CROP.png] [LIMIT]
 * </pre>
 */
public final class GuidedUpsamplingBench {
    public static void main(String[] args) throws Exception {
        DjlSetup.offline();
        List<ImagePair> pairs = ImageFolder.scan(Path.of(args[0])).pairs();
        Path run = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
        Path crop = args.length > 2 ? Path.of(args[2]) : null;
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : pairs.size();
        pairs = pairs.subList(0, Math.min(limit, pairs.size()));
        try (Colorizer loaded = Colorizer.load(run)) {
            Colorizer guided = loaded.with(loaded.settings().withUpsampling(ColorSettings.Upsampling.GUIDED));
            Colorizer bilinear = loaded.with(loaded.settings().withUpsampling(ColorSettings.Upsampling.BILINEAR));
            System.out.println("scale,size,method,psnr,ssim,post_ms_per_megapixel");
            for (int scale : new int[] {1, 2, 4}) {
                double[] psnr = new double[2];
                double[] ssim = new double[2];
                double[] nanos = new double[2];
                double megapixels = 0;
                String size = "";
                for (ImagePair pair : pairs) {
                    BufferedImage original = ImageFiles.readRgb(pair.color());
                    BufferedImage truth = scale == 1 ? original
                            : Resize.resize(original, original.getWidth() * scale, original.getHeight() * scale);
                    size = truth.getWidth() + "x" + truth.getHeight();
                    BufferedImage gray = Evaluation.lumaPicture(truth);
                    Colorizer.Prepared prepared = loaded.prepare(gray);
                    float[] out = loaded.forward(List.of(prepared)).get(0);
                    megapixels += truth.getWidth() * (double) truth.getHeight() / 1e6;
                    BufferedImage[] results = new BufferedImage[2];
                    Colorizer[] modes = {bilinear, guided};
                    for (int m = 0; m < 2; m++) {
                        long t = System.nanoTime();
                        results[m] = modes[m].finish(prepared, out).colorized();
                        nanos[m] += System.nanoTime() - t;
                        psnr[m] += ImageMetrics.psnr(results[m], truth);
                        ssim[m] += ImageMetrics.ssim(results[m], truth);
                    }
                    if (crop != null && scale == 4 && pair == pairs.get(0)) {
                        writeCrop(crop, gray, results[0], results[1], truth);
                    }
                }
                for (int m = 0; m < 2; m++) {
                    System.out.printf(Locale.ROOT, "%d,%s,%s,%.3f,%.5f,%.1f%n", scale, size,
                            m == 0 ? "bilinear" : "guided", psnr[m] / pairs.size(), ssim[m] / pairs.size(),
                            nanos[m] / 1e6 / megapixels);
                }
            }
        }
    }

    // a 360×360 crop from the middle of the lower half of each picture, side by side, 2 px gaps
    private static void writeCrop(Path file, BufferedImage... pictures) {
        int side = 360;
        int x = (pictures[0].getWidth() - side) / 2;
        int y = pictures[0].getHeight() / 2 + (pictures[0].getHeight() / 2 - side) / 2;
        BufferedImage sheet = new BufferedImage(pictures.length * (side + 2) - 2, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), side);
        for (int i = 0; i < pictures.length; i++) {
            g.drawImage(pictures[i].getSubimage(x, y, side, side), i * (side + 2), 0, null);
        }
        g.dispose();
        ImageFiles.writeImage(sheet, file, OutputFormat.PNG);
        System.err.println("crop (gray | bilinear | guided | truth): " + file);
    }
}
