package dev.colorizer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.ColorizerException;
import dev.colorizer.DjlSetup;
import dev.colorizer.SyntheticImages;
import dev.colorizer.TestWording;
import dev.colorizer.TrainedRuns;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.model.Architecture;
import ai.djl.Model;
import ai.djl.nn.Parameter;
import dev.colorizer.DjlSetup;
import dev.colorizer.SyntheticImages;
import dev.colorizer.UsageException;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.model.Architecture;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.StoredModel;
import dev.colorizer.run.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @Test
    void severalWeightedFoldersAndStagedSizesAreRecordedAndResumed() throws Exception {
        for (int i = 0; i < 10; i++) {
            ImageFiles.writeImage(SyntheticImages.scene(40, 30, i), dir.resolve("scenes/" + i + ".png"),
                    OutputFormat.PNG);
        }
        for (int i = 0; i < 6; i++) { // same file names as in scenes/: the labels keep them apart
            ImageFiles.writeImage(SyntheticImages.scene(30, 50, 100 + i), dir.resolve("other/" + i + ".png"),
                    OutputFormat.PNG);
        }
        List<TrainingRun.Source> sources = List.of(TrainingRun.Source.parse(dir.resolve("scenes").toString()),
                TrainingRun.Source.parse(dir.resolve("other") + "@0.5"));
        TrainConfig config = new TrainConfig("unet", 2, 4, 1e-3f, 24, 0.2, 5, false, null,
                List.of(new TrainConfig.Stage(16, 1), new TrainConfig.Stage(24, 1)));
        Path out = dir.resolve("run");
        try (TrainingRun run = TrainingRun.start(out, config, sources, "test", new TrainingRun.Events() { })) {
            RunConfig saved = run.config();
            assertThat(saved.data().sources()).extracting(RunConfig.DataSource::label, RunConfig.DataSource::weight,
                            RunConfig.DataSource::images, RunConfig.DataSource::validation)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("scenes", 1.0, 10, 2),
                            org.assertj.core.groups.Tuple.tuple("other", 0.5, 6, 2));
            assertThat(saved.validationNames()).hasSize(4).allMatch(n -> n.startsWith("scenes/") || n.startsWith("other/"));
            assertThat(saved.trainNames()).hasSize(12).doesNotContainAnyElementsOf(saved.validationNames());
            assertThat(run.epochLength()).isEqualTo(8 + 2); // scenes' 8 once, half of other's 4
            List<EpochMetrics> history = run.train(List.of());
            assertThat(history).hasSize(2);
        }
        try (Stream<Path> caches = Files.list(out.resolve("cache"))) {
            assertThat(caches.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("samples-16-")).anyMatch(n -> n.startsWith("samples-24-"));
        }
        assertThatThrownBy(() -> TrainingRun.start(out, config, sources, "test", new TrainingRun.Events() { }))
                .isInstanceOf(UsageException.class).hasMessageContaining("pass resume to continue it");

        try (TrainingRun resumed = TrainingRun.resume(out, 3, List.of(), new TrainingRun.Events() { })) {
            assertThat(resumed.config().train().stages())
                    .containsExactly(new TrainConfig.Stage(16, 1), new TrainConfig.Stage(24, 2));
            assertThat(resumed.config().data().sources()).hasSize(2);
            List<EpochMetrics> history = resumed.train(List.of());
            assertThat(history).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        }
        assertThat(TrainingRun.validationPairs(new dev.colorizer.run.RunDir(out).readConfig()))
                .hasSize(4).allMatch(p -> Files.isRegularFile(p.color()));
    }

    @Test
    void overlappingDataFoldersAreRefusedAndALoneFoldersWeightIsKept() throws Exception {
        for (int i = 0; i < 6; i++) {
            ImageFiles.writeImage(SyntheticImages.scene(24, 24, i), dir.resolve("outer/" + (i < 3 ? "" : "sub/") + i
                    + ".png"), OutputFormat.PNG);
        }
        TrainConfig config = new TrainConfig("unet", 1, 2, 1e-3f, 16, 0.2, 5, false, null, null);
        var events = new TrainingRun.Events() { };
        Path outer = dir.resolve("outer");
        assertThatThrownBy(() -> TrainingRun.start(dir.resolve("r1"), config, List.of(new TrainingRun.Source(outer, 1),
                new TrainingRun.Source(outer.resolve("sub"), 1)), "test", events))
                .isInstanceOf(UsageException.class).hasMessageContaining("is inside data " + outer);
        assertThatThrownBy(() -> TrainingRun.start(dir.resolve("r2"), config, List.of(new TrainingRun.Source(outer, 1),
                new TrainingRun.Source(dir.resolve("outer/sub/.."), 2)), "test", events))
                .isInstanceOf(UsageException.class).hasMessageContaining("is given twice").hasMessageContaining("@WEIGHT");
        assertThat(dir.resolve("r1")).doesNotExist();

        Path out = dir.resolve("weighted");
        Path relative = Path.of("").toAbsolutePath().relativize(outer); // as typed from the current folder
        try (TrainingRun run = TrainingRun.start(out, config, List.of(new TrainingRun.Source(relative, 2)), "test",
                events)) {
            assertThat(run.epochLength()).isEqualTo(2 * run.config().trainNames().size());
        }
        RunConfig saved = new RunDir(out).readConfig();
        assertThat(saved.data().sources()).as("a lone folder's weight, for --resume")
                .singleElement().extracting(RunConfig.DataSource::weight).isEqualTo(2.0);
        assertThat(saved.data().path()).as("absolute: found again from any folder").isEqualTo(outer.toString());
        try (TrainingRun resumed = TrainingRun.resume(out, null, List.of(), events)) {
            assertThat(resumed.epochLength()).isEqualTo(2 * saved.trainNames().size());
        }
    }

    @Test
    void aFolderOfUnreadablePicturesIsRefusedWithoutRecordingARun() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(bad.resolve(i + ".jpg"), "not a picture");
        }
        TrainConfig config = new TrainConfig("unet", 1, 2, 1e-3f, 16, 0.2, 5, false, null, null);
        Path out = dir.resolve("run");
        assertThatThrownBy(() -> TrainingRun.start(out, config, List.of(new TrainingRun.Source(bad, 1)), "test",
                new TrainingRun.Events() { })).isInstanceOf(ColorizerException.class)
                .hasMessageContaining("no picture of the data folders could be read (3 tried");
        assertThat(out.resolve(RunDir.CONFIG)).as("no run recorded: the same --out is free").doesNotExist();
    }

    @Test
    void anExportedModelIsUsedAsItsRunsNewestCheckpoint() throws Exception {
        Path run = TrainedRuns.tiny("unet");
        Path exported = dir.resolve("exported");
        new RunDir(run).exportModel(exported);
        StoredModel fromRun = StoredModel.ofRun(run);
        StoredModel fromExport = StoredModel.ofRun(exported);
        assertThat(fromExport.weights()).isEqualTo(fromRun.weights());
        assertThat(fromExport.config().train()).isEqualTo(fromRun.config().train());
        assertThatThrownBy(() -> RunDir.existing(exported)).isInstanceOf(ColorizerException.class)
                .hasMessageContaining("holds an exported model");
    }

    @Test
    void aRunInitialisedFromAnotherStartsAtItsWeightsAndRecordsIt() throws Exception {
        for (int i = 0; i < 8; i++) {
            ImageFiles.writeImage(SyntheticImages.scene(30, 30, i), dir.resolve("data/" + i + ".png"), OutputFormat.PNG);
        }
        List<TrainingRun.Source> sources = List.of(TrainingRun.Source.parse(dir.resolve("data").toString()));
        Path first = TrainedRuns.tiny("unet");
        // a learning rate so small that the weights stay where they started
        TrainConfig fineTune = new TrainConfig("unet", 1, 4, 1e-12f, 16, 0.25, 6, false, null, null,
                first.toString());
        Path second = dir.resolve("second");
        try (TrainingRun run = TrainingRun.start(second, fineTune, sources, "test", new TrainingRun.Events() { })) {
            run.train(List.of());
        }
        RunConfig tuned = new RunDir(second).readConfig();
        RunConfig started = new RunDir(first).readConfig();
        assertThat(tuned.train().initFrom()).isEqualTo(first.toString());
        assertThat(tuned.base()).as("the base model's recipe, for provenance")
                .isEqualTo(RunConfig.BaseRecipe.of(first.toString(), started));
        assertThat(tuned.base().train()).isEqualTo(started.train());
        assertThat(started.base()).as("a run from random weights has no base").isNull();
        try (Model a = weights(first); Model b = weights(second)) {
            var before = a.getBlock().getParameters();
            var after = b.getBlock().getParameters();
            before.forEach(p -> {
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    assertThat(after.get(p.getKey()).getArray().allClose(p.getValue().getArray(), 1e-6, 1e-7, false))
                            .as(p.getKey()).isTrue();
                }
            });
        }

        TrainConfig otherModel = new TrainConfig("seed", 1, 4, 1e-3f, 16, 0.25, 6, false, null, null,
                first.toString());
        assertThatThrownBy(() -> TrainingRun.start(dir.resolve("third"), otherModel, sources, "test",
                new TrainingRun.Events() { }))
                .isInstanceOf(UsageException.class).hasMessageContaining("unet model")
                .hasMessageContaining("architecture unet").hasMessageContaining(first.toString());
    }

    private static Model weights(Path runDir) {
        StoredModel stored = StoredModel.ofRun(runDir);
        Model model = Model.newInstance("weights");
        model.setBlock(Architecture.fromId(stored.config().train().model()).newBlock());
        stored.loadInto(model.getBlock(), model.getNDManager());
        return model;
    }

    @Test
    void aSizeThatCannotFitIsRefusedBeforeAnyWorkSayingWhatFits() throws Exception {
        for (int i = 0; i < 4; i++) {
            ImageFiles.writeImage(SyntheticImages.scene(30, 30, i), dir.resolve("few/" + i + ".png"), OutputFormat.PNG);
        }
        Path out = dir.resolve("huge");
        TrainConfig huge = new TrainConfig("unet", 1, 16, 1e-3f, 23168, 0.25, 5, false);
        assertThatThrownBy(() -> TrainingRun.start(out, huge,
                List.of(TrainingRun.Source.parse(dir.resolve("few").toString())), "test", new TrainingRun.Events() { }))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("training size 23168 with batch size 16 needs")
                .satisfies(e -> assertThat(((UsageException) e).message(TestWording.FLAGS))
                        .contains("--train-size 23168 with --batch 16 needs").matches("(?s).*use --train-size \\d+ or less.*"));
        assertThat(out).as("nothing written, no cache left behind").doesNotExist();
        assertThat(Architecture.UNET_HINTS.trainingBytesPerImage(128)).as("about 60 MB per picture at 128 px")
                .isBetween(20L << 20, 200L << 20);
        assertThat(Architecture.UNET_HINTS.trainingBytesPerImage(256))
                .isEqualTo(4 * Architecture.UNET_HINTS.trainingBytesPerImage(128));
    }

    @Test
    void stagesMapEpochsToSizes() {
        TrainConfig config = new TrainConfig("unet", 5, 8, 1e-3f, 128, 0.1, 1, true, null,
                List.of(new TrainConfig.Stage(64, 3), new TrainConfig.Stage(128, 2)));
        assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(config::sizeAt)).containsExactly(64, 64, 64, 128, 128, 128);
        assertThat(config.withEpochs(7).stages()).containsExactly(new TrainConfig.Stage(64, 3),
                new TrainConfig.Stage(128, 4));
        // --epochs too few for the stages: a usage error (it was an IllegalArgumentException, exit code 2 then)
        assertThatThrownBy(() -> config.withEpochs(3)).isInstanceOf(UsageException.class)
                .hasMessageContaining("epochs 3");
        assertThatThrownBy(() -> new TrainConfig("unet", 4, 8, 1e-3f, 128, 0.1, 1, true, null,
                List.of(new TrainConfig.Stage(64, 3), new TrainConfig.Stage(128, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up to 4");
        assertThat(new TrainConfig("unet", 4, 8, 1e-3f, 96, 0.1, 1, true).stagesOrSingle())
                .containsExactly(new TrainConfig.Stage(96, 4));
    }

    @Test
    void sourceSpecsTakeAnOptionalWeight() {
        assertThat(TrainingRun.Source.parse("photos")).isEqualTo(new TrainingRun.Source(Path.of("photos"), 1));
        assertThat(TrainingRun.Source.parse("a/b@2.5")).isEqualTo(new TrainingRun.Source(Path.of("a/b"), 2.5));
        assertThatThrownBy(() -> TrainingRun.Source.parse("photos@x")).isInstanceOf(UsageException.class)
                .hasMessageContaining("DIR@WEIGHT");
        assertThatThrownBy(() -> TrainingRun.Source.parse("photos@0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("positive");
    }
}
