package dev.colorizer.train;

import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.SampleCache;
import java.nio.file.Path;

/** A cache of n generated color pictures at size s, written into dir. */
final class TrainingFixture {
    private TrainingFixture() {}

    static SampleCache samples(Path dir, int n, int s) {
        for (int i = 0; i < n; i++) {
            ImageFiles.writeImage(SyntheticImages.scene(40, 40, i), dir.resolve("images/" + i + ".png"),
                    OutputFormat.PNG);
        }
        return SampleCache.open(ImageFolder.scan(dir.resolve("images")).pairs(), s, dir.resolve("cache"), p -> {});
    }
}
