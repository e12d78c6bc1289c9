package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorizer.ConsoleCapture;
import dev.colorizer.Pictures;
import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.io.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --hints} and {@code evaluate --hints} through the bundled model, which takes hints. */
class HintsCommandTest {
    private static final String RED = "#d02010";

    @TempDir
    static Path dir;
    static Path inputs;

    @BeforeAll
    static void pictures() throws Exception {
        inputs = dir.resolve("in");
        BufferedImage gray = Pictures.gray(SyntheticImages.scene(64, 48, 0));
        for (String name : new String[] {"sub/a.png", "b.png"}) {
            ImageFiles.writeImage(gray, inputs.resolve(name), OutputFormat.PNG);
        }
    }

    private static ConsoleCapture cli(String... args) {
        return ConsoleCapture.run(() -> Main.run(args));
    }

    private static Path hints(Path file, String json) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    private static String redAt(int x, int y) {
        return "{\"points\": [{\"x\": " + x + ", \"y\": " + y + ", \"color\": \"" + RED + "\", \"radius\": 4}],"
                + " \"note\": \"unknown fields are ignored\"}";
    }

    // mean a* over the 5×5 square around (cx, cy)
    private static double meanA(Path picture, int cx, int cy) throws Exception {
        return Pictures.meanAb(ImageIO.read(picture.toFile()), 0, cx, cy, 2);
    }

    @Test
    void aHintsFolderMirrorsTheInputsAndInputsWithoutHintsAreAutomatic() throws Exception {
        Path folder = dir.resolve("hints");
        hints(folder.resolve("sub/a.json"), redAt(32, 24));
        hints(folder.resolve("sub/typo.png.json"), redAt(1, 1)); // no such picture: named, not used
        Path auto = dir.resolve("auto");
        Path hinted = dir.resolve("hinted");
        assertThat(cli("predict", inputs.toString(), "--out", auto.toString()).code()).isZero();
        var o = cli("predict", inputs.toString(), "--hints", folder.toString(), "--out", hinted.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("warning: " + folder.resolve("sub/typo.png.json") + " is the hints file of no "
                + "input").doesNotContain("sub/a.json is");
        assertThat(meanA(hinted.resolve("sub/a.png"), 32, 24)).as("a* under the red hint")
                .isGreaterThan(meanA(auto.resolve("sub/a.png"), 32, 24) + 5);
        assertThat(Files.readAllBytes(hinted.resolve("b.png"))).as("b has no hints file: automatic")
                .isEqualTo(Files.readAllBytes(auto.resolve("b.png")));

        // one file for one input, named by its file name
        Path single = dir.resolve("single");
        Path file = hints(dir.resolve("b-hints.json"), redAt(10, 10));
        o = cli("predict", inputs.resolve("b.png").toString(), "--hints", file.toString(), "--out", single.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(meanA(single.resolve("b.png"), 10, 10)).isGreaterThan(meanA(auto.resolve("b.png"), 10, 10) + 5);
        Path empty = hints(dir.resolve("empty.json"), "{\"points\": []}");
        Path none = dir.resolve("none");
        assertThat(cli("predict", inputs.resolve("b.png").toString(), "--hints", empty.toString(), "--out",
                none.toString()).code()).isZero();
        assertThat(Files.readAllBytes(none.resolve("b.png"))).as("an empty list: automatic")
                .isEqualTo(Files.readAllBytes(auto.resolve("b.png")));
    }

    @Test
    void badHintsStopWithExitCode2NamingTheFile() throws Exception {
        Path out = dir.resolve("bad-out");
        Path notJson = hints(dir.resolve("bad/sub/a.json"), "{\"points\": [");
        var o = cli("predict", inputs.toString(), "--hints", dir.resolve("bad").toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(notJson.toString()).contains("not JSON").doesNotContain("at dev.colorizer");
        assertThat(out).doesNotExist();

        Path outside = hints(dir.resolve("outside.json"), redAt(500, 10));
        o = cli("predict", inputs.resolve("b.png").toString(), "--hints", outside.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(outside.toString()).contains("outside the 64x48 picture");

        Path color = hints(dir.resolve("color.json"), "{\"points\": [{\"x\": 1, \"y\": 1, \"color\": \"red\"}]}");
        o = cli("predict", inputs.resolve("b.png").toString(), "--hints", color.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(color.toString()).contains("color");

        o = cli("predict", inputs.toString(), "--hints", outside.toString(), "--out", out.toString());
        assertThat(o.code()).as("one hints file for several inputs: bad usage, 64 (was 2)").isEqualTo(64);
        assertThat(o.err()).contains("one hints file").contains("folder");

        o = cli("predict", inputs.toString(), "--hints", dir.resolve("missing").toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("missing").contains("--hints");
        assertThat(out).doesNotExist();
    }

    @Test
    void evaluateScoresEachCountOfSimulatedHintsBesideGrayAndAutomatic() throws Exception {
        Path sample = dir.resolve("sample");
        Files.createDirectories(sample);
        try (var files = Files.list(BundledSample.path())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(6).toList()) {
                Files.copy(f, sample.resolve(f.getFileName()));
            }
        }
        Path out = dir.resolve("eval");
        var o = cli("evaluate", "--data", sample.toString(), "--hints", "1,5", "--seed", "3",
                "--out", out.toString(), "--grid-rows", "2", "--report-rows", "2");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode methods = Json.MAPPER.readTree(out.resolve("metrics.json").toFile()).get("methods");
        assertThat(methods.findValuesAsText("method"))
                .containsExactly("gray baseline", "model", "model + 1 hint", "model + 5 hints");
        assertThat(methods.get(3).get("psnr").asDouble()).isGreaterThan(methods.get(1).get("psnr").asDouble());
        assertThat(ImageIO.read(out.resolve("grid.png").toFile()).getWidth()).as("5 columns of 150 px")
                .isGreaterThanOrEqualTo(5 * 150);
        assertThat(cli("evaluate", "--data", sample.toString(), "--hints", "-1").code()).as("bad usage (was 2)")
                .isEqualTo(64);
    }
}
