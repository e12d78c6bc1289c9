package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.SampleCache;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.TrainSchedule;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.run.StoredModel;
import dev.colorizer.run.TrainConfig;
import dev.colorizer.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a colorizer on folders of images; writes config.json, metrics.csv, loss.png and "
                + "checkpoints into the --out folder.",
                "DIR may hold color/ + gray/ (pairs matched by name), 'landscape Images/color' + "
                        + "'landscape Images/gray' (the Kaggle layout), or color images only (gray derived)."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR[@WEIGHT]",
            description = {"Dataset folder; repeat it to train on several (default: the bundled public-domain "
                    + "sample, samples/free-landscapes).",
                    "@WEIGHT (a positive number, default 1) sets how often an epoch visits the folder's pictures: "
                            + "2 shows each twice, 0.5 a different half each epoch."})
    List<String> data = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder to write.")
    Path out;

    @Option(names = "--arch",
            description = "Architecture: unet (the best measured without hints), unet-hints (deeper, takes color "
                    + "hints, predicts its confidence), unet-bins (unet-hints that also predicts a distribution over "
                    + "colors and shows the color it commits to; fine-tune it from a unet-hints model with "
                    + "--init-from), seed (the original Lab model) or seed-rgb (the original first version). "
                    + "Default: the --init-from model's, else unet.")
    String arch;

    @Option(names = "--model", hidden = true, description = "Was the architecture; now --arch.")
    String oldModelOption;

    @Option(names = "--init-from", paramLabel = "RUN_DIR|bundled",
            description = "Start from a trained model's weights instead of random ones (fine-tuning on your own "
                    + "photos, or training on): a run folder, or 'bundled' for the pretrained model. Recorded in "
                    + "config.json.")
    String initFrom;

    @Option(names = "--epochs", description = "Epochs (default per model: unet 37, unet-hints and unet-bins 25, seed 50, "
            + "seed-rgb 10).")
    Integer epochs;

    @Option(names = "--batch", description = "Batch size (default per model: unet 32, seed and seed-rgb 8).")
    Integer batch;

    @Option(names = "--lr", description = "Adam (peak) learning rate (default per model: unet 2e-3, seed 1e-4, "
            + "seed-rgb 1e-3).")
    Float lr;

    @Option(names = "--schedule", description = "Learning-rate schedule: CONSTANT or WARMUP_COSINE (default per "
            + "model: unet WARMUP_COSINE, seed and seed-rgb CONSTANT).")
    TrainSchedule schedule;

    @Option(names = "--size", description = "Working size in pixels (default 128).")
    Integer size;

    @Option(names = "--stages", paramLabel = "SIZE:EPOCHS[,SIZE:EPOCHS...]",
            description = "Train at several working sizes in turn, e.g. 64:22,128:3 (22 epochs at 64 px, then 3 at "
                    + "128 px, one learning-rate schedule over all 25); the model is used at the last size. "
                    + "Replaces --size and --epochs.")
    String stages;

    @Option(names = "--val-split", defaultValue = "0.1", description = "Validation fraction, per data folder. "
            + "Default: ${DEFAULT-VALUE}.")
    double valSplit;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of split, weights, shuffling, augmentation "
            + "and simulated hints. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--flip", negatable = true,
            description = "Mirror training images left-right at random (default per model: on for unet, off for "
                    + "seed and seed-rgb, as the original).")
    Boolean flip;

    @Option(names = "--crop", paramLabel = "FRACTION",
            description = "Random crops: each training picture is a random square covering this fraction of its "
                    + "side or more, at a random place, resampled to the working size (e.g. 0.8; validation and "
                    + "inference see the whole picture). More variety from the same photos, against over-fitting. "
                    + "Default: 1, no cropping.")
    Double crop;

    @Option(names = "--degrade", paramLabel = "SHARE",
            description = "Old-print augmentation: this share of the training pictures (e.g. 0.5) get their gray "
                    + "input made soft, faded or grainy at random, their target colors kept, so that scans of old "
                    + "prints get the colors of their content rather than a sepia cast (unet, unet-hints, unet-bins, "
                    + "seed-rgb; validation sees the pictures as they are). Default: 0, none.")
    Double degrade;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint (its saved "
            + "settings and data folders; --epochs may raise the total, --data names folders that moved).")
    boolean resume;

    @Spec
    CommandSpec spec;

    // what --resume takes beside itself: the folder, a new total of epochs, data folders that moved
    private static final java.util.Set<String> RESUME_TAKES = java.util.Set.of("--resume", "--out", "--epochs",
            "--data", "--verbose");

    @Override
    public Integer call() throws Exception {
        if (oldModelOption != null) {
            throw new UsageException("train --model is now --arch (" + oldModelOption + " is an architecture): "
                    + "--model names a trained run folder everywhere else");
        }
        if (resume) {
            List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                    .map(o -> o.longestName()).filter(name -> !RESUME_TAKES.contains(name)).distinct().toList();
            if (!others.isEmpty()) {
                throw new UsageException("--resume continues the run with the settings saved in its config.json, "
                        + "so " + String.join(", ", others) + " would be ignored: drop " + (others.size() == 1 ? "it"
                        : "them") + " (with --resume only --epochs and --data are taken), or start a new run in "
                        + "another --out");
            }
        }
        List<TrainingRun.Source> sources = data.stream().map(TrainingRun.Source::parse).toList();
        Events events = new Events();
        try (TrainingRun run = resume ? TrainingRun.resume(out, epochs, sources, events)
                : TrainingRun.start(out, newConfig(), sources.isEmpty()
                        ? List.of(new TrainingRun.Source(BundledSample.path(), 1)) : sources, versions(), events)) {
            TrainConfig config = run.config().train();
            System.out.printf(Locale.ROOT, "model %s: %d training (%d per epoch), %d validation images, batch %d, "
                            + "lr %g, %s -> %s%n",
                    config.model(), run.trainCount(), run.epochLength(), run.validationCount(), config.batchSize(),
                    config.learningRate(), describe(config), out);
            if (run.validationCount() == 0) {
                System.out.println("no validation pictures (--val-split " + config.valSplit() + "): the validation "
                        + "MSE is not measured, and the loss curve shows training only");
            }
            List<EpochMetrics> history = run.train(List.of(new ProgressListener(System.out)));
            EpochMetrics last = history.get(history.size() - 1);
            System.out.printf(Locale.ROOT, "done: epoch %d, train MSE %.5f, val MSE %s; model in %s, curve in %s%n",
                    last.epoch(), last.trainMse(), last.valMseText(), out, run.runDir().lossPlotFile());
        }
        return ExitCode.OK;
    }

    private TrainConfig newConfig() {
        Architecture architecture = arch != null ? Architecture.ofOption(Setting.ARCH, arch)
                : Architecture.fromId(initFrom != null ? StoredModel.named(initFrom).config().train().model() : "unet");
        Architecture.Defaults d = architecture.defaults();
        List<TrainConfig.Stage> staged = stages == null ? null : parseStages(stages);
        if (staged != null && (size != null || epochs != null)) {
            throw new UsageException("--stages sets the sizes and epochs: drop --size and --epochs, or drop --stages");
        }
        int total = staged != null ? staged.stream().mapToInt(TrainConfig.Stage::epochs).sum()
                : epochs != null ? epochs : d.epochs();
        int last = staged != null ? staged.get(staged.size() - 1).size() : size != null ? size : 128;
        return new TrainConfig(architecture.id(), total, batch != null ? batch : d.batchSize(),
                lr != null ? lr : d.learningRate(), last, valSplit, seed, flip != null ? flip : d.flip(),
                schedule != null ? schedule : d.schedule(), staged, initFrom, crop, degrade);
    }

    static List<TrainConfig.Stage> parseStages(String spec) {
        List<TrainConfig.Stage> list = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] se = part.trim().split(":");
            try {
                if (se.length != 2) {
                    throw new NumberFormatException(part);
                }
                int s = Integer.parseInt(se[0].trim());
                int e = Integer.parseInt(se[1].trim());
                if (s < 1 || e < 1) {
                    throw new NumberFormatException(part);
                }
                list.add(new TrainConfig.Stage(s, e));
            } catch (NumberFormatException ex) {
                throw new UsageException("--stages '" + spec + "': '" + part.trim() + "' is not SIZE:EPOCHS with "
                        + "two positive whole numbers; write e.g. --stages 64:22,128:3");
            }
        }
        return list;
    }

    private static String describe(TrainConfig config) {
        return String.join(" then ", config.stagesOrSingle().stream()
                .map(s -> s.epochs() + " epochs at " + s.size() + " px").toList())
                + (config.initFrom() != null ? ", from the weights of " + config.initFrom() : "")
                + (config.crop() < 1 ? String.format(Locale.ROOT, ", random crops of %.0f-100 %% of a side",
                        100 * config.crop()) : "")
                + (config.degrade() > 0 ? String.format(Locale.ROOT, ", %.0f %% of the inputs degraded like old prints",
                        100 * config.degrade()) : "");
    }

    private static String versions() {
        return "colorizer " + dev.colorizer.Version.current() + ", DJL " + ai.djl.engine.Engine.getDjlVersion() + ", Java "
                + System.getProperty("java.version");
    }

    /** Prints the data folders found and shows a progress bar while a cache decodes. */
    private static final class Events implements TrainingRun.Events {
        private ProgressBar bar;

        @Override
        public void scanned(TrainingRun.Source source, ImageFolder folder) {
            DataFolders.warn(folder);
            System.out.printf(Locale.ROOT, "data: %s (%s layout), %d images, weight %s%n", source.dir(),
                    folder.layout(), folder.pairs().size(), source.weight());
        }

        @Override
        public Consumer<SampleCache.Progress> caching(int size, int total) {
            bar = Bars.images("decode " + size + " px", total);
            return p -> bar.stepTo(p.done());
        }

        @Override
        public void cached(SampleCache cache) {
            bar.stepTo(bar.getMax());
            bar.close();
            cache.problems().forEach(p -> System.err.println("warning: skipped " + p.file() + ": " + p.message()));
        }
    }
}
