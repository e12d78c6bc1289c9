package dev.colorizer.train;

import dev.colorizer.run.RunDir;
import java.io.IOException;
import java.util.List;

/** Writes a checkpoint of weights, optimizer state and history after every epoch. */
public final class CheckpointListener implements TrainListener {
    private final RunDir run;

    public CheckpointListener(RunDir run) {
        this.run = run;
    }

    @Override
    public void onEpochEnd(EpochEnd end) throws IOException {
        Checkpoint.save(run, end.block(), end.optimizer(),
                new Checkpoint.State(end.metrics().epoch(), end.optimizer().step(), List.copyOf(end.history())));
    }
}
