import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Links a run's held-out pictures (its validation split) into one folder per data folder, OUT/LABEL/NAME -> the
 * picture, so that any model can be scored on exactly the pictures that run never trained on, folder by folder:
 * `colorize evaluate --model M --data OUT/people`. The links point into ../shared; nothing is copied.
 * Run: java -cp colorizer-cli/target/colorize.jar scripts/HeldOut.java RUN_DIR OUT
 */
public class HeldOut {
    public static void main(String[] args) throws Exception {
        JsonNode config = new ObjectMapper().readTree(Path.of(args[0], "config.json").toFile());
        Path out = Path.of(args[1]);
        Map<String, Path> folders = new HashMap<>();
        for (JsonNode source : config.get("data").get("sources")) {
            folders.put(source.get("label").asText(), Path.of(source.get("path").asText()));
        }
        Map<String, Integer> linked = new java.util.TreeMap<>();
        for (JsonNode name : config.get("validationNames")) {
            String label = name.asText().substring(0, name.asText().indexOf('/'));
            String rest = name.asText().substring(label.length() + 1);
            Path link = out.resolve(label).resolve(rest);
            Files.createDirectories(link.getParent());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, folders.get(label).resolve(rest).toAbsolutePath());
            }
            linked.merge(label, 1, Integer::sum);
        }
        linked.forEach((label, n) -> System.out.println(n + " held-out pictures -> " + out.resolve(label)));
    }
}
