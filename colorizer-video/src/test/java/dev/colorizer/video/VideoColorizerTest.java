package dev.colorizer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.ColorizerException;
import dev.colorizer.Pictures;
import dev.colorizer.infer.Colorizer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoColorizerTest {
    private static final Colorizer bundled = dev.colorizer.BundledModel.shared();

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
        assertThat(TestClips.tag(out, "title")).isEqualTo("Holiday 1962");
        assertThat(TestClips.tag(out, "creation_time")).startsWith("1962-07-14T10:30:00");
        assertThat(TestClips.soundDigest(out)).isEqualTo(TestClips.soundDigest(clip)).doesNotStartWith("0 packets");
        assertThat(TestClips.frameRate(out)).isEqualTo(TestClips.frameRate(clip));
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
        // nothing of the first shot reaches the second: its first frame is colored as if it were alone
        List<BufferedImage> alone = colorize(frames.subList(8, 9), 0f, List.of());
        assertThat(Pictures.maxChannelDifference(out.get(8), alone.get(0))).isLessThanOrEqualTo(2);
        assertThat(Pictures.maxChannelDifference(out.get(9), colorize(frames.subList(9, 10), 0f, List.of()).get(0)))
                .as("the second frame of the shot is steadied by the first").isGreaterThan(2);
    }

    @Test
    void aFailureMidwayLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("reel.mkv");
        TestClips.write(clip, TestClips.Spec.of(64, 48, 12, 24, i -> Pictures.gray(blocks(64, 48, 1))));
        VideoColorizer video = VideoColorizer.builder().setColorizer(bundled).optBatch(2).build();
        assertThatThrownBy(() -> video.colorize(clip, dir.resolve("out/reel.mkv"), (done, expected) -> {
            if (done == 6) {
                throw new IllegalStateException("stopped at frame 6");
            }
        })).hasMessage("stopped at frame 6");
        assertThat(dir.resolve("out")).isEmptyDirectory();
    }

    // gray frames of a pan over a textured scene, 2 px a frame, with grain (σ 6 levels) and exposure flicker (±8 %)
    private static List<BufferedImage> grainyPan(BufferedImage scene, int frames, int w, int h) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            BufferedImage gray = panFrame(scene, i, w, h);
            double gain = 1 + 0.08 * (2 * random.nextDouble() - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = (gray.getRGB(x, y) & 0xFF) * gain + 6 * random.nextGaussian();
                    int level = (int) Math.max(0, Math.min(255, Math.round(v)));
                    gray.setRGB(x, y, level * 0x010101);
                }
            }
            out.add(gray);
        }
        return out;
    }

    // the mean a/b change of scene points from each frame to the next, following the pan (2 px a frame)
    private static double flicker(List<BufferedImage> frames) {
        float[] lab0 = new float[3];
        float[] lab1 = new float[3];
        double sum = 0;
        int n = 0;
        for (int t = 0; t + 1 < frames.size(); t++) {
            BufferedImage a = frames.get(t);
            BufferedImage b = frames.get(t + 1);
            for (int y = 2; y < a.getHeight() - 2; y += 3) {
                for (int x = 4; x < a.getWidth() - 2; x += 3) {
                    dev.colorizer.color.Lab.rgbToLab(a.getRGB(x, y), lab0, 0);
                    dev.colorizer.color.Lab.rgbToLab(b.getRGB(x - 2, y), lab1, 0);
                    sum += Math.hypot(lab0[1] - lab1[1], lab0[2] - lab1[2]);
                    n++;
                }
            }
        }
        return sum / n;
    }

    @Test
    void aShotTakesTheReferencesColorsAllAlong() {
        BufferedImage a = blocks(200, 64, 3);
        BufferedImage b = blocks(200, 64, 99);
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            frames.add(panFrame(i < 6 ? a : b, i % 6, 96, 64));
        }
        // the reference: the first shot's scene mirrored, in greens
        BufferedImage reference = new BufferedImage(110, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 110; x++) {
                int v = Pictures.gray(a).getRGB(109 - x, y) & 0xFF;
                reference.setRGB(x, y, new java.awt.Color(v / 2, Math.min(255, v + 30), v / 3).getRGB());
            }
        }
        List<BufferedImage> plain = new ArrayList<>();
        List<BufferedImage> green = new ArrayList<>();
        FrameColorizer without = new FrameColorizer(bundled, 0.75f, List.of(), 8, (c, t) -> plain.add(c));
        FrameColorizer with = new FrameColorizer(bundled, 0.75f, List.of(), reference, 8, (c, t) -> green.add(c));
        for (int i = 0; i < frames.size(); i++) {
            without.add(frames.get(i), i);
            with.add(frames.get(i), i);
        }
        without.finish();
        with.finish();
        assertThat(with.shots()).isEqualTo(2);
        // the first shot greener (a* lower) from its first frame to its last, as the camera moves
        for (int i : new int[] {0, 5}) {
            assertThat(Pictures.meanAb(green.get(i), 0, 48, 32, 24) - Pictures.meanAb(plain.get(i), 0, 48, 32, 24))
                    .as("frame " + i).isLessThan(-5);
        }
    }

    private static List<BufferedImage> colorize(List<BufferedImage> frames, float memory,
                                                List<dev.colorizer.infer.ColorHint> hints) {
        List<BufferedImage> out = new ArrayList<>();
        FrameColorizer stream = new FrameColorizer(bundled, memory, hints, 8, (c, t) -> out.add(c));
        for (int i = 0; i < frames.size(); i++) {
            stream.add(frames.get(i), i);
        }
        stream.finish();
        return out;
    }

    @Test
    void colorsStaySteadierAlongAPanWithGrainAndFlicker() {
        List<BufferedImage> frames = grainyPan(blocks(240, 64, 11), 24, 96, 64);
        double alone = flicker(colorize(frames, 0f, List.of()));
        double steady = flicker(colorize(frames, SteadyColors.DEFAULT_MEMORY, List.of()));
        assertThat(steady).isLessThan(0.7 * alone);
    }

    @Test
    void aHintFollowsItsPointAsTheCameraMoves() {
        BufferedImage scene = blocks(240, 64, 11);
        dev.colorizer.infer.WorkingShape shape = new dev.colorizer.infer.WorkingShape(48, 32); // half size
        List<dev.colorizer.infer.ColorHint> hints = List.of(dev.colorizer.infer.ColorHint.ofRgb(60, 30, 0xD02010));
        float[] previous = null;
        for (int i = 0; i < 11; i++) {
            float[] lightness = luma(dev.colorizer.data.Resize.resize(panFrame(scene, i, 96, 64), 48, 32));
            if (previous != null) {
                hints = FrameColorizer.follow(hints, Motion.estimate(previous, lightness, 48, 32), 96, 64, shape);
            }
            previous = lightness;
        }
        // ten frames of a pan 2 px a frame to the right: the scene's point moved 20 px left
        assertThat(hints).hasSize(1);
        assertThat(hints.get(0).x()).isCloseTo(40, org.assertj.core.data.Offset.offset(1.5));
        assertThat(hints.get(0).y()).isCloseTo(30, org.assertj.core.data.Offset.offset(1.0));
    }

    private static float[] luma(BufferedImage image) {
        float[] plane = new float[image.getWidth() * image.getHeight()];
        for (int k = 0; k < plane.length; k++) {
            plane[k] = image.getRGB(k % image.getWidth(), k / image.getWidth()) & 0xFF;
        }
        return plane;
    }

    @Test
    void colorsAHintedFirstShot() {
        List<BufferedImage> frames = new ArrayList<>();
        BufferedImage scene = blocks(240, 64, 11);
        for (int i = 0; i < 6; i++) {
            frames.add(panFrame(scene, i, 96, 64));
        }
        var red = dev.colorizer.infer.ColorHint.ofRgb(60, 30, 0xD02010, 4);
        List<BufferedImage> hinted = colorize(frames, SteadyColors.DEFAULT_MEMORY, List.of(red));
        List<BufferedImage> plain = colorize(frames, SteadyColors.DEFAULT_MEMORY, List.of());
        // the last frame: the point moved 10 px left with the pan, and is red there
        assertThat(Pictures.meanAb(hinted.get(5), 0, 50, 30, 2) - Pictures.meanAb(plain.get(5), 0, 50, 30, 2))
                .isGreaterThan(10);
    }

    @Test
    void anOddSizeAndARotationAreKept(@TempDir Path dir) {
        Path clip = dir.resolve("odd.mkv");
        TestClips.write(clip, TestClips.Spec.of(65, 47, 12, 4, i -> Pictures.gray(blocks(65, 47, i)))
                .in("matroska", "ffv1").rotated(90));
        Path out = dir.resolve("out/odd.mkv");
        VideoColorizer.builder().setColorizer(bundled).build().colorize(clip, out, (d, e) -> { });
        TestClips.Decoded decoded = TestClips.read(out);
        assertThat(decoded.frames()).hasSize(4);
        assertThat(decoded.width()).isEqualTo(65);
        assertThat(decoded.height()).isEqualTo(47);
        assertThat(decoded.rotation()).isEqualTo(TestClips.read(clip).rotation()).isNotZero();
    }

    @Test
    void mjpegInAviStaysAviWithItsSoundAndWebmBecomesMp4(@TempDir Path dir) {
        Path avi = dir.resolve("reel.avi");
        TestClips.write(avi, TestClips.Spec.of(48, 32, 12, 6, i -> Pictures.gray(blocks(48, 32, 1)))
                .in("avi", "mjpeg").withSound());
        VideoColorizer video = VideoColorizer.builder().setColorizer(bundled).build();
        assertThat(video.formatFor(avi)).isEqualTo(VideoFormat.AVI);
        video.colorize(avi, dir.resolve("out/reel.avi"), (d, e) -> { });
        assertThat(TestClips.streams(dir.resolve("out/reel.avi"))).startsWith("video:h264 audio:pcm_s16le");
        assertThat(TestClips.read(dir.resolve("out/reel.avi")).frames()).hasSize(6);

        Path webm = dir.resolve("clip.webm");
        TestClips.write(webm, TestClips.Spec.of(48, 32, 12, 3, i -> Pictures.gray(blocks(48, 32, 1)))
                .in("webm", "libvpx"));
        assertThat(video.formatFor(webm)).isEqualTo(VideoFormat.MP4);

        Path mpeg = dir.resolve("newsreel.mpg"); // MPEG-2 in a program stream, as DVDs hold it
        TestClips.write(mpeg, TestClips.Spec.of(48, 32, 25, 7, i -> Pictures.gray(blocks(48, 32, 1)))
                .in("mpeg", "mpeg2video"));
        assertThat(video.formatFor(mpeg)).isEqualTo(VideoFormat.MP4);
        video.colorize(mpeg, dir.resolve("out/newsreel.mpg.mp4"), (d, e) -> { });
        assertThat(TestClips.read(dir.resolve("out/newsreel.mpg.mp4")).frames()).hasSize(7);
    }

    @Test
    void aCutShortFileGivesTheFramesItHolds(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("cut.mkv");
        TestClips.write(clip, TestClips.Spec.of(64, 48, 12, 24, i -> Pictures.gray(blocks(64, 48, i / 12))));
        byte[] bytes = Files.readAllBytes(clip);
        Path shortened = Files.write(dir.resolve("short.mkv"), java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        VideoColorizer.Report report = VideoColorizer.builder().setColorizer(bundled).build()
                .colorize(shortened, dir.resolve("out/short.mkv"), (d, e) -> { });
        assertThat(report.frames()).isBetween(8L, 23L);
        assertThat(TestClips.read(dir.resolve("out/short.mkv")).frames()).hasSize((int) report.frames());
    }

    @Test
    void soundWithoutPicturesIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        // a WAV file: 8 kHz mono 16-bit, a tenth of a second of silence
        java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + 1600).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 1600).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(1600);
        Path sound = Files.write(dir.resolve("voice.wav"), wav.array());
        VideoColorizer video = VideoColorizer.builder().setColorizer(bundled).build();
        assertThatThrownBy(() -> video.colorize(sound, dir.resolve("out/voice.mp4"), (d, e) -> { }))
                .isInstanceOf(ColorizerException.class)
                .hasMessage(sound + ": holds no video stream (only sound or data): name a video with moving pictures");
    }
}
