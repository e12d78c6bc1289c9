package dev.colorizer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.LambdaBlock;
import dev.colorizer.ColorizerException;
import dev.colorizer.run.RunDir;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointThatCannotBeWrittenLeavesNoStagedFilesAndSaysHowToGoOn() throws Exception {
        RunDir run = new RunDir(dir.resolve("run"));
        LambdaBlock full = new LambdaBlock(x -> x) { // as on a full disk: the weights' write fails half way
            @Override
            public void saveParameters(DataOutputStream os) throws IOException {
                os.write(new byte[1000]);
                os.flush();
                throw new IOException("No space left on device");
            }
        };
        assertThatThrownBy(() -> Checkpoint.save(run, full, null, new Checkpoint.State(2, 10, List.of())))
                .isInstanceOf(ColorizerException.class)
                .hasMessageContaining("cannot write the checkpoint of epoch 2 (No space left on device)")
                .hasMessageContaining("free disk space").hasMessageContaining("resume");
        try (Stream<Path> left = Files.list(run.checkpointsDir())) {
            assertThat(left).as("no half-written stage keeps the space").isEmpty();
        }
    }
}
