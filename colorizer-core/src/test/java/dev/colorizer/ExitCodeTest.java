package dev.colorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
    private static final java.util.function.Function<Setting, String> FLAGS = TestWording.FLAGS;

    /** What {@link ExitCode#report} printed and returned. */
    private record Reported(int code, String line) {}

    private static Reported report(Throwable error, boolean verbose) {
        StringWriter text = new StringWriter();
        int code = ExitCode.report(error, new PrintWriter(text), verbose, "colorize predict", FLAGS);
        return new Reported(code, text.toString());
    }

    @Test
    void badDataIsTwoWithItsMessage() {
        Reported bad = report(new ColorizerException(Path.of("a.png"), "cannot read it: fix it"), false);
        assertThat(bad.code()).isEqualTo(ExitCode.BAD_DATA).isEqualTo(2);
        assertThat(bad.line()).isEqualTo("error: a.png: cannot read it: fix it" + System.lineSeparator());
    }

    @Test
    void runningOutOfHeapIsTwoWithTheFixWhereverItHappened() {
        Reported direct = report(new OutOfMemoryError("Java heap space"), false);
        Reported wrapped = report(new java.util.concurrent.CompletionException(new OutOfMemoryError("Java heap space")),
                false);
        for (Reported r : java.util.List.of(direct, wrapped)) {
            assertThat(r.code()).isEqualTo(ExitCode.BAD_DATA);
            assertThat(r.line()).startsWith("error: out of memory: the Java heap (").contains("COLORIZE_JAVA_OPTS=-Xmx")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void badUsageIsSixtyFourPointingToTheCommandsHelp() {
        Reported usage = report(new UsageException("--batch 0 is too small: use 1 or more"), false);
        assertThat(usage.code()).isEqualTo(ExitCode.USAGE).isEqualTo(64);
        assertThat(usage.line()).startsWith("error: --batch 0 is too small: use 1 or more")
                .contains("(see colorize predict --help)").doesNotContain("--verbose");
        assertThat(ExitCode.usage("Unknown option: '--frob'", "colorize spark", FLAGS))
                .isEqualTo("error: Unknown option: '--frob' (see colorize spark --help)");
    }

    @Test
    void theSettingsOfAMessageAreWordedByTheFrontEnd() {
        UsageException e = new UsageException(Message.of(Setting.BATCH, " 0 is too small: use 1 or more"));
        assertThat(e.getMessage()).isEqualTo("batch size 0 is too small: use 1 or more");
        assertThat(report(e, false).line()).startsWith("error: --batch 0 is too small: use 1 or more (see");
        ColorizerException withFile = new ColorizerException(Path.of("run"), Message.of("choose another ", Setting.OUT));
        assertThat(withFile.getMessage()).isEqualTo("run: choose another output");
        assertThat(withFile.message(FLAGS)).isEqualTo("run: choose another --out");
        assertThat(withFile.parts().settings()).containsExactly(Setting.OUT);
    }

    @Test
    void anythingElseIsAnInternalErrorAskingForVerbose() {
        NullPointerException bug = new NullPointerException("x is null");
        Reported internal = report(bug, false);
        assertThat(internal.code()).isEqualTo(ExitCode.INTERNAL_ERROR).isEqualTo(3);
        assertThat(internal.line()).startsWith("internal error: NullPointerException: x is null")
                .contains("run again with --verbose for the details").doesNotContain("\tat ");
        // a programming error's guard is not the user's fault, whatever its message says
        assertThat(ExitCode.of(new IllegalArgumentException("size must be positive"))).isEqualTo(3);
        Reported verbose = report(bug, true);
        assertThat(verbose.line()).contains("\tat ").doesNotContain("--verbose");
    }

    @Test
    void everyCodeIsDescribedForHelp() {
        assertThat(ExitCode.descriptions(FLAGS)).containsOnlyKeys("0", "1", "2", "3", "64");
        assertThat(ExitCode.descriptions(FLAGS).get("3")).endsWith("run again with --verbose");
    }
}
