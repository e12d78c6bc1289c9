package dev.colorizer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.DjlSetup;
import dev.colorizer.data.SampleCache;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    private static final int[] TRAIN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final int[] VALIDATION = {10, 11};

    @TempDir
    Path dir;

    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    private static TrainConfig config(String model, int epochs) {
        return new TrainConfig(model, epochs, 4, 3e-3f, 16, 0.1, 7, true);
    }

    @Test
    void aFewStepsLowerTheLossOfBothModels() throws Exception {
        try (SampleCache samples = TrainingFixture.samples(dir, 12, 16)) {
            for (String model : List.of("seed", "seed-rgb", "unet")) {
                List<Double> losses = new ArrayList<>();
                TrainListener recorder = new TrainListener() {
                    @Override
                    public void onBatch(int epoch, int batch, double loss, int images) {
                        losses.add(loss);
                    }
                };
                List<EpochMetrics> history = new TrainingLoop(config(model, 4), samples, TRAIN, VALIDATION,
                        List.of(recorder)).run(null);
                assertThat(history).hasSize(4);
                double first = losses.subList(0, 3).stream().mapToDouble(d -> d).average().orElseThrow();
                double last = losses.subList(losses.size() - 3, losses.size()).stream().mapToDouble(d -> d)
                        .average().orElseThrow();
                assertThat(last).as(model + " loss, first batches vs last").isLessThan(first * 0.8);
                assertThat(history.get(3).valMse()).isLessThan(history.get(0).valMse());
            }
        }
    }

    @Test
    void aResumedRunContinuesAtTheNextEpochAndMatchesAnUninterruptedOne() throws Exception {
        try (SampleCache samples = TrainingFixture.samples(dir, 12, 16)) {
            RunDir straight = new RunDir(dir.resolve("straight"));
            List<EpochMetrics> uninterrupted = new TrainingLoop(config("seed", 3), samples, TRAIN, VALIDATION,
                    List.of(new CheckpointListener(straight))).run(null);

            RunDir interrupted = new RunDir(dir.resolve("interrupted"));
            new TrainingLoop(config("seed", 2), samples, TRAIN, VALIDATION,
                    List.of(new CheckpointListener(interrupted), new MetricsCsvListener(interrupted))).run(null);
            Path checkpoint = interrupted.latestCheckpoint().orElseThrow();
            assertThat(checkpoint.getFileName().toString()).isEqualTo("epoch-0002");
            List<EpochMetrics> savedHistory = Checkpoint.readState(checkpoint).history();
            List<Integer> epochsRun = new ArrayList<>();
            TrainListener epochs = new TrainListener() {
                @Override
                public void onEpochEnd(EpochEnd end) {
                    epochsRun.add(end.metrics().epoch());
                }
            };
            List<EpochMetrics> resumed = new TrainingLoop(config("seed", 3), samples, TRAIN, VALIDATION,
                    List.of(epochs, new CheckpointListener(interrupted), new MetricsCsvListener(interrupted)))
                    .run(checkpoint);

            assertThat(epochsRun).containsExactly(3);
            assertThat(resumed).hasSize(3);
            assertThat(resumed.subList(0, 2)).isEqualTo(savedHistory);
            // same batches, same weights, same Adam moments: the third epoch is the uninterrupted one's
            assertThat(resumed.get(2).trainMse()).isCloseTo(uninterrupted.get(2).trainMse(), within(1e-7));
            assertThat(resumed.get(2).valMse()).isCloseTo(uninterrupted.get(2).valMse(), within(1e-7));
            assertThat(Files.readAllLines(interrupted.metricsFile())).hasSize(4); // header + 3 epochs
            assertThat(interrupted.latestCheckpoint().orElseThrow().getFileName().toString()).isEqualTo("epoch-0003");
            try (var left = Files.list(interrupted.checkpointsDir())) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("epoch-0003", "latest.json");
            }
        }
    }

    @Test
    void aRunWithRandomCropsAndDegradedInputsResumesExactly() throws Exception {
        TrainConfig cropping = new TrainConfig("seed-rgb", 3, 4, 3e-3f, 16, 0.1, 7, true, null, null, null, 0.8, 0.5);
        TrainConfig firstTwo = new TrainConfig("seed-rgb", 2, 4, 3e-3f, 16, 0.1, 7, true, null, null, null, 0.8, 0.5);
        try (SampleCache samples = TrainingFixture.samples(dir, 12, cropping.cachedSize(16))) {
            List<EpochMetrics> straight = new TrainingLoop(cropping, samples, TRAIN, VALIDATION, List.of()).run(null);
            RunDir interrupted = new RunDir(dir.resolve("interrupted"));
            new TrainingLoop(firstTwo, samples, TRAIN, VALIDATION, List.of(new CheckpointListener(interrupted)))
                    .run(null);
            List<EpochMetrics> resumed = new TrainingLoop(cropping, samples, TRAIN, VALIDATION, List.of())
                    .run(interrupted.latestCheckpoint().orElseThrow());
            // the same crops and degradations in the third epoch as the uninterrupted run's
            assertThat(resumed.get(2).trainMse()).isCloseTo(straight.get(2).trainMse(), within(1e-7));
            assertThat(resumed.get(2).valMse()).isCloseTo(straight.get(2).valMse(), within(1e-7));
        }
    }

    @Test
    void theBinsModelResumesExactly() throws Exception {
        TrainConfig three = new TrainConfig("unet-bins", 3, 4, 3e-3f, 32, 0.1, 7, true);
        TrainConfig two = new TrainConfig("unet-bins", 2, 4, 3e-3f, 32, 0.1, 7, true);
        try (SampleCache samples = TrainingFixture.samples(dir, 12, 32)) {
            List<EpochMetrics> straight = new TrainingLoop(three, samples, TRAIN, VALIDATION, List.of()).run(null);
            assertThat(straight).allSatisfy(m -> assertThat(m.valMse()).isFinite());
            RunDir interrupted = new RunDir(dir.resolve("interrupted"));
            new TrainingLoop(two, samples, TRAIN, VALIDATION, List.of(new CheckpointListener(interrupted))).run(null);
            List<EpochMetrics> resumed = new TrainingLoop(three, samples, TRAIN, VALIDATION, List.of())
                    .run(interrupted.latestCheckpoint().orElseThrow());
            // the same rebalancing weights, batches and head: the third epoch is the uninterrupted one's
            assertThat(resumed.get(2).trainMse()).isCloseTo(straight.get(2).trainMse(), within(1e-7));
            assertThat(resumed.get(2).valMse()).isCloseTo(straight.get(2).valMse(), within(1e-7));
        }
    }
}
