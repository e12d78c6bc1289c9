package dev.colorizer.cli;

import dev.colorizer.run.EpochMetrics;
import dev.colorizer.train.TrainListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/** One progress bar per epoch (images, loss, images/s, ETA), then a line with the epoch's metrics. */
final class ProgressListener implements TrainListener {
    private final PrintStream out;
    private int epochs;
    private int trainImages;
    private ProgressBar bar;
    private double lossSum;
    private int seen;

    ProgressListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStart(int firstEpoch, int epochs, int batchesPerEpoch, int trainImages) {
        this.epochs = epochs;
        this.trainImages = trainImages;
        if (firstEpoch > 1) {
            out.printf("resuming at epoch %d of %d%n", firstEpoch, epochs);
        }
    }

    @Override
    public void onBatch(int epoch, int batch, double loss, int images) {
        if (bar == null) {
            bar = Bars.images(String.format("epoch %d/%d", epoch, epochs), trainImages);
            lossSum = 0;
            seen = 0;
        }
        lossSum += loss * images;
        seen += images;
        bar.stepBy(images);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.5f", lossSum / seen));
    }

    @Override
    public void onEpochEnd(TrainListener.EpochEnd end) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        EpochMetrics m = end.metrics();
        out.printf(Locale.ROOT, "epoch %d/%d  train MSE %.5f  val MSE %s  %.1f img/s  %.0f s%n",
                m.epoch(), epochs, m.trainMse(), m.valMseText(), m.imagesPerSecond(), m.seconds());
    }
}
