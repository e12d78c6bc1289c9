package dev.colorizer.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ColorizerException;
import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.Provenance;
import dev.colorizer.run.OutputManifest.InputStamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder job of predict and Spark, on local files with the bundled model: each picture alone, never lost. */
class FolderJobTest {
    private static final Colorizer colorizer = dev.colorizer.BundledModel.shared();

    @TempDir
    Path dir;

    private Path picture(String name, long seed) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(dev.colorizer.Pictures.gray(SyntheticImages.scene(48, 32, seed)), "png", file.toFile());
        return file;
    }

    // the local store, except that one input's size and time cannot be read after it was (it "vanished")
    private static PictureStore<Path> vanishing(Path gone) {
        return new ForwardingStore<>(LocalPictures.INSTANCE) {
            @Override
            public InputStamp stamp(Path file) throws IOException {
                if (file.equals(gone)) {
                    throw new java.nio.file.NoSuchFileException(file.toString());
                }
                return super.stamp(file);
            }
        };
    }

    @Test
    void eachPictureIsWrittenWithItsRecordAndHandedToTheLedgerWhileABadOneFailsAlone() throws Exception {
        Path a = picture("a.png", 1);
        Path b = picture("b.png", 2);
        Path broken = dir.resolve("broken.png");
        Files.writeString(broken, "not a picture");
        Path vanished = picture("vanished.png", 3);
        Path out = Files.createDirectories(dir.resolve("out"));
        List<Path> claimed = new CopyOnWriteArrayList<>();
        List<FolderJob.Outcome<Path>> recorded = new CopyOnWriteArrayList<>();
        FolderJob<Path> job = FolderJob.<Path>builder().setStore(vanishing(vanished))
                .setRecipe(new OutputRecipe(colorizer, OutputFormat.PNG, 0.95f)).optLedger(new FolderJob.Ledger<>() {
                    @Override
                    public void claim(List<FolderJob.Item<Path>> items) {
                        items.forEach(i -> claimed.add(i.output()));
                    }

                    @Override
                    public boolean replaces(FolderJob.Item<Path> item) {
                        return false;
                    }

                    @Override
                    public void written(FolderJob.Outcome<Path> made) {
                        recorded.add(made);
                    }
                }).build();
        List<ColorHint> red = List.of(ColorHint.ofRgb(10, 10, 0xC83C28));
        List<FolderJob.Item<Path>> items = List.of(new FolderJob.Item<>(a, out.resolve("a.png")),
                new FolderJob.Item<>(b, null, out.resolve("b.png"), red, null),
                new FolderJob.Item<>(broken, out.resolve("broken.png")),
                new FolderJob.Item<>(vanished, out.resolve("vanished.png")));

        List<FolderJob.Outcome<Path>> outcomes = job.run(items);

        assertThat(outcomes).extracting(FolderJob.Outcome::status).containsExactly(FolderJob.Status.MADE,
                FolderJob.Status.MADE, FolderJob.Status.FAILED, FolderJob.Status.FAILED);
        assertThat(outcomes.get(2).message()).startsWith(broken.toString());
        assertThat(outcomes.get(3).message()).contains(vanished.toString()).contains("vanished").contains("run again");
        assertThat(claimed).containsExactlyInAnyOrder(out.resolve("a.png"), out.resolve("b.png"));
        assertThat(recorded).extracting(o -> o.item().output()).containsExactlyInAnyOrder(out.resolve("a.png"),
                out.resolve("b.png"));
        assertThat(outcomes.get(0).stamp()).isEqualTo(InputStamp.of(a));
        assertThat(outcomes.get(1).settings()).as("its own hints are part of what made it")
                .isEqualTo(job.settings(items.get(1))).isNotEqualTo(outcomes.get(0).settings());
        Provenance record = Provenance.read(ImageFiles.readMetadata(out.resolve("b.png")), out.resolve("b.png"))
                .orElseThrow();
        assertThat(record.hints()).isEqualTo(red);
        assertThat(record.model()).isEqualTo(colorizer.identity());
        assertThat(ImageFiles.readRgb(out.resolve("a.png")).getWidth()).isEqualTo(48);
        assertThat(out.resolve("broken.png")).doesNotExist();
        assertThat(out.resolve("vanished.png")).doesNotExist();
    }

    @Test
    void aFileAtAnOutputThatIsNotTheJobsIsKept() throws Exception {
        Path a = picture("a.png", 4);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path theirs = Files.writeString(out.resolve("a.png"), "somebody's file");
        FolderJob<Path> job = FolderJob.<Path>builder().setStore(LocalPictures.INSTANCE)
                .setRecipe(new OutputRecipe(colorizer, OutputFormat.PNG, 0.95f)).optLedger(item -> {
                    throw new ColorizerException(item.output(), "a file appeared there during this run: it is not "
                            + "replaced; move it away");
                }).build();

        List<FolderJob.Outcome<Path>> outcomes = job.run(List.of(new FolderJob.Item<>(a, theirs)));

        assertThat(outcomes.get(0).status()).isEqualTo(FolderJob.Status.FAILED);
        assertThat(outcomes.get(0).message()).startsWith(theirs + ": a file appeared");
        assertThat(outcomes.get(0).width()).as("refused before the picture was read").isNull();
        assertThat(Files.readString(theirs)).isEqualTo("somebody's file");
    }

    @Test
    void withoutALedgerAnOutputInPlaceIsKeptBeforeAnyWorkAndAHintOutsideNamesItsPicture() throws Exception {
        Path a = picture("a.png", 7);
        Path out = Files.createDirectories(dir.resolve("out"));
        FolderJob<Path> job = FolderJob.<Path>builder().setStore(LocalPictures.INSTANCE)
                .setRecipe(new OutputRecipe(colorizer, OutputFormat.PNG, 0.95f)).build();
        FolderJob.Item<Path> item = new FolderJob.Item<>(a, out.resolve("a.png"));
        assertThat(job.run(List.of(item)).get(0).status()).isEqualTo(FolderJob.Status.MADE);
        byte[] made = Files.readAllBytes(out.resolve("a.png"));

        FolderJob.Outcome<Path> again = job.run(List.of(item)).get(0);

        assertThat(again.status()).isEqualTo(FolderJob.Status.KEPT);
        assertThat(again.message()).startsWith(out.resolve("a.png") + ": a file is there").contains("move it away");
        assertThat(again.width()).as("found before the picture was read").isNull();
        assertThat(Files.readAllBytes(out.resolve("a.png"))).isEqualTo(made);
        FolderJob.Outcome<Path> outside = job.run(List.of(new FolderJob.Item<>(a, null, out.resolve("b.png"),
                List.of(ColorHint.ofRgb(9999, 5, 0xC83C28)), null))).get(0);
        assertThat(outside.status()).isEqualTo(FolderJob.Status.FAILED);
        assertThat(outside.message()).startsWith(a + ": ").contains("outside");
    }

    @Test
    void theRecordOfWhatMadeAnOutputNamesTheModelSettingsFormatHintsAndReference() throws Exception {
        Path a = picture("a.png", 5);
        Path reference = dir.resolve("reference.png");
        ImageIO.write(SyntheticImages.scene(40, 30, 6), "png", reference.toFile());
        OutputRecipe png = new OutputRecipe(colorizer, OutputFormat.PNG, 0.95f);
        FolderJob<Path> job = FolderJob.<Path>builder().setStore(LocalPictures.INSTANCE).setRecipe(png).build();
        String plain = job.settings(new FolderJob.Item<>(a, dir.resolve("o.png")));
        List<String> others = new ArrayList<>();
        others.add(job.settings(new FolderJob.Item<>(a, null, dir.resolve("o.png"), List.of(), reference)));
        others.add(new OutputRecipe(colorizer, OutputFormat.JPEG, 0.95f).settings(List.of(), null));
        others.add(new OutputRecipe(colorizer.with(colorizer.settings().withSaturation(1.2f)), OutputFormat.PNG,
                0.95f).settings(List.of(), null));
        others.add(new OutputRecipe(colorizer.with(colorizer.settings().withMirrorAveraging(false)),
                OutputFormat.PNG, 0.95f).settings(List.of(), null));
        assertThat(plain).contains(colorizer.identity()).isEqualTo(png.settings(List.of(), null));
        assertThat(others).doesNotContain(plain).doesNotHaveDuplicates();
    }
}
