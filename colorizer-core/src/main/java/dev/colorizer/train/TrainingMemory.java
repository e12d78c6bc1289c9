package dev.colorizer.train;

import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.model.Architecture;
import java.util.Locale;

/**
 * Whether a training step fits this machine, checked before any work (train and benchmark alike): the step's
 * tensors ({@link Architecture#trainingBytesPerImage} per picture of the batch) within 3/4 of the RAM, and a batch's
 * input and target arrays twice over within half the Java heap.
 */
final class TrainingMemory {
    private TrainingMemory() {}

    /**
     * @throws UsageException naming the largest size that fits, when a step of {@code batch} pictures at
     *                        {@code size} px does not
     */
    static void checkStep(Architecture architecture, int size, int batch) {
        long ram = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        long heap = Runtime.getRuntime().maxMemory();
        int channels = architecture.encoding().inputChannels() + architecture.encoding().outputChannels();
        java.util.function.IntPredicate fits = s -> (long) batch * architecture.trainingBytesPerImage(s) <= ram / 4 * 3
                && 2L * batch * channels * s * s * Float.BYTES <= heap / 2;
        if (fits.test(size)) {
            return;
        }
        int ok = size;
        while (ok > architecture.sizeMultiple() * 2 && !fits.test(ok)) {
            ok -= architecture.sizeMultiple();
        }
        throw new UsageException(Message.of(Setting.TRAIN_SIZE, " " + size + " with ", Setting.BATCH, " " + batch
                + " needs about " + gib((long) batch * architecture.trainingBytesPerImage(size)) + " for a training "
                + "step (this machine has " + gib(ram) + ", the Java heap " + gib(heap) + "): use ",
                Setting.TRAIN_SIZE, " " + ok + " or less",
                batch > 1 ? Message.of(", or a smaller ", Setting.BATCH) : ""));
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
