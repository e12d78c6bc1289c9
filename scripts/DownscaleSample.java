import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.InputNames;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Resize;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Regenerates a sample folder (samples/free-landscapes/, samples/free-people/): the public-domain pictures of a
 * shared/data folder, downscaled to WIDTH px wide (aspect kept), with their LICENSES.tsv.
 * Run: java -cp colorizer-cli/target/colorize.jar scripts/DownscaleSample.java ../shared/data/free-landscapes samples/free-landscapes 256
 */
public class DownscaleSample {
    public static void main(String[] args) throws Exception {
        Path from = Path.of(args[0]);
        Path to = Path.of(args[1]);
        int width = Integer.parseInt(args[2]);
        Files.createDirectories(to);
        List<Path> files;
        try (var list = Files.list(from)) {
            files = list.filter(f -> InputNames.isPicture(f.getFileName().toString())).sorted().toList();
        }
        for (Path f : files) {
            BufferedImage image = ImageFiles.readRgb(f);
            int height = Math.round(image.getHeight() * (float) width / image.getWidth());
            ImageFiles.writeImage(Resize.resize(image, width, height), to.resolve(f.getFileName()), OutputFormat.JPEG);
        }
        Files.copy(from.resolve("LICENSES.tsv"), to.resolve("LICENSES.tsv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println(files.size() + " pictures -> " + to);
    }
}
