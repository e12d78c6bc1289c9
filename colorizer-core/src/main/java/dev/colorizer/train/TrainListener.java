package dev.colorizer.train;

import ai.djl.nn.Block;
import dev.colorizer.run.EpochMetrics;
import java.io.IOException;
import java.util.List;

/** Hears what the training loop does; each implementation handles one concern (progress, CSV, plot, checkpoint). */
public interface TrainListener {

    /** Before the first batch: epochs to run (from {@code firstEpoch}, 1-based) and batches per epoch. */
    default void onStart(int firstEpoch, int epochs, int batchesPerEpoch, int trainImages) {}

    /** After each batch: its mean loss and the number of images in it. */
    default void onBatch(int epoch, int batch, double loss, int images) {}

    /** After validation of an epoch; {@code history} holds every finished epoch, this one last. */
    default void onEpochEnd(EpochEnd end) throws IOException {}

    /** Once, after the last epoch. */
    default void onFinish(List<EpochMetrics> history) throws IOException {}

    /** What a listener gets at the end of an epoch: the metrics and, for checkpointing, the model and optimizer. */
    record EpochEnd(EpochMetrics metrics, List<EpochMetrics> history, Block block, ResumableAdam optimizer) {}
}
