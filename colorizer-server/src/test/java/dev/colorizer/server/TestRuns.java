package dev.colorizer.server;

import dev.colorizer.DjlSetup;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.SampleCache;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.TrainConfig;
import dev.colorizer.train.CheckpointListener;
import dev.colorizer.train.MetricsCsvListener;
import dev.colorizer.train.TrainingLoop;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A run folder trained for one epoch on 8 generated pictures at size 16 (about a second), made once per JVM. */
final class TestRuns {
    static final int SIZE = 16;
    private static Path tiny;

    private TestRuns() {}

    static synchronized Path tiny() {
        if (tiny == null) {
            try {
                tiny = train(Files.createTempDirectory("colorizer-server-test"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tiny;
    }

    /** Trains into dir/run; the pictures and cache stay beside it. */
    static Path train(Path dir) throws IOException {
        DjlSetup.offline();
        for (int i = 0; i < 8; i++) {
            ImageFiles.writeImage(picture(40, 40, i), dir.resolve("images/" + i + ".png"), OutputFormat.PNG);
        }
        TrainConfig config = new TrainConfig("unet", 1, 4, 1e-3f, SIZE, 0, 1, false);
        RunDir run = new RunDir(dir.resolve("run"));
        try (SampleCache samples = SampleCache.open(ImageFolder.scan(dir.resolve("images")).pairs(), SIZE,
                dir.resolve("cache"), p -> {})) {
            run.writeConfig(new RunConfig(config, new RunConfig.DataSummary(dir.resolve("images").toString(),
                    "COLOR_ONLY", 8, 0, List.of()), List.of(), List.of(), "2025-01-01T00:00:00Z", "test"));
            new TrainingLoop(config, samples, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[0],
                    List.of(new CheckpointListener(run), new MetricsCsvListener(run))).run(null);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        return run.root();
    }

    /** A w×h picture of smooth colors, different for each seed: warm at the top left, blue at the bottom right. */
    static BufferedImage picture(int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int t = (int) ((x * 255L / w + y * 255L / h + seed * 37) / 2 % 256);
                image.setRGB(x, y, (230 - t * 3 / 4) << 16 | (80 + t / 3) << 8 | (30 + t * 3 / 4));
            }
        }
        return image;
    }

    /** The picture encoded as png, jpg, bmp or gif. */
    static byte[] encoded(BufferedImage image, String format) {
        try (var out = new java.io.ByteArrayOutputStream()) {
            if (!javax.imageio.ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
