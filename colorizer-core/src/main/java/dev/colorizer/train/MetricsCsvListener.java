package dev.colorizer.train;

import dev.colorizer.run.RunDir;
import java.io.IOException;

/** Rewrites RUN_DIR/metrics.csv (train and validation MSE per epoch) after every epoch. */
public final class MetricsCsvListener implements TrainListener {
    private final RunDir run;

    public MetricsCsvListener(RunDir run) {
        this.run = run;
    }

    @Override
    public void onEpochEnd(EpochEnd end) throws IOException {
        run.writeMetrics(end.history());
    }
}
