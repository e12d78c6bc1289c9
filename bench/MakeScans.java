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
 * <p>Usage: {@code java bench/MakeScans.java SOURCE_DIR OUT_DIR [COUNT]}, e.g.
 * {@code java bench/MakeScans.java samples/free-landscapes /tmp/scans 40}.
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
        Random grain = new Random(42);
        double total = 0;
        for (int i = 0; i < count; i++) {
            BufferedImage picture = ImageIO.read(pictures.get(i % pictures.size()).toFile());
            double megapixels = 3 + 9.0 * i / Math.max(1, count - 1);
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
            Path file = out.resolve(String.format("scan%02d.jpg", i));
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
}
