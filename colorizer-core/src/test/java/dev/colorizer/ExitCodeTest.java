package dev.colorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
    @Test
    void badInputIsTwoWithItsMessageAndAnythingElseIsAnInternalErrorAskingForVerbose() {
        ColorizerException bad = new ColorizerException(Path.of("a.png"), "cannot read it: fix it");
        assertThat(ExitCode.of(bad)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ExitCode.message(bad, false)).startsWith("error: ").contains("a.png").doesNotContain("--verbose");
        NullPointerException bug = new NullPointerException("x is null");
        assertThat(ExitCode.of(bug)).isEqualTo(ExitCode.INTERNAL_ERROR).isNotEqualTo(ExitCode.SOME_FAILED);
        assertThat(ExitCode.message(bug, false)).startsWith("internal error: NullPointerException: x is null")
                .contains("--verbose");
        assertThat(ExitCode.message(bug, true)).doesNotContain("--verbose");
    }
}
