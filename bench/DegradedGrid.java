import dev.colorizer.eval.ComparisonGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A picture of how two models color the same degraded inputs (docs/RESULTS.md, "Degraded inputs"): one row per
 * NAME, columns degraded input | model A | model B | truth, read from a pair folder made by {@code
 * bench/DegradeGray.java} and from the {@code predicted/} folders of two {@code colorize evaluate} runs on it.
 *
 * <p>Usage: {@code java -cp colorizer-cli/target/colorize.jar bench/DegradedGrid.java PAIRS EVAL_A TITLE_A EVAL_B
 * TITLE_B OUT.png NAME...} (NAME without its extension).
 */
public final class DegradedGrid {
    public static void main(String[] args) throws IOException {
        Path pairs = Path.of(args[0]);
        Path a = Path.of(args[1]);
        Path b = Path.of(args[3]);
        List<List<BufferedImage>> rows = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            String name = args[i];
            rows.add(List.of(read(pairs.resolve("gray").resolve(name + ".png")),
                    read(a.resolve("predicted").resolve("predicted_" + name + ".png")),
                    read(b.resolve("predicted").resolve("predicted_" + name + ".png")),
                    read(pairs.resolve("color").resolve(name + ".png"))));
        }
        BufferedImage grid = ComparisonGrid.build(List.of("degraded input", args[2], args[4], "truth"), rows, 150);
        ComparisonGrid.writePng(grid, Path.of(args[5]));
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + " is not a picture ImageIO reads");
        }
        return image;
    }
}
