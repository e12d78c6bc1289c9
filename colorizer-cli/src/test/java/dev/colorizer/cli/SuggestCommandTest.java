package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ConsoleCapture;
import dev.colorizer.ExitCode;
import dev.colorizer.Pictures;
import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.HintFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code colorize suggest}: a hints file per picture, named so that predict --hints finds it. */
class SuggestCommandTest {
    private static ConsoleCapture cli(String... args) {
        return ConsoleCapture.run(() -> Main.run(args));
    }

    @Test
    void suggestionsGoBackIntoPredictAsAHintsFolder(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        ImageFiles.writeImage(Pictures.gray(SyntheticImages.scene(64, 48, 1)), in.resolve("sub/a.png"),
                OutputFormat.PNG);
        Files.writeString(in.resolve("b.png"), "not a picture");
        Path hints = dir.resolve("hints");

        ConsoleCapture suggest = cli("suggest", in.toString(), "--count", "3", "--out", hints.toString());
        assertThat(suggest.code()).isEqualTo(ExitCode.SOME_FAILED);
        assertThat(suggest.err()).contains("b.png").doesNotContain("Exception");
        assertThat(HintFile.read(hints.resolve("sub/a.png.json"))).hasSize(3);

        ConsoleCapture predict = cli("predict", in.resolve("sub").toString(), "--hints", hints.resolve("sub")
                .toString(), "--out", dir.resolve("out").toString());
        assertThat(predict.code()).isEqualTo(ExitCode.OK);
        assertThat(dir.resolve("out/a.png")).isRegularFile();

        ConsoleCapture tooMany = cli("suggest", in.toString(), "--count", "65");
        assertThat(tooMany.code()).isEqualTo(ExitCode.USAGE);
        assertThat(tooMany.err()).contains("65 points asked for: ask for 1 to 64");
    }
}
