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
    void aFileThatAppearsAtAClaimedOutputIsNotOursButOurOwnEarlierOutputStays() throws Exception {
        Path input = Files.writeString(dir.resolve("in.png"), "input");
        Path out = dir.resolve("out");
        Path fresh = out.resolve("fresh.png");
        Path again = out.resolve("again.png");
        try (OutputManifest manifest = OutputManifest.open(out)) {
            manifest.claim(List.of(again));
            Files.writeString(again, "colorized");
            manifest.done(again, input, "s");
            manifest.claim(List.of(fresh, again)); // a run about to write one new output and redo one
            assertThat(manifest.ownership(again)).as("our earlier output, unchanged").isEqualTo(
                    OutputManifest.Ownership.OURS);
            assertThat(manifest.ownership(fresh)).as("nothing there yet").isEqualTo(OutputManifest.Ownership.OURS);
            Files.writeString(fresh, "a user's picture, copied in during the run");
            assertThat(manifest.ownership(fresh)).isEqualTo(OutputManifest.Ownership.NOT_OURS);
        }
        try (OutputManifest reloaded = OutputManifest.open(out)) { // after a kill, the same answers
            assertThat(reloaded.ownership(fresh)).isEqualTo(OutputManifest.Ownership.NOT_OURS);
            assertThat(reloaded.ownership(again)).isEqualTo(OutputManifest.Ownership.OURS);
        }
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsNamedWithTheFix() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        assertThatThrownBy(() -> OutputManifest.open(file.resolve("out")))
                .isInstanceOf(dev.colorizer.ColorizerException.class).hasMessageContaining("choose a writable output");
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
            assertThat(manifest.owns(output)).as("claimed, nothing there").isTrue();
            Files.writeString(output, "colorized again");
            manifest.done(List.of(new OutputManifest.Made(output, input, "s")), false); // unforced, as predict does
        }
        try (OutputManifest manifest = OutputManifest.open(out)) {
            assertThat(manifest.isCurrent(output, input, "s")).as("an unforced line survives the process").isTrue();
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

    @Test
    void aLineCutShortLosesNoLaterLineAndALedgerThatCannotBeWrittenIsNamedWithTheFix() throws Exception {
        Path input = Files.writeString(dir.resolve("in.png"), "input");
        Path out = dir.resolve("out");
        Path first = out.resolve("first.png");
        Path second = out.resolve("second.png");
        try (OutputManifest manifest = OutputManifest.open(out)) {
            manifest.claim(List.of(first, second));
            Files.writeString(first, "colorized");
            manifest.done(first, input, "s");
        }
        byte[] cut = {'{', '"', 'o', 'u', 't', '"', ':', '"', 'c', 'a', 'f', (byte) 0xC3}; // cut inside an é
        Files.write(out.resolve(OutputManifest.FILE), cut, java.nio.file.StandardOpenOption.APPEND);
        try (OutputManifest manifest = OutputManifest.open(out)) { // the disk filled up in the middle of a line
            Files.writeString(second, "colorized");
            manifest.done(second, input, "s");
        }
        try (OutputManifest manifest = OutputManifest.open(out)) {
            assertThat(manifest.isCurrent(first, input, "s")).isTrue();
            assertThat(manifest.isCurrent(second, input, "s")).as("the line after the cut one").isTrue();
        }
        try (OutputManifest manifest = OutputManifest.open(out)) {
            Path ledger = out.resolve(OutputManifest.FILE);
            Files.delete(ledger);
            Files.createDirectory(ledger); // appending fails, as on a full disk
            assertThatThrownBy(() -> manifest.claim(List.of(out.resolve("third.png"))))
                    .isInstanceOf(dev.colorizer.ColorizerException.class).hasMessageContaining(OutputManifest.FILE)
                    .hasMessageContaining("free disk space").hasMessageContaining("run the same command again");
        }
    }

    @Test
    void anInputReplacedWhileItWasReadIsRecordedAsReadSoTheNextRunRedoesIt() throws Exception {
        Path input = Files.writeString(dir.resolve("in.png"), "input");
        Path out = dir.resolve("out");
        Path output = out.resolve("in.png");
        try (OutputManifest manifest = OutputManifest.open(out)) {
            manifest.claim(List.of(output));
            OutputManifest.InputStamp asRead = OutputManifest.InputStamp.of(input); // taken before reading
            Files.writeString(input, "replaced meanwhile"); // after the read, before the output is recorded
            Files.writeString(output, "colorized from the old input");
            manifest.done(List.of(new OutputManifest.Made(output, input, "s", asRead)));
            assertThat(manifest.isCurrent(output, input, "s")).as("made from the old input").isFalse();
        }
    }
}
