package dev.colorizer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.io.Json;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/model} answers: the run's name, configuration and metrics. No path of the server's disks
 * and no file names of the training data are given out.
 *
 * @param name the run folder's name
 * @param architecture e.g. {@code seed}
 * @param size the working size S it was trained at
 * @param sizes the working sizes {@code ?size=} accepts
 * @param takesHints whether {@code POST /api/colorize} takes color hints (field {@code hints}) with this model
 * @param suggests whether {@code POST /api/suggest} answers with this model: it predicts how sure it is of its colors
 * @param train the hyper-parameters
 * @param data how many training pictures, in which layout
 * @param createdAt ISO-8601 time training started
 * @param lastEpoch the last row of metrics.csv (epoch, train_mse, val_mse, ...; NaN, e.g. no validation, as null), or
 *                  null
 * @param evaluation the means of {@code colorize evaluate} (RUN_DIR/evaluation/metrics.json), or null
 */
public record ModelInfo(String name, String architecture, int size, Sizes sizes, boolean takesHints, boolean suggests,
                        TrainConfig train, Data data, String createdAt, Map<String, Number> lastEpoch,
                        JsonNode evaluation) {

    /** Working sizes: multiples of {@code multiple} from {@code min} to {@code max}. */
    public record Sizes(int min, int max, int multiple) {}

    /** The training data, without its location. */
    public record Data(String layout, int images) {}

    /** @param runDir the model's run folder, or null for the bundled model */
    static ModelInfo of(Path runDir, Colorizer colorizer) {
        RunConfig config = colorizer.config();
        if (runDir == null) {
            return new ModelInfo("bundled", colorizer.architecture().id(), colorizer.size(),
                    new Sizes(colorizer.minSize(), colorizer.maxSize(), colorizer.architecture().sizeMultiple()),
                    colorizer.takesHints(), colorizer.architecture().predictsUncertainty(), config.train(),
                    new Data(config.data().layout(), config.data().images()), config.createdAt(), null, null);
        }
        RunDir run = new RunDir(runDir);
        return new ModelInfo(runDir.toAbsolutePath().normalize().getFileName().toString(),
                colorizer.architecture().id(), colorizer.size(),
                new Sizes(colorizer.minSize(), colorizer.maxSize(), colorizer.architecture().sizeMultiple()),
                colorizer.takesHints(), colorizer.architecture().predictsUncertainty(), config.train(),
                new Data(config.data().layout(), config.data().images()), config.createdAt(),
                lastEpoch(run.metricsFile()),
                evaluation(runDir.resolve("evaluation/metrics.json")));
    }

    // metrics.csv: a header row, then one row of numbers per epoch
    private static Map<String, Number> lastEpoch(Path csv) {
        try {
            List<String> rows = Files.isRegularFile(csv) ? Files.readAllLines(csv) : List.of();
            if (rows.size() < 2) {
                return null;
            }
            String[] names = rows.get(0).split(",");
            String[] values = rows.get(rows.size() - 1).split(",");
            Map<String, Number> last = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(names.length, values.length); i++) {
                last.put(names[i], number(values[i]));
            }
            return last;
        } catch (IOException | NumberFormatException e) {
            return null; // metrics are a courtesy: a damaged file must not keep the model from serving
        }
    }

    // 7 stays 7, 0.00231 a double; an empty cell or NaN (nothing measured, e.g. no validation) becomes null
    private static Number number(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException notWhole) {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) ? d : null;
        }
    }

    // the means only: the per-picture scores and skipped files name training-machine files
    private static JsonNode evaluation(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            JsonNode report = Json.MAPPER.readTree(file.toFile());
            ObjectNode means = Json.MAPPER.createObjectNode();
            for (String field : List.of("images", "methods", "truthColorfulness")) {
                if (report.has(field)) {
                    means.set(field, report.get(field));
                }
            }
            return means;
        } catch (IOException e) {
            return null;
        }
    }
}
