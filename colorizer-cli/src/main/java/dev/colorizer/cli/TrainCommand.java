package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.SampleCache;
import dev.colorizer.data.Split;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.TrainSchedule;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.TrainConfig;
import dev.colorizer.train.CheckpointListener;
import dev.colorizer.train.LossPlotListener;
import dev.colorizer.train.MetricsCsvListener;
import dev.colorizer.train.TrainingLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a colorizer on a folder of images; writes config.json, metrics.csv, loss.png and "
                + "checkpoints into the --out folder.",
                "DIR may hold color/ + gray/ (pairs matched by name), 'landscape Images/color' + "
                        + "'landscape Images/gray' (the Kaggle layout), or color images only (gray derived)."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset folder (default: the bundled public-domain sample, samples/free-landscapes).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder to write.")
    Path out;

    @Option(names = "--model", defaultValue = "unet",
            description = "Architecture: unet (the best measured), seed (the original Lab model) or seed-rgb (the "
                    + "original first version). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--epochs", description = "Epochs (default per model: unet 37, seed 50, seed-rgb 10).")
    Integer epochs;

    @Option(names = "--batch", description = "Batch size (default per model: unet 32, seed and seed-rgb 8).")
    Integer batch;

    @Option(names = "--lr", description = "Adam (peak) learning rate (default per model: unet 2e-3, seed 1e-4, "
            + "seed-rgb 1e-3).")
    Float lr;

    @Option(names = "--schedule", description = "Learning-rate schedule: CONSTANT or WARMUP_COSINE (default per "
            + "model: unet WARMUP_COSINE, seed and seed-rgb CONSTANT).")
    TrainSchedule schedule;

    @Option(names = "--size", defaultValue = "128", description = "Working size in pixels. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--val-split", defaultValue = "0.1", description = "Validation fraction. Default: ${DEFAULT-VALUE}.")
    double valSplit;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of split, weights, shuffling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--flip", negatable = true,
            description = "Mirror training images left-right at random (default per model: on for unet, off for "
                    + "seed and seed-rgb, as the original).")
    Boolean flip;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        RunDir run = new RunDir(out);
        boolean hasRun = Files.isRegularFile(run.configFile());
        if (hasRun && !resume) {
            throw new ColorizerException(out, "already holds a run: pass --resume to continue it, or choose another --out");
        }
        if (resume && !hasRun) {
            throw new ColorizerException(out, "holds no run to resume: drop --resume to start one");
        }
        if (data == null) {
            data = BundledSample.path();
        }
        TrainConfig config = resume ? resumedConfig(run) : newConfig();
        Architecture architecture = Architecture.fromId(config.model());
        architecture.checkSize(config.size());

        ImageFolder folder = ImageFolder.scan(data);
        folder.problems().forEach(p -> System.err.println("warning: " + p));
        System.out.printf("data: %s (%s layout), %d images; caching at %d px%n",
                data, folder.layout(), folder.pairs().size(), config.size());
        try (SampleCache cache = Caching.open(folder, config.size(), run.cacheDir())) {
            cache.problems().forEach(p -> System.err.println("warning: skipped " + p.file() + ": " + p.message()));
            int[][] split = resume ? splitByName(run.readConfig(), cache) : splitFresh(cache, config);
            if (!resume) {
                List<String> problems = new ArrayList<>(folder.problems());
                cache.problems().forEach(p -> problems.add(p.file() + ": " + p.message()));
                run.writeConfig(new RunConfig(config,
                        new RunConfig.DataSummary(data.toString(), folder.layout().name(), cache.count(),
                                problems.size(), problems),
                        names(cache, split[0]), names(cache, split[1]), Instant.now().toString(), versions()));
            } else {
                RunConfig saved = run.readConfig();
                run.writeConfig(new RunConfig(config, saved.data(), saved.trainNames(), saved.validationNames(),
                        saved.createdAt(), saved.software()));
            }
            System.out.printf("model %s: %d training, %d validation images, batch %d, lr %g, %d epochs -> %s%n",
                    config.model(), split[0].length, split[1].length, config.batchSize(), config.learningRate(),
                    config.epochs(), out);
            TrainingLoop loop = new TrainingLoop(config, cache, split[0], split[1], List.of(
                    new ProgressListener(System.out), new CheckpointListener(run), new MetricsCsvListener(run),
                    new LossPlotListener(run, config.model() + " — MSE per epoch")));
            List<EpochMetrics> history = loop.run(resume ? run.latestCheckpoint().orElse(null) : null);
            EpochMetrics last = history.get(history.size() - 1);
            System.out.printf(Locale.ROOT, "done: epoch %d, train MSE %.5f, val MSE %.5f; model in %s, curve in %s%n",
                    last.epoch(), last.trainMse(), last.valMse(), out, run.lossPlotFile());
        }
        return Main.OK;
    }

    private TrainConfig newConfig() {
        Architecture architecture = Architecture.fromId(model);
        Architecture.Defaults d = architecture.defaults();
        return new TrainConfig(architecture.id(), epochs != null ? epochs : d.epochs(),
                batch != null ? batch : d.batchSize(), lr != null ? lr : d.learningRate(), size, valSplit, seed,
                flip != null ? flip : d.flip(), schedule != null ? schedule : d.schedule());
    }

    /** The saved configuration; only --epochs may change (to train a finished run for longer). */
    private TrainConfig resumedConfig(RunDir run) {
        TrainConfig saved = run.readConfig().train();
        int total = epochs != null ? epochs : saved.epochs();
        return new TrainConfig(saved.model(), total, saved.batchSize(), saved.learningRate(), saved.size(),
                saved.valSplit(), saved.seed(), saved.flip(), saved.schedule());
    }

    private static int[][] splitFresh(SampleCache cache, TrainConfig config) {
        Split split = Split.of(cache.count(), config.valSplit(), config.seed());
        return new int[][] {split.train(), split.validation()};
    }

    /** The split saved in config.json, so a resumed run validates on the same images. */
    private static int[][] splitByName(RunConfig saved, SampleCache cache) {
        Map<String, Integer> index = new HashMap<>();
        List<String> names = cache.names();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        return new int[][] {indices(saved.trainNames(), index), indices(saved.validationNames(), index)};
    }

    private static int[] indices(List<String> names, Map<String, Integer> index) {
        return names.stream().mapToInt(n -> {
            Integer i = index.get(n);
            if (i == null) {
                throw new ColorizerException("image " + n + " of the saved split is gone from the data folder: "
                        + "restore it, or start a new run");
            }
            return i;
        }).toArray();
    }

    private static List<String> names(SampleCache cache, int[] indices) {
        List<String> names = cache.names();
        List<String> out = new ArrayList<>();
        for (int i : indices) {
            out.add(names.get(i));
        }
        return out;
    }

    private static String versions() {
        return "colorizer 0.1.0, DJL " + ai.djl.engine.Engine.getDjlVersion() + ", Java "
                + System.getProperty("java.version");
    }
}
