package dev.colorizer.io;

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
    void aWriteOfANewFileNeverReplacesOneThatAppearedMeanwhile() throws Exception {
        Path target = dir.resolve("new.png");
        AtomicFiles.writeFile(target, AtomicFiles.Durability.RENAMED, false, temp -> Files.writeString(temp, "ours"));
        assertThat(Files.readString(target)).isEqualTo("ours");
        Path theirs = dir.resolve("theirs.png");
        assertThatThrownBy(() -> AtomicFiles.writeFile(theirs, AtomicFiles.Durability.RENAMED, false, temp -> {
            Files.writeString(temp, "ours");
            Files.writeString(theirs, "somebody else's, written while ours was made");
        })).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(theirs)).startsWith("somebody else's");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("new.png", "theirs.png");
        }
    }

    @Test
    void aPathWithDotDotAfterALinkNamesWhatTheSystemReaches() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real/sub"));
        Files.createDirectories(dir.resolve("real/photos"));
        Files.createDirectories(dir.resolve("photos"));
        Path link = Files.createSymbolicLink(dir.resolve("lnk"), real);
        assertThat(RealPath.named(link.resolve("../photos"))).isEqualTo(dir.resolve("real/photos").toRealPath());
        assertThat(RealPath.of(link.resolve("../photos/new.png")))
                .isEqualTo(dir.resolve("real/photos").toRealPath().resolve("new.png"));
        assertThat(RealPath.named(dir.resolve("./photos"))).as("no '..': as named").isEqualTo(dir.resolve("photos"));
        assertThat(RealPath.named(link)).as("a link with nothing after it is kept").isEqualTo(link);
        assertThat(RealPath.named(dir.resolve("gone/../x"))).isEqualTo(dir.resolve("x"));
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

    @Test
    void aNameAsLongAsTheFileSystemHoldsIsWrittenThroughAShortenedTempName() throws Exception {
        for (String name : new String[] {"a".repeat(250) + ".png", "é".repeat(120) + ".png"}) { // 254, 244 bytes
            Path target = dir.resolve(name);
            String[] seen = new String[1];
            AtomicFiles.writeFile(target, AtomicFiles.Durability.FORCED, temp -> {
                seen[0] = temp.getFileName().toString();
                Files.writeString(temp, "x");
            });
            assertThat(Files.readString(target)).isEqualTo("x");
            assertThat(seen[0].getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            assertThat(AtomicFiles.targetOfTemp(seen[0])).as("still one of ours").isPresent();
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).doesNotContain(seen[0]);
            }
        }
        // a short name keeps its temp name as it was: the target's whole name
        assertThat(AtomicFiles.tempName("b.png")).startsWith(".b.png.").endsWith(".tmp");
    }
}
