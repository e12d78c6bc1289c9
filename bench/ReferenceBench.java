import dev.colorizer.DjlSetup;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.Resize;
import dev.colorizer.eval.Evaluation;
import dev.colorizer.eval.ImageMetrics;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.ReferenceColors;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * What a reference photograph is worth: on held-out color pictures (their gray given), PSNR with no reference, with
 * a reference of the same scene that is mirrored, cropped to its middle 75 % and shrunk to 70 % (nothing aligned),
 * and with a reference of another scene (the next picture of the list); beside the gray input. Prints the table,
 * how many pictures got hints from each kind of reference, the time a reference took, and writes a grid of the first
 * GRID pictures: gray | no reference | same scene (reference inset) | another scene (reference inset) | truth, and
 * one of the pictures a reference made worse by over 0.5 dB (OUT-failures.jpg).
 *
 * <pre>java -cp colorizer-cli/target/colorize.jar bench/ReferenceBench.java SKIP:COUNT GRID OUT.jpg FOLDER...</pre>
 */
public class ReferenceBench {
    public static void main(String[] args) throws Exception {
        DjlSetup.offline();
        long skip = Long.parseLong(args[0].split(":")[0]);
        long count = Long.parseLong(args[0].split(":")[1]);
        int gridRows = Integer.parseInt(args[1]);
        Path gridFile = Path.of(args[2]);
        List<Path> files = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            try (Stream<Path> list = Files.list(Path.of(args[i]))) {
                list.sorted().skip(skip).limit(count).forEach(files::add);
            }
        }
        int n = files.size();
        double gray = 0;
        double none = 0;
        double same = 0;
        double other = 0;
        int sameHinted = 0;
        int otherHinted = 0;
        int sameWorse = 0;
        int otherWorse = 0;
        long referenceNanos = 0;
        List<BufferedImage[]> rows = new ArrayList<>();
        List<BufferedImage[]> failures = new ArrayList<>(); // a reference made the picture worse by over 0.5 dB
        try (Colorizer colorizer = Colorizer.loadBundled()) {
            for (int i = 0; i < n; i++) {
                BufferedImage truth = ImageFiles.readColorTruth(files.get(i));
                BufferedImage input = Evaluation.lumaPicture(truth);
                BufferedImage sameRef = mirroredCropped(truth);
                BufferedImage otherRef = ImageFiles.readColorTruth(files.get((i + 1) % n));
                long t = System.nanoTime();
                List<ColorHint> fromSame = ReferenceColors.hints(colorizer, input, sameRef);
                referenceNanos += System.nanoTime() - t;
                List<ColorHint> fromOther = ReferenceColors.hints(colorizer, input, otherRef);
                BufferedImage plain = colorizer.colorize(input);
                BufferedImage withSame = colorizer.colorize(input, fromSame);
                BufferedImage withOther = colorizer.colorize(input, fromOther);
                double p0 = ImageMetrics.psnr(plain, truth);
                double p1 = ImageMetrics.psnr(withSame, truth);
                double p2 = ImageMetrics.psnr(withOther, truth);
                gray += ImageMetrics.psnr(input, truth);
                none += p0;
                same += p1;
                other += p2;
                sameHinted += fromSame.isEmpty() ? 0 : 1;
                otherHinted += fromOther.isEmpty() ? 0 : 1;
                sameWorse += p1 < p0 - 0.1 ? 1 : 0;
                otherWorse += p2 < p0 - 0.1 ? 1 : 0;
                BufferedImage[] row = {input, plain, inset(withSame, sameRef), inset(withOther, otherRef), truth};
                if (rows.size() < gridRows) {
                    rows.add(row);
                }
                if ((p1 < p0 - 0.5 || p2 < p0 - 0.5) && failures.size() < gridRows) {
                    failures.add(row);
                    System.out.printf(Locale.ROOT, "worse with a reference: %s (none %.2f, same scene %.2f, another "
                            + "scene %.2f dB)%n", files.get(i).getFileName(), p0, p1, p2);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d pictures; a reference took %.1f ms a picture (matching, at the working "
                + "size)%n", n, referenceNanos / 1e6 / n);
        System.out.println("| reference | PSNR (dB) | vs no reference | pictures given hints | pictures worse by > 0.1 dB |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| gray input | %.2f | %+.2f | | |%n", gray / n, (gray - none) / n);
        System.out.printf(Locale.ROOT, "| none | %.2f | | | |%n", none / n);
        System.out.printf(Locale.ROOT, "| same scene, mirrored, cropped, rescaled | %.2f | %+.2f | %d of %d | %d |%n",
                same / n, (same - none) / n, sameHinted, n, sameWorse);
        System.out.printf(Locale.ROOT, "| another scene | %.2f | %+.2f | %d of %d | %d |%n", other / n,
                (other - none) / n, otherHinted, n, otherWorse);
        writeGrid(rows, gridFile);
        if (!failures.isEmpty()) {
            String name = gridFile.getFileName().toString();
            int dot = name.lastIndexOf('.');
            writeGrid(failures, gridFile.resolveSibling(name.substring(0, dot) + "-failures" + name.substring(dot)));
        }
    }


    // the picture mirrored left-right, its middle 75 % (a little off centre), shrunk to 70 %
    static BufferedImage mirroredCropped(BufferedImage truth) {
        int w = truth.getWidth();
        int h = truth.getHeight();
        int cw = w * 3 / 4;
        int ch = h * 3 / 4;
        BufferedImage crop = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        int x0 = w / 16;
        int y0 = h / 10;
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                crop.setRGB(x, y, truth.getRGB(w - 1 - (x0 + x), y0 + y));
            }
        }
        return Resize.resize(crop, Math.max(16, cw * 7 / 10), Math.max(16, ch * 7 / 10));
    }

    // the colored picture with its reference small in the corner
    static BufferedImage inset(BufferedImage colored, BufferedImage reference) {
        BufferedImage out = new BufferedImage(colored.getWidth(), colored.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(colored, 0, 0, null);
        int iw = colored.getWidth() / 3;
        int ih = Math.max(1, reference.getHeight() * iw / reference.getWidth());
        g.drawImage(reference, colored.getWidth() - iw, 0, iw, ih, null);
        g.setColor(java.awt.Color.WHITE);
        g.drawRect(colored.getWidth() - iw, 0, iw - 1, ih - 1);
        g.dispose();
        return out;
    }

    static void writeGrid(List<BufferedImage[]> rows, Path file) throws Exception {
        int cell = 160;
        BufferedImage grid = new BufferedImage(cell * 5, cell * rows.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 5; c++) {
                BufferedImage img = rows.get(r)[c];
                int th = Math.min(cell, img.getHeight() * cell / img.getWidth());
                g.drawImage(img, c * cell, r * cell + (cell - th) / 2, cell, th, null);
            }
        }
        g.dispose();
        ImageIO.write(grid, file.toString().endsWith(".png") ? "png" : "jpg", file.toFile());
    }
}
