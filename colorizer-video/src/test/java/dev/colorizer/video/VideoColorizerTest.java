package dev.colorizer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.ColorizerException;
import dev.colorizer.DjlSetup;
import dev.colorizer.Pictures;
import dev.colorizer.infer.Colorizer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoColorizerTest {
    private static Colorizer bundled;

    @BeforeAll
    static void load() {
        DjlSetup.offline();
        bundled = Colorizer.loadBundled();
    }

    @AfterAll
    static void close() {
        bundled.close();
    }

    /** A w×h picture of random colored rectangles, seeded: texture for the motion to follow. */
    static BufferedImage blocks(int w, int h, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        for (int k = 0; k < 60; k++) {
            g.setColor(new java.awt.Color(random.nextInt(0x1000000)));
            g.fillRect(random.nextInt(w), random.nextInt(h), 4 + random.nextInt(w / 4), 4 + random.nextInt(h / 3));
        }
        g.dispose();
        return image;
    }

    // a gray scene panning right by 2 px a frame
    private static BufferedImage panFrame(BufferedImage scene, int i, int w, int h) {
        return Pictures.gray(scene.getSubimage(2 * i, 0, w, h));
    }

    @Test
    void keepsFramesTimesSoundAndTitleAndColorsThem(@TempDir Path dir) throws Exception {
        BufferedImage scene = blocks(160, 48, 3);
        Path clip = dir.resolve("pan.mkv");
        // a variable frame rate: the gaps grow
        TestClips.write(clip, TestClips.Spec.of(64, 48, 24, 12, i -> panFrame(scene, i, 64, 48))
                .withTimes(i -> (long) i * (i + 3) / 2).withSound().withTitle("Holiday 1962"));
        Path out = dir.resolve("out/pan.mkv");
        VideoColorizer.Report report = VideoColorizer.builder().setColorizer(bundled).build()
                .colorize(clip, out, (done, expected) -> { });

        assertThat(report.frames()).isEqualTo(12);
        assertThat(report.format()).isEqualTo(VideoFormat.MKV);
        TestClips.Decoded before = TestClips.read(clip);
        TestClips.Decoded after = TestClips.read(out);
        assertThat(after.frames()).hasSize(12);
        assertThat(after.width()).isEqualTo(64);
        assertThat(after.height()).isEqualTo(48);
        assertThat(after.pts()).isEqualTo(before.pts());
        assertThat(TestClips.streams(out)).startsWith("video:h264 audio:pcm_s16le");
        assertThat(TestClips.title(out)).isEqualTo("Holiday 1962");
        assertThat(Pictures.chroma(after.frames().get(6))).isGreaterThan(2);
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("pan.mkv"); // no temp left
        }
    }

    @Test
    void notAVideoIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        VideoColorizer video = VideoColorizer.builder().setColorizer(bundled).build();
        assertThatThrownBy(() -> video.colorize(text, dir.resolve("out/notes.mp4"), (d, e) -> { }))
                .isInstanceOf(ColorizerException.class)
                .hasMessageStartingWith(text + ": is not a video")
                .hasMessageNotContaining("\n");
        assertThat(dir.resolve("out")).isEmptyDirectory();
    }

    @Test
    void aCutStartsAFreshShot(@TempDir Path dir) {
        BufferedImage a = blocks(160, 48, 3);
        BufferedImage b = blocks(160, 48, 99);
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            frames.add(panFrame(i < 8 ? a : b, i % 8, 64, 48));
        }
        List<BufferedImage> out = new ArrayList<>();
        FrameColorizer stream = new FrameColorizer(bundled, 0.75f, List.of(), 8, (c, t) -> out.add(c));
        for (int i = 0; i < frames.size(); i++) {
            stream.add(frames.get(i), i);
        }
        stream.finish();
        assertThat(out).hasSize(16);
        assertThat(stream.shots()).isEqualTo(2);
    }
}
