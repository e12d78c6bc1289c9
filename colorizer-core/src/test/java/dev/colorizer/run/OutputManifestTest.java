package dev.colorizer.run;

import static org.assertj.core.api.Assertions.assertThat;

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
        OutputManifest manifest = OutputManifest.load(dir.resolve("out"));
        assertThat(manifest.owns(output)).isFalse();
        manifest.claim(List.of(output));
        assertThat(OutputManifest.load(dir.resolve("out")).owns(output)).as("claimed before writing").isTrue();
        assertThat(OutputManifest.load(dir.resolve("out")).isCurrent(output, input, "s")).isFalse();

        Files.writeString(output, "colorized");
        manifest.done(output, input, "s");
        Files.writeString(dir.resolve("out").resolve(OutputManifest.FILE), "{\"output\": \"/x\", \"inp",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND); // a kill in the middle of a line
        OutputManifest reloaded = OutputManifest.load(dir.resolve("out"));
        assertThat(reloaded.isCurrent(output, input, "s")).isTrue();
        assertThat(reloaded.isCurrent(output, input, "other settings")).isFalse();
        assertThat(reloaded.owns(dir.resolve("out/else.png"))).isFalse();

        Files.setLastModifiedTime(input, FileTime.fromMillis(1000)); // the input changed
        assertThat(reloaded.isCurrent(output, input, "s")).isFalse();
        Files.delete(output);
        assertThat(reloaded.isCurrent(output, input, "s")).as("the output is gone").isFalse();
        assertThat(reloaded.owns(output)).as("still ours to write").isTrue();
    }

    @Test
    void aRunOfOutputsIsRecordedInOneWrite() throws Exception {
        Path a = Files.writeString(dir.resolve("a.png"), "a");
        Path b = Files.writeString(dir.resolve("b.png"), "b");
        Path out = dir.resolve("out");
        OutputManifest manifest = OutputManifest.load(out);
        manifest.claim(List.of(out.resolve("a.png"), out.resolve("b.png")));
        Files.writeString(out.resolve("a.png"), "A");
        Files.writeString(out.resolve("b.png"), "B");
        manifest.done(List.of(new OutputManifest.Made(out.resolve("a.png"), a, "s"),
                new OutputManifest.Made(out.resolve("b.png"), b, "t")));
        OutputManifest reloaded = OutputManifest.load(out);
        assertThat(reloaded.isCurrent(out.resolve("a.png"), a, "s")).isTrue();
        assertThat(reloaded.isCurrent(out.resolve("b.png"), b, "t")).isTrue();
        assertThat(reloaded.isCurrent(out.resolve("b.png"), b, "s")).isFalse();
        assertThat(Files.readAllLines(out.resolve(OutputManifest.FILE))).hasSize(4); // two claims, two done lines
    }
}
