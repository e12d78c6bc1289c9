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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end on a tiny generated dataset: train, resume, evaluate, predict, and the exit codes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path run;

    @BeforeAll
    static void dataset() throws Exception {
        data = dir.resolve("dataset");
        run = dir.resolve("run");
        for (int i = 0; i < 10; i++) { // (24 + i)×24, color/ and gray/ pairs
            BufferedImage color = SyntheticImages.scene(24 + i, 24, i);
            ImageFiles.writeImage(color, data.resolve("color/" + i + ".png"), OutputFormat.PNG);
            ImageFiles.writeImage(Pictures.gray(color), data.resolve("gray/" + i + ".png"), OutputFormat.PNG);
        }
    }

    private static ConsoleCapture cli(String... args) {
        return ConsoleCapture.run(() -> Main.run(args));
    }

    @Test
    @Order(1)
    void trainWritesARunFolder() throws Exception {
        var o = cli("train", "--data", data.toString(), "--out", run.toString(), "--arch", "unet", "--epochs", "2",
                "--size", "16", "--batch", "4", "--lr", "1e-3", "--flip");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3).first().asString().startsWith("epoch,");
        assertThat(ImageIO.read(run.resolve("loss.png").toFile())).isNotNull();
        JsonNode config = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertThat(config.at("/train/model").asText()).isEqualTo("unet");
        assertThat(config.at("/train/seed").asLong()).isEqualTo(42);
        assertThat(config.at("/data/layout").asText()).isEqualTo("PAIRED");
        assertThat(config.at("/validationNames").size()).isEqualTo(1);
        assertThat(config.at("/trainNames").size()).isEqualTo(9);
        assertThat(run.resolve("checkpoints/epoch-0002/model.params")).exists();
    }

    @Test
    @Order(2)
    void trainRefusesToOverwriteARunAndResumeContinuesIt() throws Exception {
        // a new run into a run folder: bad usage (pass --resume, or another --out), 64; it was 2 before usage errors
        // got their own code
        assertThat(cli("train", "--data", data.toString(), "--out", run.toString()).code()).isEqualTo(64);
        var o = cli("train", "--data", data.toString(), "--out", run.toString(), "--resume", "--epochs", "3");
        assertThat(o.code()).as(o.err()).isZero();
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3)).startsWith("3,");
        assertThat(run.resolve("checkpoints/epoch-0003")).isDirectory();
        assertThat(run.resolve("checkpoints/epoch-0002")).doesNotExist();
    }

    @Test
    @Order(2)
    void trainWithoutValidationSaysSoInsteadOfPrintingNaN() throws Exception {
        Path noValidation = dir.resolve("run-no-validation");
        var o = cli("train", "--data", data.toString(), "--out", noValidation.toString(), "--arch", "unet",
                "--epochs", "1", "--size", "16", "--batch", "4", "--val-split", "0");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("no validation pictures (--val-split 0.0)").contains("val MSE -")
                .doesNotContain("NaN");
        List<String> rows = Files.readAllLines(noValidation.resolve("metrics.csv"));
        assertThat(rows.get(1)).matches("1,[0-9.e-]+,,[0-9.]+,[0-9.]+"); // an empty val_mse cell
        var evaluation = cli("evaluate", "--model", noValidation.toString());
        assertThat(evaluation.code()).isEqualTo(64);
        assertThat(evaluation.err()).contains("no validation split: pass --data DIR");
    }

    @Test
    @Order(3)
    void evaluateScoresBesideTheGrayBaseline() throws Exception {
        Path out = dir.resolve("eval");
        var o = cli("evaluate", "--model", run.toString(), "--data", data.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode metrics = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.get("images").asInt()).isEqualTo(10);
        assertThat(metrics.get("methods").findValuesAsText("method")).containsExactly("gray baseline", "model");
        assertThat(metrics.get("methods").get(0).get("colorfulness").asDouble()).isZero();
        assertThat(metrics.get("truthColorfulness").asDouble()).isPositive();
        assertThat(ImageIO.read(out.resolve("grid.png").toFile()).getWidth()).isGreaterThan(3 * 150);
        assertThat(out.resolve("predicted/0.png")).as("named as predict names a PNG's output").exists();
        assertThat(Files.readString(out.resolve("report.html"))).contains("gray baseline").contains("data:image/jpeg;base64,");
        // without --data: the run's own validation split
        assertThat(cli("evaluate", "--model", run.toString()).code()).isZero();
        assertThat(Json.MAPPER.readTree(run.resolve("evaluation/metrics.json").toFile()).get("images").asInt()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void evaluateNamesWhatItSkipsInItsDataFolder() throws Exception {
        Path some = dir.resolve("some-pairs");
        for (String side : List.of("color", "gray")) {
            Files.createDirectories(some.resolve(side));
            Files.copy(data.resolve(side + "/1.png"), some.resolve(side + "/1.png"));
        }
        Files.copy(data.resolve("color/2.png"), some.resolve("color/2.png")); // no gray side
        Files.writeString(some.resolve("color/notes.txt"), "not a picture");
        var o = cli("evaluate", "--model", run.toString(), "--data", some.toString(), "--out",
                dir.resolve("eval-some").toString());
        assertThat(o.code()).as(o.err()).isZero(); // nothing failed: the skipped entries are named, not errors
        assertThat(o.err()).contains("warning: " + some + ": gray/2.png missing for color/2.png")
                .contains("warning: " + some + ": color/notes.txt is not a picture name");
    }

    @Test
    @Order(4)
    void predictKeepsSizesAndNamesSkipsBadFilesAndNeverOverwritesInputs() throws Exception {
        Path in = dir.resolve("photos");
        Files.createDirectories(in.resolve("sub"));
        Files.copy(data.resolve("gray/3.png"), in.resolve("a.png"));
        Files.copy(data.resolve("gray/9.png"), in.resolve("sub/b.png"));
        Files.writeString(in.resolve("sub/broken.jpg"), "not a picture");
        byte[] original = Files.readAllBytes(in.resolve("a.png"));
        Path out = dir.resolve("colorized");

        var o = cli("predict", in.toString(), "--model", run.toString(), "--out", out.toString(), "--format", "jpg");
        assertThat(o.code()).as("one bad file among good ones").isEqualTo(1);
        assertThat(o.err()).contains("broken.jpg");
        assertThat(ImageIO.read(out.resolve("a.png.jpg").toFile()).getWidth()).isEqualTo(27);
        assertThat(ImageIO.read(out.resolve("sub/b.png.jpg").toFile()).getWidth()).isEqualTo(33);

        // writing PNGs next to the PNG inputs would overwrite them: refused, inputs untouched
        var same = cli("predict", in.resolve("a.png").toString(), "--model", run.toString(), "--out", in.toString());
        assertThat(same.code()).as("its only output would be its input: bad usage").isEqualTo(64);
        assertThat(same.err()).contains("not overwritten");
        assertThat(Files.readAllBytes(in.resolve("a.png"))).isEqualTo(original);

        assertThat(cli("predict", in.resolve("a.png").toString(), "--model", run.toString(),
                "--out", dir.resolve("single").toString()).code()).isZero();
        assertThat(dir.resolve("single/a.png")).exists();

        // no --model: the pretrained model bundled in the jar
        assertThat(cli("predict", in.resolve("a.png").toString(), "--out", dir.resolve("bundled").toString()).code())
                .isZero();
        assertThat(ImageIO.read(dir.resolve("bundled/a.png").toFile()).getWidth()).isEqualTo(27);
    }

    @Test
    @Order(5)
    void demoColorizesTheBundledSampleAndWritesAReport() throws Exception {
        Path out = dir.resolve("demo");
        var o = cli("demo", "--model", run.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        try (var pictures = Files.list(out.resolve("predicted"))) {
            assertThat(pictures.filter(p -> !p.getFileName().toString().startsWith(".")).count())
                    .isEqualTo(11 + 82); // the people, then the landscapes (beside predict's ledger)
        }
        // named as predict names outputs: the JPEG's whole name, .png appended
        assertThat(ImageIO.read(out.resolve("predicted/beach0.jpg.png").toFile()).getWidth()).isEqualTo(256);
        assertThat(ImageIO.read(out.resolve("predicted/loc0.jpg.png").toFile()).getWidth()).isEqualTo(256);
        assertThat(o.out()).contains("people (11 pictures)").contains("landscapes (82 pictures)")
                .contains("gray baseline");
        assertThat(ImageIO.read(out.resolve("demo-grid.png").toFile()).getHeight()).isGreaterThan(10 * 60); // ten rows
        assertThat(Files.readString(out.resolve("demo-report.html"))).contains("<h2>people</h2>")
                .contains("<h2>landscapes</h2>").contains("beach0").contains("loc0");
        var metrics = dev.colorizer.io.Json.MAPPER.readTree(out.resolve("demo-metrics.json").toFile());
        assertThat(metrics.get("people").get("images").asInt()).isEqualTo(11);
        assertThat(metrics.get("landscapes").get("images").asInt()).isEqualTo(82);
        // colored by predict's folder job: the record of what made each picture, and a run again redoes nothing
        assertThat(PredictCommand.recorded(out.resolve("predicted/beach0.jpg.png")).settings().saturation())
                .isEqualTo(1f);
        var again = cli("demo", "--model", run.toString(), "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("colorized 0 of 93 pictures").contains("93 already done")
                .contains("landscapes (82 pictures)");
        assertThat(dev.colorizer.io.Json.MAPPER.readTree(out.resolve("demo-metrics.json").toFile()))
                .as("the same scores, from the files kept").isEqualTo(metrics);
        var other = cli("demo", "--model", run.toString(), "--out", out.toString(), "--saturation", "0.5");
        assertThat(other.out()).contains("colorized 93 of 93 pictures");
        assertThat(PredictCommand.recorded(out.resolve("predicted/beach0.jpg.png")).settings().saturation())
                .isEqualTo(0.5f);
    }

    @Test
    @Order(6)
    void badDataExitsWithTwoAndAOneLineMessageNamingTheFile() throws Exception {
        var missing = cli("train", "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("y").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("--help");
        assertThat(cli("predict", "x.png", "--model", dir.resolve("no-run").toString()).code()).isEqualTo(2);
        var notARun = cli("evaluate", "--model", data.toString());
        assertThat(notARun.code()).as("not a run folder").isEqualTo(2);
        assertThat(notARun.err()).contains(data.toString());
        Path empty = Files.createDirectories(dir.resolve("no-pictures"));
        Files.writeString(empty.resolve("notes.txt"), "not a picture");
        var none = cli("predict", empty.toString(), "--model", run.toString(), "--out", dir.resolve("n").toString());
        assertThat(none.code()).as("a folder without pictures").isEqualTo(2);
        assertThat(none.err()).contains("no pictures found").contains("notes.txt: not a picture name");
    }

    @Test
    @Order(6)
    void everyCommandPrintsTheVersionAndAFileNamedLikeAnOptionIsExplained() throws Exception {
        for (String command : new String[] {"predict", "train", "serve"}) {
            var version = cli(command, "--version");
            assertThat(version.code()).isZero();
            assertThat(version.out().strip()).as(command).isEqualTo(cli("--version").out().strip()).isNotEmpty();
        }
        assertThat(cli("--version").out().strip()).isEqualTo("colorize " + dev.colorizer.Version.current());
        // a relative name that starts with '-' (the working folder is the module's)
        Path dash = Path.of("-colorize-test-" + ProcessHandle.current().pid() + ".png");
        try {
            Files.copy(data.resolve("color/0.png"), dash);
            var o = cli("predict", dash.toString(), "--out", dir.resolve("dash").toString());
            assertThat(o.code()).isEqualTo(64);
            assertThat(o.err()).contains("'" + dash + "' was read as an option")
                    .contains("write ./" + dash + " or put -- before it");
            var afterDashes = cli("predict", "--model", run.toString(), "--out", dir.resolve("dash").toString(), "--",
                    dash.toString());
            assertThat(afterDashes.code()).as("after --: a file").isZero();
        } finally {
            Files.deleteIfExists(dash);
        }
    }

    // these were exit code 2 (then "bad usage or bad data") until usage errors got their own code, 64
    @Test
    @Order(6)
    void badUsageExitsWithSixtyFourAndAOneLinePointerToHelp() throws Exception {
        var epochs = cli("train", "--out", dir.resolve("x").toString(), "--epochs", "0");
        assertThat(epochs.code()).as("--epochs 0").isEqualTo(64);
        assertThat(epochs.err()).contains("--epochs 0").contains("(see colorize train --help)");
        var noOut = cli("train", "--data", data.toString());
        assertThat(noOut.code()).as("missing --out").isEqualTo(64);
        assertThat(noOut.err().strip()).as("picocli's own error, one line")
                .isEqualTo("error: Missing required option: '--out=RUN_DIR' (see colorize train --help)");
        assertThat(cli("predict", data.toString(), "--batch", "many").code()).as("not a number").isEqualTo(64);
        var size = cli("train", "--data", data.toString(), "--out", dir.resolve("z").toString(), "--size", "20");
        assertThat(size.code()).isEqualTo(64);
        assertThat(size.err()).contains("multiple of 8");
        var format = cli("predict", data.toString(), "--model", run.toString(), "--format", "webp");
        assertThat(format.code()).isEqualTo(64);
        assertThat(format.err()).contains("--format webp").contains("png, jpg, tiff or keep");
        assertThat(cli("train", "--help").code()).isZero();
        var unknown = cli("frobnicate");
        assertThat(unknown.code()).isEqualTo(64);
        assertThat(unknown.err()).contains("frobnicate").doesNotContain("\tat ");
        assertThat(cli("predict", data.toString(), "--frobnicate").code()).as("an unknown option").isEqualTo(64);
        var stages = cli("train", "--data", data.toString(), "--out", dir.resolve("s").toString(), "--stages", "16x3");
        assertThat(stages.code()).isEqualTo(64);
        assertThat(stages.err()).contains("SIZE:EPOCHS");
        var weight = cli("train", "--data", data + "@many", "--out", dir.resolve("w").toString());
        assertThat(weight.code()).isEqualTo(64);
        assertThat(weight.err()).contains("DIR@WEIGHT");
        assertThat(cli("predict", data.toString(), "--model", run.toString(), "--saturation", "5").code()).isEqualTo(64);
        var framing = cli("predict", data.toString(), "--model", run.toString(), "--framing", "round");
        assertThat(framing.code()).isEqualTo(64);
        assertThat(framing.err()).contains("--framing round").contains("aspect or square");
        var crop = cli("train", "--data", data.toString(), "--out", dir.resolve("c").toString(), "--crop", "1.5");
        assertThat(crop.code()).isEqualTo(64);
        assertThat(crop.err()).contains("--crop 1.5").contains("(0, 1]");
        var zero = cli("train", "--data", data.toString(), "--out", dir.resolve("z").toString(), "--size", "0");
        assertThat(zero.code()).as(zero.err()).isEqualTo(64);
        assertThat(zero.err()).contains("positive size").doesNotContain("internal error");
        assertThat(dir.resolve("z")).doesNotExist();
        var degrade = cli("train", "--data", data.toString(), "--out", dir.resolve("d").toString(), "--degrade", "2");
        assertThat(degrade.code()).isEqualTo(64);
        assertThat(degrade.err()).contains("--degrade 2.0").contains("[0, 1]");
        var degradeSeed = cli("train", "--data", data.toString(), "--out", dir.resolve("d").toString(), "--arch", "seed",
                "--degrade", "0.5");
        assertThat(degradeSeed.code()).as("the seed model's input is not the gray picture").isEqualTo(64);
        assertThat(degradeSeed.err()).contains("--degrade").contains("seed-rgb");
        assertThat(dir.resolve("d")).as("nothing written for a refused run").doesNotExist();
        Path hintsFolder = dir.resolve("hints");
        Files.createDirectories(hintsFolder.resolve("color"));
        Files.writeString(hintsFolder.resolve("color/0.json"), "{\"points\": [{\"x\": 1, \"y\": 1, \"color\": \"#f00\"}]}");
        var hints = cli("predict", data.toString(), "--model", run.toString(), "--hints", hintsFolder.toString(),
                "--out", dir.resolve("h").toString());
        assertThat(hints.code()).as("a unet run takes no hints").isEqualTo(64);
        assertThat(hints.err()).contains("takes none").contains("unet-hints");
        assertThat(cli("evaluate", "--model", run.toString(), "--hints", "2").code()).isEqualTo(64);
        var init = cli("train", "--data", data.toString(), "--out", dir.resolve("i").toString(), "--arch", "seed",
                "--init-from", run.toString());
        assertThat(init.code()).as("--init-from a unet run into a seed run").isEqualTo(64);
        assertThat(init.err()).contains("--arch unet");
        var oldOption = cli("train", "--data", data.toString(), "--out", dir.resolve("o").toString(), "--model",
                "unet");
        assertThat(oldOption.code()).isEqualTo(64);
        assertThat(oldOption.err()).contains("--arch").contains("run folder");
        var arch = cli("benchmark", "--arch", "resnet");
        assertThat(arch.code()).isEqualTo(64);
        assertThat(arch.err()).contains("--arch resnet is not an architecture").contains("unet-hints");
        var huge = cli("benchmark", "--arch", "unet", "--size", "23168", "--batch", "4");
        assertThat(huge.code()).as(huge.err()).isEqualTo(64); // the rule train checks, before any tensor
        assertThat(huge.err()).contains("--size 23168 with --batch 4 needs about").contains("use --size");
    }

    @Test
    @Order(6)
    void aLedgerThatCannotBeWrittenIsOneLineNamingItAndTheFix() throws Exception {
        // what a full disk does to the folder's record of outputs; here its ledger is a folder (once an internal
        // error, exit 3; ExitCodeTest keeps the internal errors' own line)
        Path out = dir.resolve("odd-out");
        Files.createDirectories(out.resolve(dev.colorizer.run.OutputManifest.FILE));
        Path picture = data.resolve("gray/3.png");
        var o = cli("predict", picture.toString(), "--model", run.toString(), "--out", out.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(dev.colorizer.run.OutputManifest.FILE).contains("free disk space")
                .doesNotContain("internal error").doesNotContain("\tat ");
    }

    @Test
    @Order(6)
    void helpListsTheExitCodes() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("predict", "--help")).isZero();
        } finally {
            System.setOut(out);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Exit codes:").contains("64")
                .contains("bad usage").contains("bad data");
    }

    @Test
    @Order(7)
    void calibrateMeasuresTheSaturationCurveAndSavesTheChoice() throws Exception {
        JsonNode before = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        // a gain above half the largest (4) once broke the --saturation curve, which scaled the gain by F up to 2
        var dry = cli("calibrate", "--model", run.toString(), "--data", data.toString(), "--dry-run",
                "--sizes", "16,24", "--gains", "1,1.1,1.2,1.3,1.4,1.5,1.6,1.8,2.5");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(Json.MAPPER.readTree(run.resolve("config.json").toFile())).isEqualTo(before);
        List<String> rows = Files.readAllLines(run.resolve("calibration/saturation.csv"));
        assertThat(rows.get(0)).isEqualTo("working_size,max_gain,variance_scale,psnr,ssim,colorfulness,bins_share");
        // header, gray, and the 9 constant gains (unet predicts no uncertainty) at each of the 2 sizes, at one bins
        // share (unet has no bins: the default --bins-shares 0.5,0.75,1 is not multiplied in)
        assertThat(rows).hasSize(2 + 2 * 9);
        assertThat(rows.subList(2, rows.size())).allMatch(r -> r.endsWith(",1.00"));
        assertThat(rows.subList(2, rows.size())).allMatch(r -> r.split(",")[2].equals("inf"));
        assertThat(rows.subList(2, rows.size()).stream().map(r -> r.split(",")[0]).distinct()).containsExactly("16",
                "24");
        // the two sizes see the pictures differently: their scores differ
        assertThat(rows.get(2).split(",")[3]).isNotEqualTo(rows.get(2 + 9).split(",")[3]);
        assertThat(cli("calibrate", "--model", run.toString(), "--data", data.toString(), "--sizes", "20").code())
                .as("a size that is not a multiple of 8").isEqualTo(64);
        assertThat(ImageIO.read(run.resolve("calibration/saturation.png").toFile())).isNotNull();
        assertThat(Files.readAllLines(run.resolve("calibration/saturation-knob.csv"))).hasSize(9);

        var o = cli("calibrate", "--model", run.toString(), "--data", data.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode after = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertThat(after.get("abGain").asDouble()).isBetween(1.0, 2.0);
        assertThat(after.get("workingSize").get("size").asInt()).as("the only size tried by default: 16 is half "
                + "of the trained 16, rounded up to two poolings").isEqualTo(16);
        assertThat(after.get("train")).isEqualTo(before.get("train"));
        assertThat(after.get("validationNames")).isEqualTo(before.get("validationNames"));
    }
}
