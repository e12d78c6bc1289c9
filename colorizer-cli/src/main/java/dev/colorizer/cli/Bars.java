package dev.colorizer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars of the CLI: count, rate and ETA, on standard error so that results on standard output stay clean.
 * While a bar is shown, any other line on standard error (a skipped picture, a library's warning) first moves off
 * the bar's line, so that it is never glued to the bar: on a terminal the bar's line is erased (the bar comes back
 * below at its next update), elsewhere (a log file) the line is ended. The rate reads 0.8 img/s, not .8; the bar's
 * final state is drawn once (the library draws it twice on close).
 */
final class Bars {
    private Bars() {}

    static ProgressBar images(String task, long total) {
        return bar(task, total, " img");
    }

    /** A bar of a video's frames: frames/s and ETA; without a known total (-1), count and rate only. */
    static ProgressBar frames(String task, long total) {
        return bar(task, total, " frames");
    }

    private static ProgressBar bar(String task, long total, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(unit, 1)
                .showSpeed(new DecimalFormat("0.0")) // the library's default, "#.0", drops the leading zero: .8 img/s
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new LineKeepingConsumer(System.err))
                .setUpdateIntervalMillis(500).build();
    }

    // draws the bar on `real` and, until closed, stands in for System.err with a stream that moves off the bar first
    private static final class LineKeepingConsumer extends ConsoleProgressBarConsumer {
        private final PrintStream real;
        private boolean barShown; // the cursor is at the end of the bar's line; guarded by `real`
        private String shown; // the bar as drawn last while barShown; guarded by `real`

        LineKeepingConsumer(PrintStream real) {
            super(real);
            this.real = real;
            String offBar = System.console() != null ? "\r\033[2K" : System.lineSeparator(); // erase line, or end it
            System.setErr(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (real) {
                        if (barShown) {
                            real.print(offBar);
                            barShown = false;
                        }
                        real.write(b, off, len);
                    }
                }

                @Override
                public void flush() throws IOException {
                    real.flush();
                }
            }, true, StandardCharsets.UTF_8));
        }

        @Override
        public void accept(String rendered) {
            synchronized (real) {
                // ProgressBar.close draws the final state twice (a last refresh, then a forced one): on a terminal
                // the second overwrites the first, in a log file it was a second 100% line; drawn once here
                if (barShown && rendered.equals(shown)) {
                    return;
                }
                super.accept(rendered);
                barShown = true;
                shown = rendered;
            }
        }

        @Override
        public void close() {
            synchronized (real) {
                super.close();
                barShown = false;
            }
            System.setErr(real);
        }
    }
}
