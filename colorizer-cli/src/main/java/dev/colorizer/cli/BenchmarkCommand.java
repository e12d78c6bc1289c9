package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.model.Architecture;
import dev.colorizer.train.TrainingSpeed;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure training and inference speed of a model on random data (no data loading): "
                + "images/s and achieved GFLOP/s. Compare with bench/pytorch_reference.py."})
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "seed", description = "Architecture. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--size", defaultValue = "128", description = "Working size. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--batch", defaultValue = "8", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--steps", defaultValue = "30", description = "Timed steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed steps first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Override
    public Integer call() {
        if (steps < 1 || warmup < 0 || batch < 1) {
            throw new UsageException("--steps and --batch must be at least 1, --warmup at least 0");
        }
        TrainingSpeed.Result r = TrainingSpeed.measure(Architecture.ofOption(Setting.ARCH, arch), size, batch, steps,
                warmup);
        System.out.printf(Locale.ROOT, "djl %s threads=%s model=%s size=%d batch=%d: train %.2f img/s (%.1f GFLOP/s "
                        + "at 3x forward), forward %.2f img/s (%.1f GFLOP/s; %.2f GFLOP/img)%n",
                ai.djl.engine.Engine.getDjlVersion(), System.getProperty("ai.djl.pytorch.num_threads", "default"),
                r.model(), r.size(), r.batch(), r.trainImagesPerSecond(), r.trainGflops(),
                r.forwardImagesPerSecond(), r.forwardGflops(), r.forwardGflop());
        return ExitCode.OK;
    }
}
