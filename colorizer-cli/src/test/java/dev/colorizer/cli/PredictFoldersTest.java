package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ConsoleCapture;
import dev.colorizer.Pictures;
import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.run.OutputManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} on folders as people have them: nothing that is not our own output is ever overwritten (whatever
 * names lead to it), every entry is colorized or named with the reason it is not, and a re-run finishes what is
 * missing without redoing what is complete.
 */
class PredictFoldersTest {
    @TempDir
    Path dir;
    Path photos;

    @BeforeEach
    void photos() throws Exception {
        photos = dir.resolve("photos");
        Files.createDirectories(photos.resolve("sub"));
        for (String name : new String[] {"a.png", "b.png", "sub/c.png"}) {
            write(photos.resolve(name), name.length());
        }
    }

    // a 32×24 gray picture, different for each seed: a TIFF where the name ends in .tif, else a PNG
    private static void write(Path file, int seed) throws Exception {
        String format = file.toString().endsWith(".tif") ? "tiff" : "png";
        ImageIO.write(Pictures.gray(SyntheticImages.scene(32, 24, seed)), format, file.toFile());
    }

    private static ConsoleCapture cli(String... args) {
        return ConsoleCapture.run(() -> Main.run(args));
    }

    @Test
    void noNameLeadsAnOutputOntoAnInput() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("photos-link"), photos);
        byte[] a = Files.readAllBytes(photos.resolve("a.png"));

        var file = cli("predict", photos.resolve("a.png").toString(), "--out", link.toString());
        assertThat(file.code()).as("every output would be an input: bad usage").isEqualTo(64);
        assertThat(file.err()).contains("is an input").contains("not overwritten");
        var some = cli("predict", photos.resolve("a.png").toString(), dir.resolve("x.png").toString(),
                "--out", link.toString());
        assertThat(some.code()).as("no such file: bad data").isEqualTo(2);
        // an --out that is an input folder is bad usage: 64 (2 until usage errors got their own code)
        var folder = cli("predict", photos.toString(), "--out", link.toString());
        assertThat(folder.code()).isEqualTo(64);
        assertThat(folder.err()).contains("is also the --out folder");
        var reverse = cli("predict", link.toString(), "--out", photos.toString());
        assertThat(reverse.code()).isEqualTo(64);
        var dots = cli("predict", photos.toString(), "--out", photos.resolve("sub/..").toString());
        assertThat(dots.code()).isEqualTo(64);
        var inside = cli("predict", photos.resolve("sub").toString(), "--out", photos.toString());
        assertThat(inside.code()).isEqualTo(64);
        assertThat(inside.err()).contains("is inside the --out folder");
        assertThat(Files.readAllBytes(photos.resolve("a.png"))).as("a.png untouched").isEqualTo(a);
    }

    @Test
    void anOutFolderInsideTheInputsIsNotWalkedAndItsOwnFilesAreNotReplaced() throws Exception {
        Path out = photos.resolve("sub");
        byte[] c = Files.readAllBytes(out.resolve("c.png"));
        write(out.resolve("a.png"), 99); // somebody's file where the output of photos/a.png would go
        byte[] theirs = Files.readAllBytes(out.resolve("a.png"));
        var o = cli("predict", photos.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains(out.resolve("a.png").toString()).contains("was not written by colorize");
        assertThat(Files.readAllBytes(out.resolve("a.png"))).as("their file is kept").isEqualTo(theirs);
        assertThat(Files.readAllBytes(out.resolve("c.png"))).as("an input inside --out is kept").isEqualTo(c);
        assertThat(out.resolve("b.png")).exists();
        assertThat(out.resolve("sub")).as("--out is not walked into").doesNotExist();
        assertThat(o.err()).as("and says so").contains(out + ": the output folder: it holds outputs, not inputs");
        assertThat(o.out()).contains("1 other entry skipped");
    }

    @Test
    void anOutThatIsAFileIsBadData() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "mine");
        var o = cli("predict", photos.toString(), "--out", file.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains("afile: is a file, not a folder");
        var under = cli("predict", photos.toString(), "--out", file.resolve("sub").toString());
        assertThat(under.code()).isEqualTo(2);
        assertThat(under.err()).contains(file + " is a file");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void aFileUnderTwoNamesIsColorizedOnceAndTheOtherNameIsNamed() throws Exception {
        Files.createSymbolicLink(photos.resolve("0-link.png"), photos.resolve("b.png").getFileName());
        Path out = dir.resolve("out");
        var o = cli("predict", photos.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(out.resolve("b.png")).as("the file itself, not the link sorted before it").exists();
        assertThat(out.resolve("0-link.png")).doesNotExist();
        assertThat(o.err()).contains("0-link.png: the same file as " + photos.resolve("b.png"));
        assertThat(o.out()).contains("colorized 3 of 3 pictures").contains("1 other entry skipped");
    }

    @Test
    void anUnreadablePictureNamedAloneIsBadData() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.png"), "not a png");
        var o = cli("predict", bad.toString(), "--out", dir.resolve("out").toString());
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains("bad.png");
        var mixed = cli("predict", bad.toString(), photos.resolve("a.png").toString(), "--out",
                dir.resolve("out").toString());
        assertThat(mixed.code()).as("one of two failed").isEqualTo(1);
    }

    @Test
    void everyEntryIsColorizedOrNamedWithItsReason() throws Exception {
        write(photos.resolve("scan.tif"), 5);
        Files.writeString(photos.resolve("notes.txt"), "not a picture");
        Files.createSymbolicLink(photos.resolve("gone.png"), dir.resolve("nowhere.png"));
        Process fifo = new ProcessBuilder("mkfifo", photos.resolve("pipe.png").toString()).start();
        boolean hasFifo = fifo.waitFor() == 0;
        Path out = dir.resolve("out");
        var o = cli("predict", photos.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(out.resolve("scan.tif.png")).as("TIFFs are walked").exists();
        assertThat(o.err()).contains("notes.txt: not a picture name").contains("gone.png: a symbolic link to nothing");
        if (hasFifo) {
            assertThat(o.err()).contains("pipe.png: not a regular file");
        }
        assertThat(o.out()).contains("colorized 4 of 4 pictures")
                .contains("; " + (hasFifo ? 3 : 2) + " other entries skipped");

        var same = cli("predict", photos.toString(), "--out", photos.toString());
        assertThat(same.code()).isEqualTo(64); // bad usage (was 2)
        assertThat(same.err()).contains("is also the --out folder");
    }

    @Test
    void hiddenEntriesAreSkippedWithTheReasonUnlessNamed() throws Exception {
        write(photos.resolve(".hidden.png"), 7);
        write(photos.resolve("sub/._c.png"), 8); // macOS metadata beside a picture
        Files.writeString(photos.resolve("_SUCCESS"), "");
        Files.createDirectories(photos.resolve(".git"));
        write(photos.resolve(".git/x.png"), 9);
        Files.createDirectories(photos.resolve("_temporary/0"));
        write(photos.resolve("_temporary/0/y.png"), 10);
        Path out = dir.resolve("out");
        var o = cli("predict", photos.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("colorized 3 of 3 pictures").contains("; 5 other entries skipped");
        assertThat(o.err()).contains(".hidden.png: a hidden file").contains("._c.png: a hidden file")
                .contains("_SUCCESS: a hidden file").contains(".git: a hidden folder")
                .contains("_temporary: a hidden folder").doesNotContain("x.png").doesNotContain("y.png");
        assertThat(out.resolve(".hidden.png")).doesNotExist();

        var named = cli("predict", photos.resolve(".hidden.png").toString(), "--out", dir.resolve("named").toString());
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(dir.resolve("named/.hidden.png")).as("a file named is taken whatever its name").exists();
    }

    @Test
    void aRunAgainFinishesWhatIsMissingRedoesNothingAndCleansItsTempFiles() throws Exception {
        Path out = dir.resolve("out");
        assertThat(cli("predict", photos.toString(), "--out", out.toString()).code()).isZero();
        assertThat(out.resolve(OutputManifest.FILE)).exists();
        assertThat(cli("predict", photos.toString(), "--out", out.toString()).out()).contains("colorized 0 of 3")
                .contains("3 already done");
        // what a kill leaves: a finished a.png's record, no b.png, a half-written temp file
        Files.delete(out.resolve("b.png"));
        Path temp = out.resolve(".b.png." + UUID.randomUUID() + ".tmp");
        Files.writeString(temp, "half");
        long aTime = Files.getLastModifiedTime(out.resolve("a.png")).toMillis();

        var again = cli("predict", photos.toString(), "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("colorized 1 of 3").contains("2 already done");
        assertThat(out.resolve("b.png")).exists();
        assertThat(temp).as("the dead run's temp file").doesNotExist();
        assertThat(Files.getLastModifiedTime(out.resolve("a.png")).toMillis()).as("a.png not redone")
                .isEqualTo(aTime);

        assertThat(cli("predict", photos.toString(), "--out", out.toString(), "--saturation", "0.5").out())
                .as("other settings: redone, and said").contains("colorized 3 of 3")
                .contains("3 of them replaced (made earlier with other settings");
        assertThat(cli("predict", photos.toString(), "--out", out.toString(), "--saturation", "0.5").out())
                .contains("colorized 0 of 3").contains("3 already done");
        assertThat(cli("predict", photos.toString(), "--out", out.toString(), "--saturation", "0.5", "--overwrite")
                .out()).contains("colorized 3 of 3");
        write(photos.resolve("a.png"), 42); // the input changed
        assertThat(cli("predict", photos.toString(), "--out", out.toString(), "--saturation", "0.5").out())
                .contains("colorized 1 of 3");
    }

    @Test
    void anOutputChangedSinceItWasWrittenIsTheirsAndTheSameFolderByAnotherNameIsTheSameRecord() throws Exception {
        Path out = dir.resolve("out");
        assertThat(cli("predict", photos.toString(), "--out", out.toString()).code()).isZero();
        Files.writeString(out.resolve("a.png"), "edited by hand");
        var again = cli("predict", photos.toString(), "--out", out.toString(), "--overwrite");
        assertThat(again.code()).as(again.err()).isEqualTo(1);
        assertThat(again.err()).contains(out.resolve("a.png") + " was changed after colorize predict wrote it")
                .contains("not replaced");
        assertThat(Files.readString(out.resolve("a.png"))).isEqualTo("edited by hand");

        Path link = Files.createSymbolicLink(dir.resolve("out-link"), out);
        var viaLink = cli("predict", photos.resolve("b.png").toString(), "--out", link.toString());
        assertThat(viaLink.code()).as(viaLink.err()).isZero();
        assertThat(viaLink.out()).contains("1 already done");
    }

    @Test
    void aDeadRunsTempFilesAreRemovedByAnyRunIntoItsFolder() throws Exception {
        Path out = dir.resolve("out");
        assertThat(cli("predict", photos.toString(), "--out", out.toString()).code()).isZero();
        Path temp = out.resolve(".b.png." + UUID.randomUUID() + ".tmp"); // a kill while b.png was rewritten
        Files.writeString(temp, "half");
        Path notOurs = out.resolve(".notes.txt." + UUID.randomUUID() + ".tmp"); // of no output of ours
        Files.writeString(notOurs, "theirs");
        var other = cli("predict", photos.resolve("a.png").toString(), "--out", out.toString(), "--format", "jpg");
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(temp).doesNotExist();
        assertThat(notOurs).exists();
    }

    @Test
    void allPagesColorizesEachPageOfAMultiPageTiffIntoItsOwnFile() throws Exception {
        Path scans = dir.resolve("scans");
        Files.createDirectories(scans);
        int[][] sizes = {{32, 24}, {20, 30}, {16, 16}};
        java.awt.image.BufferedImage[] pages = new java.awt.image.BufferedImage[sizes.length];
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (var stream = ImageIO.createImageOutputStream(scans.resolve("album.tif").toFile())) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int p = 0; p < sizes.length; p++) {
                pages[p] = Pictures.gray(SyntheticImages.scene(sizes[p][0], sizes[p][1], 40 + p));
                writer.writeToSequence(new javax.imageio.IIOImage(pages[p], null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        write(scans.resolve("single.tif"), 7);

        var first = cli("predict", scans.toString(), "--out", dir.resolve("first").toString());
        assertThat(first.code()).isZero();
        assertThat(first.err()).contains("album.tif: 3 pages: only the first is colorized (predict --all-pages");
        try (var files = Files.list(dir.resolve("first"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")))
                    .containsExactlyInAnyOrder("album.tif.png", "single.tif.png");
        }

        Path out = dir.resolve("all");
        var all = cli("predict", scans.toString(), "--out", out.toString(), "--all-pages");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).contains("colorized 4 of 4");
        assertThat(out.resolve("single.tif.png")).exists(); // one page: named as without --all-pages
        assertThat(out.resolve("album.tif.png")).doesNotExist();
        for (int p = 0; p < sizes.length; p++) {
            java.awt.image.BufferedImage page = ImageIO.read(out.resolve("album-page" + (p + 1) + ".tif.png").toFile());
            assertThat(page.getWidth()).isEqualTo(sizes[p][0]);
            assertThat(page.getHeight()).isEqualTo(sizes[p][1]);
            // the colors were made from this page: its luma is the page's gray, pixel for pixel (to rounding)
            int worst = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    worst = Math.max(worst, Math.abs(dev.colorizer.color.Luma.of(page.getRGB(x, y))
                            - (pages[p].getRGB(x, y) & 0xFF)));
                }
            }
            assertThat(worst).as("page %d", p + 1).isLessThanOrEqualTo(1);
        }
        var again = cli("predict", scans.toString(), "--out", out.toString(), "--all-pages");
        assertThat(again.out()).contains("4 already done");

        // a file named as a page's output keeps its name; the page is refused, named by its number
        Files.copy(scans.resolve("single.tif"), scans.resolve("album-page2.tif"));
        var clash = cli("predict", scans.toString(), "--out", dir.resolve("clash").toString(), "--all-pages");
        assertThat(clash.code()).isEqualTo(1);
        assertThat(clash.err()).contains(scans.resolve("album.tif") + ": page 2 (album-page2.tif): its output "
                + "album-page2.tif.png is also album-page2.tif's");
    }

    @Test
    void aJpegDamagedInsideIsColorizedWithAWarningNamingIt() throws Exception {
        Path photos = dir.resolve("damaged");
        Files.createDirectories(photos);
        Path file = photos.resolve("scan.jpg");
        var picture = new java.awt.image.BufferedImage(256, 170, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var noise = new java.util.Random(5);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                picture.setRGB(x, y, ((x * 3 + y) & 0xFF) << 8 | noise.nextInt(40)); // detail: a long entropy-coded scan
            }
        }
        ImageFiles.writeImage(picture, file, OutputFormat.JPEG);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 40; i++) {
            int scrambled = ((bytes[i] & 0xFF) * 7 + 13) & 0xFF;
            bytes[i] = (byte) (scrambled == 0xFF ? 0xFE : scrambled); // scrambled scan data, no 0xFF: no new marker
        }
        Files.write(file, bytes);
        var o = cli("predict", photos.toString(), "--out", dir.resolve("damaged-out").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains(file + ": the decoder reports damaged data (Corrupt JPEG data")
                .contains("parts of the picture may come out wrong");
        assertThat(dir.resolve("damaged-out/scan.jpg.png")).exists();
    }

    @Test
    void anOutputThatCannotBeWrittenIsSkippedAndTheOthersAreMade() throws Exception {
        Path out = Files.createDirectories(dir.resolve("blocked"));
        Files.writeString(out.resolve("sub"), "a user's file where predict needs a folder");
        var o = cli("predict", photos.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains(out.resolve("sub") + " is a file where a folder is needed").contains("skipped");
        assertThat(out.resolve("a.png")).exists();
        assertThat(out.resolve("b.png")).exists();
        assertThat(Files.readString(out.resolve("sub"))).startsWith("a user's file");
        assertThat(o.out()).contains("colorized 2 of 3 pictures").contains("1 failed");
    }

    @Test
    void aCamerasUnderscoreNameIsAPictureAndDotDotAfterALinkIsReadAsTheSystemReadsIt() throws Exception {
        write(photos.resolve("_MG_0001.png"), 9);
        Path elsewhere = Files.createDirectories(dir.resolve("real/sub"));
        Files.createDirectories(dir.resolve("real/photos"));
        write(dir.resolve("real/photos/wanted.png"), 11);
        Path link = Files.createSymbolicLink(dir.resolve("lnk"), elsewhere);
        var o = cli("predict", photos.toString(), link + "/../photos", "--out", dir.resolve("out").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(dir.resolve("out/_MG_0001.png")).exists();
        assertThat(dir.resolve("out/wanted.png")).as("lnk/.. is real/, as ls reads it").exists();
        assertThat(o.err()).as("not ./photos a second time").doesNotContain("the same file as");

        var empty = cli("predict", "", "--out", dir.resolve("out2").toString());
        assertThat(empty.code()).isEqualTo(64);
        assertThat(empty.err()).contains("an input is an empty name (an unset shell variable?)");
        assertThat(dir.resolve("out2")).doesNotExist();
    }

    @Test
    void anOutputMadeFromAnotherPictureIsNotReplacedWithoutOverwrite() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        write(other.resolve("a.png"), 77); // the same name as photos/a.png, another picture
        Path out = dir.resolve("shared-out");
        assertThat(cli("predict", photos.resolve("a.png").toString(), "--out", out.toString()).code()).isZero();
        byte[] first = Files.readAllBytes(out.resolve("a.png"));
        var second = cli("predict", other.resolve("a.png").toString(), "--out", out.toString());
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err()).contains(out.resolve("a.png") + " was made from another picture, "
                + photos.resolve("a.png").toRealPath()).contains("--overwrite");
        assertThat(Files.readAllBytes(out.resolve("a.png"))).isEqualTo(first);
        assertThat(cli("predict", other.resolve("a.png").toString(), "--out", out.toString(), "--overwrite").code())
                .isZero();
        assertThat(Files.readAllBytes(out.resolve("a.png"))).isNotEqualTo(first);
    }

    @Test
    void anExportedModelColorizesAsItsRunDoes() throws Exception {
        Path run = dev.colorizer.TrainedRuns.tiny("unet");
        Path exported = dir.resolve("exported");
        assertThat(cli("export", "--model", run.toString(), "--out", exported.toString()).code()).isZero();
        var fromRun = cli("predict", photos.resolve("a.png").toString(), "--model", run.toString(), "--out",
                dir.resolve("by-run").toString());
        var fromExport = cli("predict", photos.resolve("a.png").toString(), "--model", exported.toString(), "--out",
                dir.resolve("by-export").toString());
        assertThat(fromExport.code()).as(fromExport.err()).isZero();
        assertThat(fromRun.code()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("by-export/a.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("by-run/a.png")));
    }

    @Test
    void anOutputIsDoneOnlyIfTheSameWeightsAndPolicyMadeItWhereverTheModelLies() throws Exception {
        Path run = copyOf(dev.colorizer.TrainedRuns.tiny("unet"), dir.resolve("run"));
        Path out = dir.resolve("out");
        assertThat(cli("predict", photos.toString(), "--model", run.toString(), "--out", out.toString()).out())
                .contains("colorized 3 of 3");
        Path moved = copyOf(run, dir.resolve("moved")); // the same model in another folder: the same outputs
        assertThat(cli("predict", photos.toString(), "--model", moved.toString(), "--out", out.toString()).out())
                .contains("colorized 0 of 3").contains("3 already done");
        // calibrated again (what `colorize calibrate` writes): another model, whose outputs differ
        dev.colorizer.run.RunDir runDir = dev.colorizer.run.RunDir.existing(run);
        runDir.writeConfig(runDir.readConfig().withAbGain(1.5f));
        var again = cli("predict", photos.toString(), "--model", run.toString(), "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("colorized 3 of 3").contains("3 of them replaced (made earlier with other settings");
    }

    private static Path copyOf(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    // a gray picture in the format its extension names
    private static void picture(Path file, int seed) throws Exception {
        String name = file.getFileName().toString();
        ImageIO.write(Pictures.gray(SyntheticImages.scene(32, 24, seed)), name.substring(name.lastIndexOf('.') + 1),
                file.toFile());
    }

    private static java.util.List<String> outputs(Path out) throws Exception {
        try (var files = Files.list(out)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void outputNamesDependOnlyOnTheInputsOwnNameAndNeverShiftWhenOthersComeOrGo() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        picture(in.resolve("a.jpg"), 1);
        picture(in.resolve("a.png"), 2);
        picture(in.resolve("a.bmp"), 3);
        Path out = dir.resolve("names");
        var first = cli("predict", in.toString(), "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(outputs(out)).containsExactly("a.bmp.png", "a.jpg.png", "a.png");
        byte[] ofJpg = Files.readAllBytes(out.resolve("a.jpg.png"));

        picture(in.resolve("a.gif"), 4); // a picture comes: nothing refused, nothing renamed, nothing redone
        var added = cli("predict", in.toString(), "--out", out.toString());
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.err()).doesNotContain("error");
        assertThat(added.out()).contains("colorized 1 of 4").contains("3 already done");
        assertThat(outputs(out)).containsExactly("a.bmp.png", "a.gif.png", "a.jpg.png", "a.png");
        assertThat(Files.readAllBytes(out.resolve("a.jpg.png"))).isEqualTo(ofJpg);

        Files.delete(in.resolve("a.bmp")); // a picture goes: the others keep their names, and are done
        var removed = cli("predict", in.toString(), "--out", out.toString());
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("colorized 0 of 3").contains("3 already done");
        assertThat(out.resolve("a.gif.png")).exists();
        assertThat(Files.readAllBytes(out.resolve("a.jpg.png"))).isEqualTo(ofJpg);

        // an input in the output format keeps its name: JPEG output keeps a.jpg as is, appends .jpg to a.png
        Path jpegs = dir.resolve("jpegs");
        assertThat(cli("predict", in.toString(), "--out", jpegs.toString(), "--format", "jpeg").code()).isZero();
        assertThat(outputs(jpegs)).containsExactly("a.gif.jpg", "a.jpg", "a.png.jpg");
    }

    @Test
    void ofAJpgBesideAJpgPngTheOneWhoseOwnNameItIsWinsWhateverTheOrderAndTheOtherIsRefused() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        picture(in.resolve("a.jpg"), 1);
        picture(in.resolve("a.jpg.png"), 2);
        picture(in.resolve("b.jpg"), 3);
        for (var args : java.util.List.of(java.util.List.of(in.toString()),
                java.util.List.of(in.resolve("a.jpg").toString(), in.resolve("a.jpg.png").toString(),
                        in.resolve("b.jpg").toString()),
                java.util.List.of(in.resolve("a.jpg.png").toString(), in.resolve("b.jpg").toString(),
                        in.resolve("a.jpg").toString()))) {
            Path out = dir.resolve("out" + args.size() + args.get(0).length());
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("predict"));
            command.addAll(args);
            command.addAll(java.util.List.of("--out", out.toString()));
            var o = cli(command.toArray(String[]::new));
            assertThat(o.code()).as("a refusal is a failure: " + args).isEqualTo(1);
            assertThat(o.err()).as(args.toString()).contains("error: " + in.resolve("a.jpg") + ": its output "
                    + "a.jpg.png is also a.jpg.png's, which keeps its own name: rename this picture to colorize it");
            assertThat(o.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
            assertThat(o.out()).contains("colorized 2 of 3");
            assertThat(outputs(out)).containsExactly("a.jpg.png", "b.jpg.png");
            assertThat(Files.readString(out.resolve(OutputManifest.FILE))).as("made from a.jpg.png, not a.jpg")
                    .contains(in.resolve("a.jpg.png").toRealPath() + "\"").doesNotContain(in.resolve("a.jpg")
                            .toRealPath() + "\"");
        }
    }

    @Test
    void aFolderColoredByAnEarlierReleaseKeepsItsNamesOnAReRun() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        picture(in.resolve("a.jpg"), 1);
        picture(in.resolve("b.tif"), 2);
        Path out = dir.resolve("old");
        assertThat(cli("predict", in.toString(), "--out", out.toString()).code()).isZero();
        // as an earlier release left it: a.png and b.png, recorded in the ledger as made from a.jpg and b.tif
        Files.move(out.resolve("a.jpg.png"), out.resolve("a.png"));
        Files.move(out.resolve("b.tif.png"), out.resolve("b-2.png"));
        Path ledger = out.resolve(OutputManifest.FILE);
        Files.writeString(ledger, Files.readString(ledger).replace("\"a.jpg.png\"", "\"a.png\"")
                .replace("\"b.tif.png\"", "\"b-2.png\""));
        byte[] a = Files.readAllBytes(out.resolve("a.png"));

        var again = cli("predict", in.toString(), "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("colorized 0 of 2").contains("2 already done");
        assertThat(outputs(out)).as("no second copy").containsExactly("a.png", "b-2.png");
        assertThat(Files.readAllBytes(out.resolve("a.png"))).isEqualTo(a);

        // with other settings it is redone, still under the name in use
        var redone = cli("predict", in.toString(), "--out", out.toString(), "--saturation", "0.5");
        assertThat(redone.code()).as(redone.err()).isZero();
        assertThat(redone.out()).contains("colorized 2 of 2");
        assertThat(outputs(out)).containsExactly("a.png", "b-2.png");

        // gone: named by this release's rule
        Files.delete(out.resolve("a.png"));
        assertThat(cli("predict", in.toString(), "--out", out.toString()).code()).isZero();
        assertThat(outputs(out)).containsExactly("a.jpg.png", "b-2.png");
    }
}
