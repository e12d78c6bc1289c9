package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ConsoleCapture;
import dev.colorizer.Pictures;
import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the command line says of options it takes but cannot use: a --quality with outputs that are no JPEG (a
 * warning, nothing else changes), a file name Java cannot take as a path (one line naming the argument and the fix,
 * not the parser's InvalidPathException; under LANG=C: {@link AsciiLocaleTest}).
 */
class OptionLinesTest {
    private static final String QUALITY_IGNORED = "warning: --quality applies to JPEG outputs only; these are png, so "
            + "it is ignored (JPEG outputs: --format jpg, or --format keep for JPEG inputs)";

    @TempDir
    Path dir;

    private static ConsoleCapture cli(String... args) {
        return ConsoleCapture.run(() -> Main.run(args));
    }

    @Test
    void aQualityWithPngOutputsIsWarnedOfOnceAndChangesNothing() throws Exception {
        Path input = dir.resolve("photo.jpg");
        ImageFiles.writeImage(Pictures.gray(SyntheticImages.scene(40, 30, 3)), input, OutputFormat.JPEG);
        var plain = cli("predict", input.toString(), "--out", dir.resolve("a").toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.err()).doesNotContain("--quality");

        var withQuality = cli("predict", input.toString(), "--out", dir.resolve("b").toString(), "--quality", "50");
        assertThat(withQuality.code()).as(withQuality.err()).isZero();
        assertThat(withQuality.err()).containsOnlyOnce(QUALITY_IGNORED);
        assertThat(Files.readAllBytes(dir.resolve("b/photo.jpg.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a/photo.jpg.png")));
        // the record of what made it does not name the quality: the output is not made again without it
        var again = cli("predict", input.toString(), "--out", dir.resolve("b").toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("colorized 0 of 1 picture").contains("1 already done");

        var tiff = cli("predict", input.toString(), "--out", dir.resolve("t").toString(), "--format", "tiff",
                "--quality", "50");
        assertThat(tiff.err()).containsOnlyOnce("--quality applies to JPEG outputs only; these are tif");
        for (String format : List.of("jpg", "keep")) {
            var jpeg = cli("predict", input.toString(), "--out", dir.resolve(format).toString(), "--format", format,
                    "--quality", "50");
            assertThat(jpeg.code()).as(jpeg.err()).isZero();
            assertThat(jpeg.err()).as(format).doesNotContain("--quality");
        }
    }

    @Test
    void aFileNameThisLocaleCannotDecodeIsNamedWithTheFix() {
        CommandLine.Model.PositionalParamSpec file = CommandLine.Model.PositionalParamSpec.builder()
                .paramLabel("FILE").build();
        assertThat(Main.invalidPath(file, new InvalidPathException("caf??.jpg",
                "Malformed input or input contains unmappable characters")))
                .startsWith("error: FILE 'caf??.jpg': the file name cannot be decoded in this locale's character set (")
                .endsWith("): run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8; ./colorize sets it");
        CommandLine.Model.OptionSpec out = CommandLine.Model.OptionSpec.builder("-o", "--out").build();
        assertThat(Main.invalidPath(out, new InvalidPathException("a\0b", "Nul character not allowed")))
                .isEqualTo("error: --out 'a\0b': not a file name (Nul character not allowed): name the file another way");

        var nul = cli("info", "a\0b.png");
        assertThat(nul.code()).isEqualTo(64);
        assertThat(nul.err()).startsWith("error: FILE 'a\0b.png': not a file name (Nul character not allowed)")
                .doesNotContain("InvalidPathException");
    }
}
