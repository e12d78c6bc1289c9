package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

/** What a progress bar leaves on standard error: its rate with a leading zero, its final state once. */
class BarsTest {
    @Test
    void aSlowRateHasItsLeadingZeroAndTheFinalStateIsDrawnOnce() throws Exception {
        String err = capturingErr(() -> {
            try (ProgressBar bar = Bars.images("predict", 1)) {
                Thread.sleep(2100); // 0.5 img/s when the one picture is done (the library counts whole seconds)
                bar.stepTo(1);
            }
        });
        assertThat(err).contains("1/1 img").containsPattern("\\b0\\.\\d img/s").doesNotContainPattern("(^|[^0-9])\\.\\d img/s");
        assertThat(err.split("100%", -1)).as(err).hasSize(2); // "100%" once
        assertThat(err).endsWith(System.lineSeparator());
    }

    @Test
    void aLineWrittenWhileTheBarIsShownMovesOffItAndTheBarIsDrawnAgain() throws Exception {
        String err = capturingErr(() -> {
            try (ProgressBar bar = Bars.images("predict", 2)) {
                bar.stepTo(1);
                Thread.sleep(700); // drawn at 1/2
                System.err.println("skipped: x.png");
                bar.stepTo(2);
            }
        });
        assertThat(err).contains(System.lineSeparator() + "skipped: x.png" + System.lineSeparator());
        assertThat(err.substring(err.indexOf("skipped: x.png"))).contains("2/2 img");
    }

    private interface Body {
        void run() throws Exception;
    }

    private static String capturingErr(Body body) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
