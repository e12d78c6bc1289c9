package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.data.OutputFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record's lines as {@code colorize info} prints them. */
class ProvenanceTest {
    private static Provenance withHints(List<ColorHint> hints) {
        return new Provenance("1.0", "model", ColorSettings.DEFAULT.withWorkingSize(64), hints, OutputFormat.PNG, 0);
    }

    @Test
    void oneHintIsOnePointAndMoreArePoints() {
        ColorHint red = ColorHint.ofRgb(3, 4, 0xC83C28);
        assertThat(withHints(List.of())).extracting(Provenance::lines).asList().contains("hints: none (automatic)");
        assertThat(withHints(List.of(red)).lines()).anyMatch(l -> l.startsWith("hints: 1 point ["))
                .noneMatch(l -> l.contains("points"));
        assertThat(withHints(List.of(red, red.at(5, 6))).lines()).anyMatch(l -> l.startsWith("hints: 2 points ["));
    }
}
