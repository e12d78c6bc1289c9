package dev.colorizer.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars of the CLI: count, rate and ETA, on standard error so that results on standard output stay clean. */
final class Bars {
    private Bars() {}

    static ProgressBar images(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" img", 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500).build();
    }
}
