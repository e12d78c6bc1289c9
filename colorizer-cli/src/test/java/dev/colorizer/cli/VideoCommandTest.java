package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ConsoleCapture;
import dev.colorizer.ExitCode;
import dev.colorizer.Pictures;
import dev.colorizer.SyntheticImages;
import dev.colorizer.video.VideoFiles;
import dev.colorizer.video.VideoFormat;
import dev.colorizer.video.VideoWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code colorize video}: a folder with a bad file, the record of what is done, output names. */
class VideoCommandTest {
    private static ConsoleCapture cli(String... args) {
        return ConsoleCapture.run(() -> Main.run(args));
    }

    // 5 frames: a cut between the third and the fourth
    private static void clip(Path file) {
        try (VideoWriter writer = new VideoWriter(file, VideoFormat.MP4, 48, 32, 12, 18)) {
            for (int i = 0; i < 5; i++) {
                writer.write(Pictures.gray(SyntheticImages.scene(48, 32, i / 3)));
            }
        }
    }

    @Test
    void aBadFileIsOneLineAndTheRestGoesOnThenFinishedVideosAreNotRedone(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/reel 2"));
        clip(in.resolve("good.mp4"));
        Files.writeString(dir.resolve("in/broken.avi"), "RIFF but not a video");
        Files.writeString(dir.resolve("in/notes.txt"), "not a video name: not walked");
        Path out = dir.resolve("out");

        ConsoleCapture first = cli("video", dir.resolve("in").toString(), "--out", out.toString());
        assertThat(first.code()).as("one failed, the other made: as predict").isEqualTo(ExitCode.SOME_FAILED);
        assertThat(first.err()).contains("error: " + dir.resolve("in/broken.avi") + ": is not a video")
                .doesNotContain("Exception").doesNotContain("notes.txt");
        assertThat(first.out()).contains("colorized 1 of 2 videos", "5 frames, 2 shots");
        assertThat(out.resolve("reel 2/good.mp4")).isRegularFile();

        // another output folder, another record: the file there is not its own, so it is not replaced
        ConsoleCapture other = cli("video", in.resolve("good.mp4").toString(), "--out", out.resolve("reel 2")
                .toString());
        assertThat(other.code()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(other.err()).contains(out.resolve("reel 2/good.mp4") + ": exists and was not written by colorize "
                + "video");
        ConsoleCapture same = cli("video", dir.resolve("in").toString(), "--out", out.toString());
        assertThat(same.out()).contains("colorized 0 of 2", "1 already done");
        // what a killed run (kill -9) leaves: its temp file beside the output; the next run removes it
        Path leftOver = Files.writeString(out.resolve("reel 2/.good.mp4.0f8fad5b-d9cb-469f-a165-70867728950e.tmp"),
                "half a video");
        ConsoleCapture paler = cli("video", dir.resolve("in").toString(), "--out", out.toString(),
                "--saturation", "0.5", "--format", "mkv");
        assertThat(paler.out()).contains("colorized 1 of 2"); // other settings: redone
        assertThat(out.resolve("reel 2/good.mp4.mkv")).isRegularFile();
        assertThat(leftOver).doesNotExist();
    }

    @Test
    void anOutputOverItsInputIsRefused(@TempDir Path dir) {
        clip(dir.resolve("a.mp4"));
        ConsoleCapture run = cli("video", dir.resolve("a.mp4").toString(), "--out", dir.toString());
        assertThat(run.code()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(run.err()).contains(dir.resolve("a.mp4") + ": its output would replace it: choose another --out");
    }

    @Test
    void anOutputNameTooLongIsRefusedBeforeAnyFrameIsColored(@TempDir Path dir) {
        Path clip = dir.resolve("v".repeat(250) + ".webm"); // 255 bytes; its output NAME.webm.mp4: 259
        try (VideoWriter writer = new VideoWriter(dir.resolve("short.mp4"), VideoFormat.MP4, 48, 32, 12, 18)) {
            writer.write(Pictures.gray(SyntheticImages.scene(48, 32, 0)));
        }
        try {
            Files.move(dir.resolve("short.mp4"), clip);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ConsoleCapture run = cli("video", clip.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(ExitCode.BAD_DATA);
        assertThat(run.err()).contains(clip + ": its output's file name would be 259 bytes, over the 255")
                .contains("rename the video, 4 bytes shorter at least").doesNotContain("frames/s");
    }

    @Test
    void outputNamesDependOnlyOnTheInputsOwnName(@TempDir Path dir) {
        Path out = dir.resolve("out");
        VideoFiles.Job mp4 = new VideoFiles.Job(dir.resolve("a.mp4"), "a.mp4", out);
        VideoFiles.Job webm = new VideoFiles.Job(dir.resolve("a.webm"), "sub/a.webm", out);
        VideoFiles.Job mov = new VideoFiles.Job(dir.resolve("A.MOV"), "A.MOV", out);
        assertThat(mp4.output(VideoFormat.MP4)).isEqualTo(out.resolve("a.mp4"));
        assertThat(webm.output(VideoFormat.MP4)).isEqualTo(out.resolve("sub/a.webm.mp4"));
        assertThat(mov.output(VideoFormat.MOV)).isEqualTo(out.resolve("A.MOV"));
        assertThat(mov.output(VideoFormat.MKV)).isEqualTo(out.resolve("A.MOV.mkv"));
    }
}
