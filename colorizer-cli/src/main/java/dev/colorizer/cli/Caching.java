package dev.colorizer.cli;

import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.SampleCache;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;

/** Opens (building when needed) the decoded-image cache of a dataset, with a progress bar while it decodes. */
final class Caching {
    private Caching() {}

    static SampleCache open(ImageFolder folder, int size, Path cacheDir) {
        try (ProgressBar bar = Bars.images("decode", folder.pairs().size())) {
            SampleCache cache = SampleCache.open(folder.pairs(), size, cacheDir, p -> bar.stepTo(p.done()));
            if (cache.reused()) {
                bar.stepTo(folder.pairs().size());
            }
            return cache;
        }
    }
}
