package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.run.RunDir;
import dev.colorizer.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training process killed with SIGKILL mid-run resumes from its last checkpoint and finishes. */
class KillResumeTest {
    @TempDir
    Path dir;

    @Test
    void aRunKilledWithSigkillResumesAndCompletes() throws Exception {
        Path data = dir.resolve("data");
        for (int i = 0; i < 12; i++) {
            ImageFiles.writeImage(SyntheticImages.scene(32, 32, i), data.resolve(i + ".png"), OutputFormat.PNG);
        }
        Path run = dir.resolve("run");
        Process training = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                Main.class.getName(), "train", "--data", data.toString(), "--out", run.toString(),
                "--arch", "unet", "--size", "16", "--epochs", "200", "--batch", "4"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        Path checkpoint = run.resolve("checkpoints/latest.json");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.exists(checkpoint) && Instant.now().isBefore(deadline)
                && training.isAlive()) {
            Thread.sleep(50);
        }
        training.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        assertThat(checkpoint).as(Files.readString(dir.resolve("first.log"))).exists();
        // the kill may land between the checkpoint and metrics.csv: the checkpoint is what a resume starts from
        int done = Checkpoint.readState(new RunDir(run).latestCheckpoint().orElseThrow()).epochsDone();
        assertThat(done).isGreaterThanOrEqualTo(1).isLessThan(200);

        int code = Main.run("train", "--data", data.toString(), "--out", run.toString(), "--resume",
                "--epochs", String.valueOf(done + 2));
        assertThat(code).isZero();
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(rows).hasSize(done + 3);
        for (int epoch = 1; epoch <= done + 2; epoch++) {
            assertThat(rows.get(epoch)).startsWith(epoch + ",");
        }
    }
}
