import dev.colorizer.DjlSetup;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.eval.Evaluation;
import dev.colorizer.eval.ImageMetrics;
import dev.colorizer.eval.SimulatedHints;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.Suggestions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a click is worth where `colorize suggest` points, against a click at random: on held-out color pictures (their
 * gray given), PSNR with N hints at the suggested points and with N at random points (`evaluate --hints`'s draw,
 * seed 1), each hint holding the true mean chroma around its point, for N = 1, 3, 5, 10; beside no hints and the gray
 * input. The bundled model at its default settings.
 *
 * <pre>java -cp colorizer-cli/target/colorize.jar bench/SuggestBench.java SKIP:COUNT FOLDER...</pre>
 * (each folder's pictures in name order, the first SKIP left out, the next COUNT taken)
 */
public class SuggestBench {
    public static void main(String[] args) throws Exception {
        DjlSetup.offline();
        long skip = Long.parseLong(args[0].split(":")[0]);
        long perFolder = Long.parseLong(args[0].split(":")[1]);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try (Stream<Path> list = Files.list(Path.of(args[i]))) {
                list.sorted().skip(skip).limit(perFolder).forEach(files::add);
            }
        }
        int[] counts = {1, 3, 5, 10};
        double gray = 0;
        double none = 0;
        double[] suggested = new double[counts.length];
        double[] random = new double[counts.length];
        try (Colorizer colorizer = Colorizer.loadBundled()) {
            for (Path file : files) {
                BufferedImage truth = ImageFiles.readColorTruth(file);
                BufferedImage input = Evaluation.lumaPicture(truth);
                gray += ImageMetrics.psnr(input, truth);
                none += ImageMetrics.psnr(colorizer.colorize(input), truth);
                for (int k = 0; k < counts.length; k++) {
                    List<ColorHint> mine = Suggestions.suggest(colorizer, input, counts[k]).stream()
                            .map(p -> SimulatedHints.at(truth, p.x(), p.y())).toList();
                    suggested[k] += ImageMetrics.psnr(colorizer.colorize(input, mine), truth);
                    List<ColorHint> drawn = SimulatedHints.draw(truth, file.getFileName().toString(), counts[k], 1);
                    random[k] += ImageMetrics.psnr(colorizer.colorize(input, drawn), truth);
                }
            }
        }
        int n = files.size();
        System.out.printf(Locale.ROOT, "%d pictures: gray input %.2f dB, no hints %.2f dB%n", n, gray / n, none / n);
        System.out.println("| hints | at random points | at suggested points | suggested − random |");
        System.out.println("|---:|---:|---:|---:|");
        for (int k = 0; k < counts.length; k++) {
            System.out.printf(Locale.ROOT, "| %d | %.2f (%+.2f) | %.2f (%+.2f) | %+.2f |%n", counts[k], random[k] / n,
                    (random[k] - none) / n, suggested[k] / n, (suggested[k] - none) / n, (suggested[k] - random[k]) / n);
        }
    }
}
