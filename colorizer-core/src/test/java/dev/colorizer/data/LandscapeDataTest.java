package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original project's 200 (+1) landscape pairs, read from ../shared/data/landscape-200 (never copied in). */
class LandscapeDataTest {
    static final Path LANDSCAPES = Path.of(System.getProperty("colorizer.shared", "../../shared"))
            .resolve("data/landscape-200");

    @BeforeEach
    void needsTheSharedData() {
        assumeTrue(Files.isDirectory(LANDSCAPES), "skipped: " + LANDSCAPES.toAbsolutePath()
                + " is absent (the shared landscape-200 set; set -Dcolorizer.shared=DIR to point at it)");
    }

    @Test
    void allPairsAreFoundInTheOriginalLayout(@TempDir Path cacheDir) {
        ImageFolder folder = ImageFolder.scan(LANDSCAPES);
        assertThat(folder.layout()).isEqualTo(ImageFolder.Layout.PAIRED);
        assertThat(folder.pairs()).hasSize(201);
        assertThat(folder.problems()).isEmpty();
        assertThat(folder.pairs().get(2).name()).startsWith("2.");
        BufferedImage gray = ImageFiles.readRgb(folder.pairs().get(0).gray());
        assertThat(gray.getWidth()).isEqualTo(150);
        try (SampleCache cache = SampleCache.open(folder.pairs().subList(0, 20), 32, cacheDir, p -> {})) {
            assertThat(cache.count()).isEqualTo(20);
            assertThat(cache.problems()).isEmpty();
        }
    }
}
