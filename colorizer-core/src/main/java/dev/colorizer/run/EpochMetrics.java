package dev.colorizer.run;

/**
 * One row of metrics.csv: mean losses of one epoch (MSE in the model's target space, e.g. (a/b + 128) / 255 for
 * seed), its wall time and training speed. {@code valMse} is NaN for a run without validation pictures
 * ({@code --val-split 0}): an empty cell in metrics.csv, "-" on the console.
 */
public record EpochMetrics(int epoch, double trainMse, double valMse, double seconds, double imagesPerSecond) {
    static final String CSV_HEADER = "epoch,train_mse,val_mse,seconds,images_per_s";

    String toCsv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6g,%s,%.2f,%.2f",
                epoch, trainMse, Double.isNaN(valMse) ? "" : String.format(java.util.Locale.ROOT, "%.6g", valMse),
                seconds, imagesPerSecond);
    }

    /** Whether the validation MSE was measured (the run holds validation pictures). */
    public boolean hasValidation() {
        return !Double.isNaN(valMse);
    }

    /** The validation MSE to five decimals, or "-" when the run has no validation pictures. */
    public String valMseText() {
        return hasValidation() ? String.format(java.util.Locale.ROOT, "%.5f", valMse) : "-";
    }
}
