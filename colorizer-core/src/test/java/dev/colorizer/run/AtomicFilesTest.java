package dev.colorizer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTempFile() throws Exception {
        Path target = dir.resolve("picture.png");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.writeFile(target, AtomicFiles.Durability.RENAMED, temp -> {
            Files.writeString(temp, "half");
            throw new java.io.IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("picture.png");
        }
    }

    @Test
    void itsTempFilesAreRecognisedByTheirTargetAndNoOtherNameIs() throws Exception {
        Path target = dir.resolve("a.b.png");
        String[] seen = new String[1];
        AtomicFiles.writeFile(target, AtomicFiles.Durability.RENAMED, temp -> {
            seen[0] = temp.getFileName().toString();
            Files.writeString(temp, "x");
        });
        assertThat(AtomicFiles.targetOfTemp(seen[0])).contains("a.b.png");
        assertThat(AtomicFiles.targetOfTemp(".a.png.tmp")).isEmpty();
        assertThat(AtomicFiles.targetOfTemp("a.png.0b1c2d3e-0000-4000-8000-000000000000.tmp")).isEmpty();
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
        }
    }
}
