package dev.colorizer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputManifestTest {
    @TempDir
    Path dir;

    @Test
    void claimsAndDoneLinesSurviveAReloadAndACutLineIsIgnored() throws Exception {
        Path input = Files.writeString(dir.resolve("in.png"), "input");
        Path output = dir.resolve("out/in.png");
        try (OutputManifest manifest = OutputManifest.open(dir.resolve("out"))) {
            assertThat(manifest.owns(output)).isFalse();
            manifest.claim(List.of(output));
        }
        try (OutputManifest manifest = OutputManifest.open(dir.resolve("out"))) {
            assertThat(manifest.owns(output)).as("claimed before writing").isTrue();
            assertThat(manifest.isCurrent(output, input, "s")).isFalse();
            Files.writeString(output, "colorized");
            manifest.done(output, input, "s");
        }
        Files.writeString(dir.resolve("out").resolve(OutputManifest.FILE), "{\"output\": \"/x\", \"inp",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND); // a kill in the middle of a line
        OutputManifest reloaded = OutputManifest.open(dir.resolve("out"));
        assertThat(reloaded.isCurrent(output, input, "s")).isTrue();
        assertThat(reloaded.isCurrent(output, input, "other settings")).isFalse();
        assertThat(reloaded.owns(dir.resolve("out/else.png"))).isFalse();

        Files.setLastModifiedTime(input, FileTime.fromMillis(1000)); // the input changed
        assertThat(reloaded.isCurrent(output, input, "s")).isFalse();
        Files.delete(output);
        assertThat(reloaded.isCurrent(output, input, "s")).as("the output is gone").isFalse();
        assertThat(reloaded.owns(output)).as("still ours to write").isTrue();
        reloaded.close();
    }

    @Test
    void anOutputChangedAfterItWasWrittenIsNoLongerOursUntilClaimedAndRewritten() throws Exception {
        Path input = Files.writeString(dir.resolve("in.png"), "input");
        Path out = dir.resolve("out");
        Path output = out.resolve("in.png");
        try (OutputManifest manifest = OutputManifest.open(out)) {
            manifest.claim(List.of(output));
            Files.writeString(output, "colorized");
            manifest.done(output, input, "s");
            assertThat(manifest.ownership(output)).isEqualTo(OutputManifest.Ownership.OURS);
            Files.writeString(output, "edited by hand, longer");
            assertThat(manifest.ownership(output)).isEqualTo(OutputManifest.Ownership.CHANGED_SINCE);
            assertThat(manifest.ownership(out.resolve("else.png"))).isEqualTo(OutputManifest.Ownership.NOT_OURS);
        }
        try (OutputManifest manifest = OutputManifest.open(out)) {
            assertThat(manifest.ownership(output)).as("after a reload").isEqualTo(OutputManifest.Ownership.CHANGED_SINCE);
            Files.delete(output);
            assertThat(manifest.owns(output)).as("gone: ours to write again").isTrue();
            manifest.claim(List.of(output));
            Files.writeString(output, "half"); // a kill between the rename and the done line
        }
        try (OutputManifest manifest = OutputManifest.open(out)) {
            assertThat(manifest.owns(output)).as("the newest line is our claim").isTrue();
            assertThat(manifest.isCurrent(output, input, "s")).isFalse();
        }
    }

    @Test
    void theSameFolderByAnotherNameIsTheSameRecordAndOnlyOneJobHoldsIt() throws Exception {
        Path input = Files.writeString(dir.resolve("in.png"), "input");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), out);
        try (OutputManifest manifest = OutputManifest.open(link)) {
            manifest.claim(List.of(link.resolve("in.png")));
            Files.writeString(link.resolve("in.png"), "colorized");
            manifest.done(link.resolve("in.png"), input, "s");
            assertThatThrownBy(() -> OutputManifest.open(out)).isInstanceOf(dev.colorizer.ColorizerException.class)
                    .hasMessageContaining("another colorize predict is writing into this folder");
        }
        try (OutputManifest manifest = OutputManifest.open(out)) {
            assertThat(manifest.isCurrent(out.resolve("in.png"), dir.resolve("./in.png"), "s")).isTrue();
            assertThat(manifest.claimed(out, "in.png")).isTrue();
            assertThat(manifest.outputFolders()).containsExactly(out.toAbsolutePath().normalize());
        }
    }

    @Test
    void aRunOfOutputsIsRecordedInOneWrite() throws Exception {
        Path a = Files.writeString(dir.resolve("a.png"), "a");
        Path b = Files.writeString(dir.resolve("b.png"), "b");
        Path out = dir.resolve("out");
        OutputManifest manifest = OutputManifest.open(out);
        manifest.claim(List.of(out.resolve("a.png"), out.resolve("b.png")));
        Files.writeString(out.resolve("a.png"), "A");
        Files.writeString(out.resolve("b.png"), "B");
        manifest.done(List.of(new OutputManifest.Made(out.resolve("a.png"), a, "s"),
                new OutputManifest.Made(out.resolve("b.png"), b, "t")));
        manifest.close();
        OutputManifest reloaded = OutputManifest.open(out);
        assertThat(reloaded.isCurrent(out.resolve("a.png"), a, "s")).isTrue();
        assertThat(reloaded.isCurrent(out.resolve("b.png"), b, "t")).isTrue();
        assertThat(reloaded.isCurrent(out.resolve("b.png"), b, "s")).isFalse();
        assertThat(Files.readAllLines(out.resolve(OutputManifest.FILE))).hasSize(4); // two claims, two done lines
        reloaded.close();
    }
}
