package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ConsoleCapture;
import dev.colorizer.Pictures;
import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.infer.Provenance;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs an archive keeps: a 16-bit scan stays 16 bits in TIFF, every output says what made it (colorize info),
 * and that record colors the input again to the same bytes (predict --settings-from).
 */
class ArchiveOutputsTest {
    @TempDir
    Path dir;

    private static ConsoleCapture cli(String... args) {
        return ConsoleCapture.run(() -> Main.run(args));
    }

    @Test
    void aSixteenBitScanKeepsMoreThan256GrayLevelsInTiff() throws Exception {
        int w = 64;
        int h = 48;
        BufferedImage scan = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) { // a smooth ramp: 3072 different 16-bit levels, 256 at 8 bits
                scan.getRaster().setSample(x, y, 0, (y * w + x) * 21 % 65536);
            }
        }
        Path input = dir.resolve("scan.tif");
        assertThat(ImageIO.write(scan, "tiff", input.toFile())).isTrue();

        var run = cli("predict", input.toString(), "--out", dir.resolve("out").toString(), "--format", "tiff");
        assertThat(run.code()).as(run.err()).isZero();

        Raster out = ImageIO.read(dir.resolve("out/scan.tif").toFile()).getRaster();
        assertThat(out.getSampleModel().getSampleSize(1)).isEqualTo(16);
        Set<Integer> levels = new HashSet<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                levels.add(out.getSample(x, y, 1));
            }
        }
        assertThat(levels.size()).as("green levels of the colorized scan").isGreaterThan(256);
    }

    @Test
    void theRecordOfWhatMadeAnOutputColorsItsInputAgainToTheSameBytes() throws Exception {
        Path input = dir.resolve("photo.png");
        ImageIO.write(Pictures.gray(SyntheticImages.scene(40, 30, 7)), "png", input.toFile());
        var first = cli("predict", input.toString(), "--out", dir.resolve("a").toString(), "--format", "jpg",
                "--quality", "80", "--saturation", "1.3", "--upsampling", "bilinear");
        assertThat(first.code()).as(first.err()).isZero();
        Path made = dir.resolve("a/photo.png.jpg");

        Provenance recorded = PredictCommand.recorded(made);
        assertThat(recorded.settings().saturation()).isEqualTo(1.3f);
        var info = cli("info", made.toString());
        assertThat(info.code()).isZero();
        assertThat(info.out()).contains("colorized by: colorize " + dev.colorizer.Version.current())
                .contains("saturation: 1.3").contains("upsampling: bilinear").contains("model: ")
                // a PNG without EXIF: its JPEG's EXIF says only sRGB
                .contains("metadata: EXIF none, XMP yes, IPTC none, resolution not given");

        assertThat(info.out()).contains("format: jpg, quality 80");
        // the record gives the format and quality too: nothing else is needed to make the same file again
        var again = cli("predict", input.toString(), "--out", dir.resolve("b").toString(), "--settings-from",
                made.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("b/photo.png.jpg"))).isEqualTo(Files.readAllBytes(made));

        var mixed = cli("predict", input.toString(), "--out", dir.resolve("m").toString(), "--settings-from",
                made.toString(), "--no-mirror-average", "--saturation", "1");
        assertThat(mixed.code()).isEqualTo(64);
        assertThat(mixed.err()).contains("drop --saturation, --mirror-average");

        var notOurs = cli("info", input.toString());
        assertThat(notOurs.code()).isZero();
        assertThat(notOurs.out()).contains("photo.png: no colorizer record");

        var plain = cli("predict", input.toString(), "--out", dir.resolve("c").toString(), "--settings-from",
                input.toString());
        assertThat(plain.code()).isEqualTo(2);
        assertThat(plain.err()).contains("photo.png").contains("holds no colorizer record").doesNotContain("\tat ");
    }

    @Test
    void previewWritesOneLabelledSheetOfEverySizeAndSaturationAsked() throws Exception {
        Path input = dir.resolve("photo.png");
        ImageIO.write(Pictures.gray(SyntheticImages.scene(60, 40, 5)), "png", input.toFile());
        Path sheet = dir.resolve("sheet.png");
        var run = cli("preview", input.toString(), "--sizes", "96,128", "--saturations", "0.5,1,1.5", "--out",
                sheet.toString());
        assertThat(run.code()).as(run.err()).isZero();
        BufferedImage read = ImageIO.read(sheet.toFile());
        // 3 columns of 256 px cells, 2 rows (each with its own title line) of 60:40 pictures scaled to 256 wide
        assertThat(read.getWidth()).isGreaterThanOrEqualTo(3 * dev.colorizer.eval.ContactSheet.CELL);
        assertThat(read.getHeight()).isGreaterThan(2 * 256 * 40 / 60);
        // the cell of saturation 1.5 at size 128 differs from that of 0.5: the choices really are different
        int cell = dev.colorizer.eval.ContactSheet.CELL;
        assertThat(colorfulness(read, 2 * cell, 3 * cell)).isGreaterThan(colorfulness(read, 0, cell));

        var bad = cli("preview", input.toString(), "--sizes", "100", "--out", dir.resolve("x.png").toString());
        assertThat(bad.code()).isEqualTo(64);
        assertThat(bad.err()).contains("--sizes 100: working size 100 does not suit this model");
        var pale = cli("preview", input.toString(), "--saturations", "0.8,5", "--out", dir.resolve("x.png").toString());
        assertThat(pale.code()).isEqualTo(64);
        assertThat(pale.err()).contains("--saturations 0.8,5.0: saturation 5.0 is out of range");
    }

    @Test
    void predictTakesTheWorkingSizeAndRefusesOneTheModelDoesNot() throws Exception {
        Path input = dir.resolve("photo.png");
        ImageIO.write(Pictures.gray(SyntheticImages.scene(40, 30, 9)), "png", input.toFile());
        var run = cli("predict", input.toString(), "--out", dir.resolve("s").toString(), "--size", "96");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(PredictCommand.recorded(dir.resolve("s/photo.png")).size()).isEqualTo(96);
        var bad = cli("predict", input.toString(), "--out", dir.resolve("t").toString(), "--size", "97");
        assertThat(bad.code()).isEqualTo(64);
        assertThat(bad.err()).contains("--size: working size 97 does not suit this model");
    }

    // the summed chroma |R - G| + |G - B| of the sheet's pixels in columns [x0, x1)
    private static long colorfulness(BufferedImage sheet, int x0, int x1) {
        long sum = 0;
        for (int y = 0; y < sheet.getHeight(); y++) {
            for (int x = x0; x < Math.min(x1, sheet.getWidth()); x++) {
                int p = sheet.getRGB(x, y);
                sum += Math.abs((p >> 16 & 0xFF) - (p >> 8 & 0xFF)) + Math.abs((p >> 8 & 0xFF) - (p & 0xFF));
            }
        }
        return sum;
    }

    @Test
    void aRecordOfAnotherModelIsRefusedInOneLine() throws Exception {
        Path input = dir.resolve("photo.png");
        ImageIO.write(Pictures.gray(SyntheticImages.scene(40, 30, 3)), "png", input.toFile());
        Path forged = dir.resolve("forged.png");
        ImageFiles.writeImage(ImageFiles.readRgb(input), new Provenance("0.0.1", "other weights 0123456789abcdef",
                        dev.colorizer.infer.ColorSettings.DEFAULT.withWorkingSize(128), java.util.List.of(),
                        dev.colorizer.data.OutputFormat.PNG, 0)
                        .stamp(dev.colorizer.data.ImageMetadata.NONE), forged,
                dev.colorizer.data.OutputFormat.PNG, 1f, true);
        var run = cli("predict", input.toString(), "--out", dir.resolve("o").toString(), "--settings-from",
                forged.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("forged.png").contains("was colorized by another model");
    }
}
