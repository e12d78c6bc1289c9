package dev.colorizer;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.model.Architecture;
import dev.colorizer.run.TrainConfig;
import dev.colorizer.train.TrainListener;
import dev.colorizer.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tiny trained run folders for the tests of every module (through colorizer-core's test-jar), trained by
 * {@link TrainingRun} as {@code colorize train} trains them: {@value #PICTURES} pictures of {@link SyntheticImages}
 * (40×40), one epoch at {@value #SIZE} px, batch 4, learning rate 1e-3, seed 1, no validation split (val_mse is
 * NaN). About a second once PyTorch is loaded.
 */
public final class TrainedRuns {
    /** The pictures a run learns from. */
    public static final int PICTURES = 8;
    /** The working size; an architecture that takes none that small trains at its smallest (unet-hints: 32). */
    public static final int SIZE = 16;

    private static final Map<String, Path> SHARED = new HashMap<>(); // run folder by architecture id

    private TrainedRuns() {}

    /**
     * The run folder of a tiny run of the architecture ({@code unet}, {@code unet-hints}, {@code seed},
     * {@code seed-rgb}), trained on the first call and shared by every later one in this JVM, deleted as the JVM
     * exits. Shared: tests only read it; one that writes into a run trains its own with {@link #train}.
     */
    public static synchronized Path tiny(String architecture) {
        return SHARED.computeIfAbsent(architecture, id -> {
            try {
                Path dir = Files.createTempDirectory("colorizer-" + id + "-run-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                return train(dir, id, List.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Trains a run of its own into {@code dir/run}, its pictures in {@code dir/images}: for a test that watches the
     * training through {@code listeners} (called before the run folder's own: checkpoint, metrics.csv, loss.png) or
     * changes the run afterwards.
     *
     * @return {@code dir/run}
     */
    public static Path train(Path dir, String architecture, List<TrainListener> listeners) throws IOException {
        DjlSetup.offline();
        Path images = dir.resolve("images");
        for (int i = 0; i < PICTURES; i++) {
            ImageFiles.writeImage(SyntheticImages.scene(40, 40, i), images.resolve(i + ".png"), OutputFormat.PNG);
        }
        int size = Math.max(SIZE, 2 * Architecture.fromId(architecture).sizeMultiple());
        TrainConfig config = new TrainConfig(architecture, 1, 4, 1e-3f, size, 0, 1, false);
        try (TrainingRun run = TrainingRun.start(dir.resolve("run"), config, List.of(new TrainingRun.Source(images, 1)),
                "test", new TrainingRun.Events() { })) {
            run.train(listeners);
            return run.runDir().root();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder: the system cleans it in the end
        }
    }
}
