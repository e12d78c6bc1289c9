package dev.colorizer.run;

/**
 * One row of metrics.csv: mean losses of one epoch (MSE in the model's target space, e.g. (a/b + 128) / 255 for
 * seed), its wall time and training speed.
 */
public record EpochMetrics(int epoch, double trainMse, double valMse, double seconds, double imagesPerSecond) {
    static final String CSV_HEADER = "epoch,train_mse,val_mse,seconds,images_per_s";

    String toCsv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6g,%.6g,%.2f,%.2f",
                epoch, trainMse, valMse, seconds, imagesPerSecond);
    }
}
