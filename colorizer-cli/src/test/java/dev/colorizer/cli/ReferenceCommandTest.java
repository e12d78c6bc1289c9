package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ConsoleCapture;
import dev.colorizer.Pictures;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --reference} through the bundled model: a folder names each picture's reference; a bad one stops. */
class ReferenceCommandTest {
    @TempDir
    static Path dir;

    private static ConsoleCapture cli(String... args) {
        return ConsoleCapture.run(() -> Main.run(args));
    }

    // mean a* over the 5×5 square around (cx, cy)
    private static double meanA(Path picture, int cx, int cy) {
        return Pictures.meanAb(ImageFiles.readRgb(picture), 0, cx, cy, 2);
    }

    @Test
    void aFolderGivesEachPictureItsOwnReferenceAndAGrayOneIsRefusedNamed() throws Exception {
        Path inputs = dir.resolve("in");
        for (String name : new String[] {"sub/a.png", "b.png"}) { // flat gray, 48x32
            ImageFiles.writeImage(Pictures.flat(48, 32, 0x808080), inputs.resolve(name), OutputFormat.PNG);
        }
        Path refs = dir.resolve("refs"); // sub/a.png's reference in another format: its one sub/a.* picture
        ImageFiles.writeImage(Pictures.flat(40, 30, 0xC02818), refs.resolve("sub/a.jpg"), OutputFormat.JPEG);
        Path auto = dir.resolve("auto");
        Path referenced = dir.resolve("referenced");
        assertThat(cli("predict", inputs.toString(), "--out", auto.toString()).code()).isZero();
        var o = cli("predict", inputs.toString(), "--reference", refs.toString(), "--out", referenced.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(meanA(referenced.resolve("sub/a.png"), 24, 16)).as("a* with a red reference")
                .isGreaterThan(meanA(auto.resolve("sub/a.png"), 24, 16) + 15);
        assertThat(Files.readAllBytes(referenced.resolve("b.png"))).as("b has no reference: automatic")
                .isEqualTo(Files.readAllBytes(auto.resolve("b.png")));

        ImageFiles.writeImage(Pictures.flat(40, 30, 0x707070), refs.resolve("b.png"), OutputFormat.PNG);
        Path never = dir.resolve("never");
        o = cli("predict", inputs.toString(), "--reference", refs.toString(), "--out", never.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("b.png: the reference has no color (it is gray)").doesNotContain("\tat ");
        assertThat(never).doesNotExist();
    }
}
