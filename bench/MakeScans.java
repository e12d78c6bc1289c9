import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The benchmark corpus of "folders of scans" (docs/BENCHMARKS.md, predict throughput): COUNT JPEGs from 3 to 12
 * megapixels (evenly spread, 300 MP in all for 40), each a picture of SOURCE enlarged bilinearly in its own
 * proportions, with Gaussian grain of sigma 1.5 levels (seed 42) so that the codecs see film-like noise rather than
 * smooth gradients; even-numbered ones written as 8-bit gray JPEGs (scans of black-and-white prints), the others in
 * color; JPEG quality 0.9.
 *
 * <p>With {@code archive} after COUNT the sizes are instead spread like the 285 real scans of old photographs
 * (300 MP in all, median 0.6 MP): log-normal quantiles around a median of 0.6 MP, with the spread that makes the
 * total 300 MP for any COUNT scaled to 300 × COUNT / 285 (for 285: 0.05 to about 13 MP), in a shuffled order (seed 42)
 * so that a folder walk meets small and big ones mixed.
 *
 * <p>Usage: {@code java bench/MakeScans.java SOURCE_DIR OUT_DIR [COUNT [archive]]}, e.g.
 * {@code java bench/MakeScans.java samples/free-landscapes /tmp/scans 40} or
 * {@code java bench/MakeScans.java samples/free-landscapes /tmp/archive 285 archive}.
 */
public final class MakeScans {
    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        List<Path> pictures;
        try (Stream<Path> files = Files.list(source)) {
            pictures = files.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g)$")).sorted().toList();
        }
        Files.createDirectories(out);
        double[] sizes = args.length > 3 && args[3].equals("archive") ? archiveSizes(count) : evenSizes(count);
        Random grain = new Random(42);
        double total = 0;
        for (int i = 0; i < count; i++) {
            BufferedImage picture = ImageIO.read(pictures.get(i % pictures.size()).toFile());
            double megapixels = sizes[i];
            double aspect = (double) picture.getWidth() / picture.getHeight();
            int h = (int) Math.round(Math.sqrt(megapixels * 1e6 / aspect));
            int w = (int) Math.round(h * aspect);
            boolean gray = i % 2 == 0;
            BufferedImage scan = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
            var g = scan.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, w, h, null);
            g.dispose();
            var raster = scan.getRaster();
            int[] row = new int[w * raster.getNumBands()];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int k = 0; k < row.length; k++) {
                    row[k] = Math.max(0, Math.min(255, (int) Math.round(row[k] + 1.5 * grain.nextGaussian())));
                }
                raster.setPixels(0, y, w, 1, row);
            }
            Path file = out.resolve(String.format(count > 100 ? "scan%03d.jpg" : "scan%02d.jpg", i));
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(scan, null, null), param);
            } finally {
                writer.dispose();
            }
            total += w * (double) h / 1e6;
            System.out.printf("%s %dx%d %s%n", file, w, h, gray ? "gray" : "color");
        }
        System.out.printf("%d scans, %.1f MP%n", count, total);
    }

    /** Megapixels of each scan: 3 to 12, evenly spread. */
    private static double[] evenSizes(int count) {
        double[] sizes = new double[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = 3 + 9.0 * i / Math.max(1, count - 1);
        }
        return sizes;
    }

    /** Megapixels of each scan: log-normal quantiles with median 0.6, the spread bisected to a mean of 300/285. */
    private static double[] archiveSizes(int count) {
        double targetMean = 300.0 / 285;
        double low = 0, high = 3;
        for (int step = 0; step < 60; step++) {
            double sigma = (low + high) / 2;
            if (mean(quantiles(count, sigma)) < targetMean) {
                low = sigma;
            } else {
                high = sigma;
            }
        }
        double[] sizes = quantiles(count, (low + high) / 2);
        Random order = new Random(42);
        for (int i = count - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            double t = sizes[i];
            sizes[i] = sizes[j];
            sizes[j] = t;
        }
        return sizes;
    }

    private static double[] quantiles(int count, double sigma) {
        double[] sizes = new double[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = 0.6 * Math.exp(sigma * inverseNormal((i + 0.5) / count));
        }
        return sizes;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The standard normal quantile, by bisection on its CDF (erf by Abramowitz-Stegun 7.1.26, error below 1.5e-7). */
    private static double inverseNormal(double p) {
        double low = -10, high = 10;
        for (int step = 0; step < 80; step++) {
            double z = (low + high) / 2;
            if (normalCdf(z) < p) {
                low = z;
            } else {
                high = z;
            }
        }
        return (low + high) / 2;
    }

    private static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
