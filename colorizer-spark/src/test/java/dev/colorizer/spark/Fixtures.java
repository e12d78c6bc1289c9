package dev.colorizer.spark;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.SampleCache;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.TrainConfig;
import dev.colorizer.train.CheckpointListener;
import dev.colorizer.train.TrainingLoop;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Tiny generated pictures and a run folder trained on them for one epoch at 16 px (about a second). */
final class Fixtures {
    private Fixtures() {}

    /** A w×h picture of a soft blob (warm centre, blue outside), seeded. */
    static BufferedImage scene(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double cx = random.nextDouble() * w;
        double cy = random.nextDouble() * h;
        double radius = (0.3 + 0.4 * random.nextDouble()) * Math.max(w, h);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = Math.min(1, Math.hypot(x - cx, y - cy) / radius);
                int r = (int) Math.round(220 - 170 * t);
                int g = (int) Math.round(120 + 40 * t);
                int b = (int) Math.round(40 + 200 * t);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** The same picture in gray, as TYPE_BYTE_GRAY. */
    static BufferedImage gray(BufferedImage color) {
        BufferedImage gray = new BufferedImage(color.getWidth(), color.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(color, 0, 0, null);
        return gray;
    }

    /** Trains the seed model for one epoch at 16 px on 8 generated pictures into {@code run}. */
    static Path trainedRun(Path work) throws Exception {
        Path images = work.resolve("train-images");
        for (int i = 0; i < 8; i++) {
            ImageFiles.writeImage(scene(24, 24, i), images.resolve(i + ".png"), OutputFormat.PNG);
        }
        Path root = work.resolve("run");
        RunDir run = new RunDir(root);
        TrainConfig config = new TrainConfig("unet", 1, 4, 1e-3f, 16, 0.0, 42, false);
        ImageFolder folder = ImageFolder.scan(images);
        try (SampleCache cache = SampleCache.open(folder.pairs(), 16, run.cacheDir(), p -> {})) {
            int[] all = IntStream.range(0, cache.count()).toArray();
            run.writeConfig(new RunConfig(config, new RunConfig.DataSummary(images.toString(),
                    folder.layout().name(), cache.count(), 0, List.of()), cache.names(), List.of(),
                    Instant.now().toString(), "test"));
            new TrainingLoop(config, cache, all, new int[0], List.of(new CheckpointListener(run))).run(null);
        }
        return root;
    }
}
