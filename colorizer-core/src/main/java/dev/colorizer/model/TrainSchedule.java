package dev.colorizer.model;

/** How the learning rate moves over a run, as a factor on the configured (peak) rate. */
public enum TrainSchedule {
    /** The same rate at every step (the original project). */
    CONSTANT,
    /** Linear warm-up over the first 3 % of the steps, then cosine decay to zero at the last step. */
    WARMUP_COSINE;

    private static final double WARMUP_FRACTION = 0.03;

    /** The factor for step {@code step} (1-based) of {@code total}. */
    public double factor(int step, int total) {
        if (this == CONSTANT || total <= 1) {
            return 1;
        }
        int warmup = Math.max(1, (int) Math.round(WARMUP_FRACTION * total));
        if (step <= warmup) {
            return (double) step / warmup;
        }
        double progress = Math.min(1, (double) (step - warmup) / (total - warmup));
        return 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
