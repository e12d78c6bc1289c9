import dev.colorizer.data.ImageFiles;
import dev.colorizer.eval.ComparisonGrid;
import dev.colorizer.eval.Evaluation;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A picture of how several models color the same pictures: one row per picture of a folder of color pictures,
 * columns gray input | each model | truth, the models' pictures read from the {@code predicted/} folders of their
 * {@code colorize evaluate --data FOLDER} runs.
 *
 * <p>Usage: {@code java -cp colorizer-cli/target/colorize.jar bench/ModelsGrid.java OUT.png FOLDER TITLE=EVAL_DIR...
 * [-- NAME...]} (NAME: a file of FOLDER; default every picture of it, in name order).
 */
public final class ModelsGrid {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path folder = Path.of(args[1]);
        List<String> titles = new ArrayList<>(List.of("gray input"));
        List<Path> evaluations = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean listing = false;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--")) {
                listing = true;
            } else if (listing) {
                names.add(args[i]);
            } else {
                titles.add(args[i].substring(0, args[i].indexOf('=')));
                evaluations.add(Path.of(args[i].substring(args[i].indexOf('=') + 1)));
            }
        }
        if (names.isEmpty()) {
            try (var files = Files.list(folder)) {
                files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".tsv")).sorted()
                        .forEach(names::add);
            }
        }
        titles.add("truth");
        List<List<BufferedImage>> rows = new ArrayList<>();
        for (String name : names) {
            BufferedImage truth = ImageFiles.readRgb(folder.resolve(name));
            List<BufferedImage> row = new ArrayList<>(List.of(Evaluation.lumaPicture(truth)));
            String stem = name.substring(0, name.lastIndexOf('.'));
            for (Path evaluation : evaluations) {
                row.add(ImageFiles.readRgb(evaluation.resolve("predicted").resolve("predicted_" + stem + ".png")));
            }
            row.add(truth);
            rows.add(row);
        }
        ComparisonGrid.writePng(ComparisonGrid.build(titles, rows, 160), out);
        System.out.println("wrote " + out + ": " + rows.size() + " rows");
    }
}
