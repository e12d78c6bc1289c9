package dev.colorizer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenFileIsCompleteReadableByAllAndLeavesNoTempFile() throws Exception {
        Path target = dir.resolve("sub/report.json");
        Json.write(target, java.util.Map.of("a", 1)); // Jackson closes the stream it is given
        AtomicFiles.writeString(dir.resolve("metrics.csv"), "epoch\n1\n");
        assertThat(Files.readString(target)).contains("\"a\"");
        assertThat(Files.readString(dir.resolve("metrics.csv"))).isEqualTo("epoch\n1\n");
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        }
        try (var left = Files.list(target.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
    }
}
