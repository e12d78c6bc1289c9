package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.color.Luma;
import dev.colorizer.data.SampleCache.Progress;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCacheTest {
    private static final int S = 8;

    @TempDir
    Path dir;
    private Path cacheDir;

    @BeforeEach
    void images() {
        cacheDir = dir.resolve("cache");
        // pairs 0..3 with gray files of other sizes than their color ones, 4..5 color only
        for (int i = 0; i < 6; i++) {
            TestImages.write(TestImages.noise(20 + i, 15 + 2 * i, i), "png", dir.resolve("color/" + i + ".png"));
            if (i < 4) {
                BufferedImage gray = new BufferedImage(12 + i, 12, BufferedImage.TYPE_BYTE_GRAY);
                gray.getGraphics().drawImage(TestImages.noise(12 + i, 12, 100 + i), 0, 0, null);
                TestImages.write(gray, "png", dir.resolve("gray/" + i + ".png"));
            }
        }
    }

    @Test
    void roundTripEqualsDirectDecodeAndResize() {
        List<ImagePair> pairs = pairs();
        List<Progress> progress = new ArrayList<>();
        try (SampleCache cache = SampleCache.open(pairs, S, cacheDir, progress::add)) {
            assertThat(cache.reused()).isFalse();
            assertThat(cache.count()).isEqualTo(6);
            assertThat(cache.size()).isEqualTo(S);
            assertThat(cache.names()).containsExactly("0.png", "1.png", "2.png", "3.png", "4.png", "5.png");
            assertThat(cache.problems()).isEmpty();
            assertThat(cache.file().getFileName().toString()).matches("samples-8-[0-9a-f]{16}\\.bin");
            assertThat(progress).hasSize(6).last().isEqualTo(new Progress(6, 6));
            for (int i = 0; i < pairs.size(); i++) {
                assertSample(cache, i, pairs.get(i));
            }
        }
    }

    @Test
    void nonSquarePicturesAreCutToTheirCentralSquareNotSquashed() {
        // 24 x 8: red 8 px | green 8 px | blue 8 px; 8 x 16: red top, white middle 8, red bottom
        BufferedImage wide = new BufferedImage(24, 8, BufferedImage.TYPE_INT_RGB);
        BufferedImage tall = new BufferedImage(8, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                if (y < 8) {
                    wide.setRGB(x, y, x < 8 ? 0xFF0000 : x < 16 ? 0x00FF00 : 0x0000FF);
                }
                if (x < 8) {
                    tall.setRGB(x, y, y >= 4 && y < 12 ? 0xFFFFFF : 0xFF0000); // some color: not a gray picture
                }
            }
        }
        Path dataDir = dir.resolve("shapes");
        TestImages.write(wide, "png", dataDir.resolve("wide.png"));
        TestImages.write(tall, "png", dataDir.resolve("tall.png"));
        List<ImagePair> shapes = List.of(new ImagePair("wide.png", dataDir.resolve("wide.png"), null),
                new ImagePair("tall.png", dataDir.resolve("tall.png"), null));
        try (SampleCache cache = SampleCache.open(shapes, 4, cacheDir, p -> { })) {
            byte[] rgb = new byte[3 * 16];
            cache.readRgb(0, rgb); // only the green middle: a squashed picture would hold red and blue too
            for (int i = 0; i < 16; i++) {
                assertThat(new int[] {rgb[i] & 0xFF, rgb[16 + i] & 0xFF, rgb[32 + i] & 0xFF}).containsExactly(0, 255, 0);
            }
            cache.readRgb(1, rgb); // only the white middle
            for (int i = 0; i < 48; i++) {
                assertThat(rgb[i] & 0xFF).isEqualTo(255);
            }
        }
    }

    @Test
    void derivedGrayIsTheLumaOfTheCachedRgb() {
        try (SampleCache cache = SampleCache.open(pairs().subList(4, 6), S, cacheDir, p -> { })) {
            byte[] rgb = new byte[3 * S * S];
            byte[] gray = new byte[S * S];
            cache.readRgb(1, rgb);
            cache.readGray(1, gray);
            for (int i = 0; i < S * S; i++) {
                double y = 0.299 * (rgb[i] & 0xFF) + 0.587 * (rgb[S * S + i] & 0xFF) + 0.114 * (rgb[2 * S * S + i] & 0xFF);
                assertThat(gray[i] & 0xFF).isEqualTo((int) Math.round(y));
            }
        }
    }

    @Test
    void secondOpenReusesTheFileWithoutDecoding() throws IOException {
        List<ImagePair> pairs = pairs();
        Path file;
        byte[] first = new byte[3 * S * S];
        try (SampleCache cache = SampleCache.open(pairs, S, cacheDir, p -> { })) {
            file = cache.file();
            cache.readRgb(5, first);
        }
        FileTime built = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, built);
        List<Progress> progress = new ArrayList<>();
        try (SampleCache cache = SampleCache.open(pairs, S, cacheDir, progress::add)) {
            assertThat(cache.reused()).isTrue();
            assertThat(cache.file()).isEqualTo(file);
            assertThat(progress).containsExactly(new Progress(6, 6)); // one report, no per-image decoding
            byte[] again = new byte[3 * S * S];
            cache.readRgb(5, again);
            assertThat(again).isEqualTo(first);
        }
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(built); // not rewritten
        try (var files = Files.list(cacheDir)) {
            assertThat(files).containsExactly(file); // no temp file left behind
        }
    }

    @Test
    void corruptImageIsSkippedAndReported() throws IOException {
        Path bad = Files.writeString(dir.resolve("color/2.png"), "not a png");
        List<ImagePair> pairs = pairs();
        try (SampleCache cache = SampleCache.open(pairs, S, cacheDir, p -> { })) {
            assertThat(cache.count()).isEqualTo(5);
            assertThat(cache.names()).containsExactly("0.png", "1.png", "3.png", "4.png", "5.png");
            assertThat(cache.problems()).hasSize(1);
            assertThat(cache.problems().get(0).file()).isEqualTo(bad);
            assertThat(cache.problems().get(0).message()).contains("2.png").contains("remove it");
            assertSample(cache, 2, pairs.get(3)); // the samples after it moved up by one
        }
        try (SampleCache cache = SampleCache.open(pairs, S, cacheDir, p -> { })) {
            assertThat(cache.reused()).isTrue();
            assertThat(cache.problems()).hasSize(1); // stored with the cache
        }
    }

    @Test
    void aGrayPictureAmongTheColorOnesIsSkippedAndReported() throws IOException {
        BufferedImage gray = new BufferedImage(20, 15, BufferedImage.TYPE_USHORT_GRAY); // a 16-bit gray PNG
        gray.getGraphics().drawImage(TestImages.noise(20, 15, 7), 0, 0, null);
        Path file = TestImages.write(gray, "png", dir.resolve("color/4.png"));
        try (SampleCache cache = SampleCache.open(pairs(), S, cacheDir, p -> { })) {
            assertThat(cache.names()).doesNotContain("4.png").hasSize(5);
            assertThat(cache.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(file);
                assertThat(p.message()).contains("is a gray picture (no pixel has color)");
            });
        }
    }

    @Test
    void corruptGrayFileSkipsItsPair() throws IOException {
        Path bad = Files.write(dir.resolve("gray/1.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        try (SampleCache cache = SampleCache.open(pairs(), S, cacheDir, p -> { })) {
            assertThat(cache.names()).doesNotContain("1.png").hasSize(5);
            assertThat(cache.problems().get(0).file()).isEqualTo(bad);
        }
    }

    @Test
    void changedImageGivesANewCache() throws IOException {
        Path first;
        try (SampleCache cache = SampleCache.open(pairs(), S, cacheDir, p -> { })) {
            first = cache.file();
        }
        Path changed = TestImages.write(TestImages.solid(30, 30, 0x204060), "png", dir.resolve("color/4.png"));
        Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        List<ImagePair> pairs = pairs();
        try (SampleCache cache = SampleCache.open(pairs, S, cacheDir, p -> { })) {
            assertThat(cache.reused()).isFalse();
            assertThat(cache.file()).isNotEqualTo(first);
            byte[] rgb = new byte[3 * S * S];
            cache.readRgb(4, rgb);
            assertThat(rgb[0] & 0xFF).isEqualTo(0x20);
            assertThat(rgb[S * S] & 0xFF).isEqualTo(0x40);
            assertThat(rgb[2 * S * S] & 0xFF).isEqualTo(0x60);
        }
        try (SampleCache cache = SampleCache.open(pairs, 4, cacheDir, p -> { })) {
            assertThat(cache.reused()).isFalse(); // another working size is another cache
            assertThat(cache.size()).isEqualTo(4);
        }
    }

    @Test
    void damagedCacheFileIsRebuilt() throws IOException {
        Path file;
        try (SampleCache cache = SampleCache.open(pairs(), S, cacheDir, p -> { })) {
            file = cache.file();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5)); // footer cut off
        try (SampleCache cache = SampleCache.open(pairs(), S, cacheDir, p -> { })) {
            assertThat(cache.reused()).isFalse();
            assertThat(cache.file()).isEqualTo(file);
            assertSample(cache, 0, pairs().get(0));
        }
        assertThat(Files.size(file)).isEqualTo(bytes.length);
    }

    @Test
    void concurrentReadsAgreeWithSequentialOnes() throws Exception {
        try (SampleCache cache = SampleCache.open(pairs(), S, cacheDir, p -> { })) {
            byte[][] expected = new byte[cache.count()][3 * S * S];
            for (int i = 0; i < cache.count(); i++) {
                cache.readRgb(i, expected[i]);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> checks = new ArrayList<>();
                for (int t = 0; t < 200; t++) {
                    int index = t % cache.count();
                    checks.add(pool.submit(() -> {
                        byte[] dst = new byte[3 * S * S];
                        cache.readRgb(index, dst);
                        return Arrays.equals(dst, expected[index]);
                    }));
                }
                for (Future<Boolean> check : checks) {
                    assertThat(check.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void interruptedReaderDoesNotBreakTheCacheForOthers() {
        try (SampleCache cache = SampleCache.open(pairs(), S, cacheDir, p -> { })) {
            byte[] dst = new byte[S * S];
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> cache.readGray(0, dst)).isInstanceOf(CancellationException.class);
            } finally {
                assertThat(Thread.interrupted()).isTrue(); // the flag stays set for the caller; cleared here
            }
            cache.readGray(0, dst); // the channel NIO closed on interrupt was reopened
        }
    }

    @Test
    void misuseIsRejected() {
        SampleCache cache = SampleCache.open(pairs(), S, cacheDir, p -> { });
        assertThatThrownBy(() -> cache.readRgb(0, new byte[S * S])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.readGray(6, new byte[S * S])).isInstanceOf(IndexOutOfBoundsException.class);
        cache.close();
        assertThatThrownBy(() -> cache.readGray(0, new byte[S * S])).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
        assertThatThrownBy(() -> SampleCache.open(pairs(), 0, cacheDir, p -> { }))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private List<ImagePair> pairs() {
        List<ImagePair> pairs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path gray = i < 4 ? dir.resolve("gray/" + i + ".png") : null;
            pairs.add(new ImagePair(i + ".png", dir.resolve("color/" + i + ".png"), gray));
        }
        return pairs;
    }

    // the cached sample equals decoding and resizing the files directly
    private static void assertSample(SampleCache cache, int index, ImagePair pair) {
        BufferedImage color = Resize.resize(SampleCache.centralSquare(ImageFiles.readRgb(pair.color())), S, S);
        BufferedImage grayImage = pair.gray() == null ? color
                : Resize.resize(SampleCache.centralSquare(ImageFiles.readRgb(pair.gray())), S, S);
        byte[] expectedGray = new byte[S * S];
        for (int i = 0; i < S * S; i++) {
            expectedGray[i] = (byte) Luma.of(grayImage.getRGB(i % S, i / S));
        }
        byte[] rgb = new byte[3 * S * S];
        byte[] gray = new byte[S * S];
        cache.readRgb(index, rgb);
        cache.readGray(index, gray);
        assertThat(rgb).isEqualTo(TestImages.planarRgb(color));
        assertThat(gray).isEqualTo(expectedGray);
    }
}
