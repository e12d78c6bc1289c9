package dev.colorizer.train;

import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.SampleCache;
import dev.colorizer.data.Split;
import dev.colorizer.model.Architecture;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A training run in a run folder, started or resumed: it scans the data folders, opens the sample cache of every
 * working size, splits each folder with the seed (or takes the split saved in config.json), writes config.json,
 * and runs the {@link TrainingLoop} with the checkpoint, metrics.csv and loss-curve listeners. Front ends only
 * translate their options into {@link #start} or {@link #resume} and add their own listeners (a progress bar).
 *
 * <p>With several data folders, each sample's name is the folder's label then its name in the folder
 * ({@code intel-train/forest_1.jpg}), so names stay unique, and the split is drawn per folder, so that every
 * folder keeps the same validation fraction.
 */
public final class TrainingRun implements AutoCloseable {
    /**
     * A data folder and how often an epoch visits its pictures (1: each once; see {@link TrainingSet}).
     *
     * @param dir the folder, in any layout {@link ImageFolder#scan} reads
     * @param weight positive
     */
    public record Source(Path dir, double weight) {
        public Source {
            if (!(weight > 0) || weight > MAX_WEIGHT) {
                throw new UsageException(Message.of(Setting.DATA, " " + dir + "@" + weight + ": the weight must be a "
                        + "positive number up to " + (int) MAX_WEIGHT + " (the times an epoch visits each picture), "
                        + "e.g. DIR@2"));
            }
        }

        /** The largest weight: an epoch visits each picture of its folder at most this many times. */
        public static final double MAX_WEIGHT = 100;

        /** "DIR" (weight 1) or "DIR@WEIGHT", e.g. {@code ../shared/data/diverse-photos@2}. */
        public static Source parse(String spec) {
            int at = spec.lastIndexOf('@');
            if (at > 0) {
                String weight = spec.substring(at + 1);
                try {
                    return new Source(Path.of(spec.substring(0, at)), Double.parseDouble(weight));
                } catch (NumberFormatException e) {
                    throw new UsageException(Message.of(Setting.DATA, " " + spec + ": '" + weight + "' after @ is not a "
                            + "weight: write DIR@WEIGHT with a positive number, e.g. photos@0.5, or rename a folder "
                            + "that has @ in it"));
                }
            }
            return new Source(Path.of(spec), 1);
        }
    }

    /** What a front end shows while the run gets ready: the folders found, decode progress. */
    public interface Events {
        /** A data folder was scanned. */
        default void scanned(Source source, ImageFolder folder) {}

        /**
         * The cache of one working size is about to be opened for {@code total} pictures: the returned consumer gets
         * the progress (called on the opening thread); {@link #cached} follows.
         */
        default Consumer<SampleCache.Progress> caching(int size, int total) {
            return p -> { };
        }

        /** The cache of one working size is open. */
        default void cached(SampleCache cache) {}
    }

    private final RunDir run;
    private final RunConfig config;
    private final Map<Integer, SampleCache> caches;
    private final TrainingSet train;
    private final int[] validation;
    private final boolean resumed;

    private TrainingRun(RunDir run, RunConfig config, Map<Integer, SampleCache> caches, TrainingSet train,
                        int[] validation, boolean resumed) {
        this.run = run;
        this.config = config;
        this.caches = caches;
        this.train = train;
        this.validation = validation;
        this.resumed = resumed;
    }

    /**
     * Prepares a new run in {@code runDir} (which must not hold one): caches, seeded split, config.json.
     *
     * @param software the versions to record (e.g. "colorizer 0.2.0, DJL 0.36.0, Java 17")
     */
    public static TrainingRun start(Path runDir, TrainConfig config, List<Source> sources, String software,
                                    Events events) throws IOException {
        RunDir run = new RunDir(runDir);
        if (Files.isRegularFile(run.configFile())) {
            throw new UsageException(runDir, Message.of("already holds a run: pass ", Setting.RESUME, " to continue it, "
                    + "or choose another ", Setting.OUT));
        }
        if (sources.isEmpty()) {
            throw new UsageException(Message.of("no data folder: pass ", Setting.DATA, " DIR"));
        }
        for (Source source : sources) {
            dev.colorizer.data.FolderPlan.refuseOutputInside(runDir, Setting.OUT, source.dir(), Setting.DATA);
        }
        refuseOverlap(sources);
        Architecture architecture = Architecture.fromId(config.model());
        config.stagesOrSingle().forEach(stage -> architecture.checkSize(stage.size()));
        // a wrong model fails now, not after the caches are built
        RunConfig.BaseRecipe base = config.initFrom() == null ? null
                : RunConfig.BaseRecipe.of(config.initFrom(), TrainingLoop.initialModel(config).config());
        Scan scan = scan(sources, events);
        Map<Integer, SampleCache> caches = openCaches(scan.pairs, config, run, events);
        try {
            SampleCache any = caches.get(config.size());
            int[] sourceOf = sourceOf(any.names(), scan);
            List<Integer> trainIdx = new ArrayList<>();
            List<Integer> valIdx = new ArrayList<>();
            for (int s = 0; s < sources.size(); s++) {
                int[] mine = indicesOf(sourceOf, s);
                Split split = Split.of(mine.length, config.valSplit(), config.seed());
                Arrays.stream(split.train()).forEach(i -> trainIdx.add(mine[i]));
                Arrays.stream(split.validation()).forEach(i -> valIdx.add(mine[i]));
            }
            int[] trainIndices = trainIdx.stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] validation = valIdx.stream().mapToInt(Integer::intValue).sorted().toArray();
            if (trainIndices.length == 0) { // refused before the run is recorded: the same --out can be used again
                throw new ColorizerException(any.count() == 0
                        ? Message.of("no picture of the ", Setting.DATA, " folders could be read ("
                                + scan.pairs.size() + " tried, each named above): add readable pictures")
                        : Message.of("no training images left after the validation split (" + any.count()
                                + " pictures): add images or lower ", Setting.VAL_SPLIT));
            }
            TrainingSet set = trainingSet(trainIndices, sourceOf, sources);
            for (int s = 0; s < sources.size(); s++) {
                int n = count(sourceOf, trainIndices, s);
                if (n > 0 && Math.round(sources.get(s).weight() * n) < 1) {
                    throw new UsageException(Message.of(Setting.DATA, " " + sources.get(s).dir() + "@"
                            + sources.get(s).weight() + ": an epoch would visit none of its " + n + " training "
                            + "pictures: give a weight of at least "
                            + String.format(java.util.Locale.ROOT, "%.3g", 0.5 / n)));
                }
            }
            RunConfig runConfig = new RunConfig(config, scan.summary(any, sourceOf, trainIndices, validation),
                    names(any, trainIndices), names(any, validation), Instant.now().toString(), software)
                    .withBase(base);
            run.writeConfig(runConfig);
            return new TrainingRun(run, runConfig, caches, set, validation, false);
        } catch (IOException | RuntimeException e) {
            caches.values().forEach(SampleCache::close);
            throw e;
        }
    }

    /**
     * Prepares the run in {@code runDir} to continue from its last checkpoint, with its saved configuration, data
     * folders (or {@code sources} where given: the same pictures moved elsewhere) and split.
     *
     * @param epochs the new total of epochs, or null to keep it (the last stage grows or shrinks)
     */
    public static TrainingRun resume(Path runDir, Integer epochs, List<Source> sources, Events events)
            throws IOException {
        RunDir run = new RunDir(runDir);
        if (!Files.isRegularFile(run.configFile())) {
            throw new ColorizerException(runDir, Message.of("holds no run to resume: drop ", Setting.RESUME,
                    " to start one"));
        }
        RunConfig saved = run.readConfig();
        if (saved.train() == null) {
            throw new ColorizerException(run.configFile(), Message.of("holds no training settings: it is damaged; "
                    + "restore it, or start a new run in another ", Setting.OUT));
        }
        Optional<Path> checkpoint = run.checkpointToResume();
        int done = checkpoint.isEmpty() ? 0 : Checkpoint.readState(checkpoint.get()).epochsDone();
        if (epochs != null && epochs < done) {
            throw new UsageException(Message.of(Setting.EPOCHS, " " + epochs + " is fewer than the " + done
                    + " epochs this run has done: pass more to train on, or export it as it is"));
        }
        if (epochs == null && done >= saved.train().epochs()) {
            throw new UsageException(Message.of(runDir + " has finished its " + done + " epochs: pass ",
                    Setting.EPOCHS, " N (more than " + done + ") to train on"));
        }
        TrainConfig config = epochs != null ? saved.train().withEpochs(epochs) : saved.train();
        refuseOverlap(sources);
        List<Source> resolved = sources.isEmpty() ? savedSources(saved, runDir) : sources;
        Scan scan = scan(resolved, events);
        Map<Integer, SampleCache> caches = openCaches(scan.pairs, config, run, events);
        try {
            SampleCache any = caches.get(config.size());
            int[] sourceOf = sourceOf(any.names(), scan);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < any.names().size(); i++) {
                index.put(any.names().get(i), i);
            }
            int[] trainIndices = indices(saved.trainNames(), index);
            int[] validation = indices(saved.validationNames(), index);
            RunConfig runConfig = saved.withTrain(config);
            run.writeConfig(runConfig);
            return new TrainingRun(run, runConfig, caches, trainingSet(trainIndices, sourceOf, resolved), validation,
                    true);
        } catch (IOException | RuntimeException e) {
            caches.values().forEach(SampleCache::close);
            throw e;
        }
    }

    /** config.json as written. */
    public RunConfig config() {
        return config;
    }

    public RunDir runDir() {
        return run;
    }

    /** Training samples (before weights). */
    public int trainCount() {
        return train.indices().length;
    }

    /** Samples an epoch visits (after weights). */
    public int epochLength() {
        return train.epochLength();
    }

    public int validationCount() {
        return validation.length;
    }

    /**
     * Trains to the configured epochs; the run folder's checkpoint, metrics.csv and loss.png listeners come first,
     * then {@code extra} (e.g. a progress bar).
     *
     * @return the metrics of every epoch, earlier ones of a resumed run included
     */
    public List<EpochMetrics> train(List<TrainListener> extra) throws IOException {
        List<TrainListener> listeners = new ArrayList<>(extra);
        listeners.add(new CheckpointListener(run));
        listeners.add(new MetricsCsvListener(run));
        listeners.add(new LossPlotListener(run, config.train().model() + " — MSE per epoch"));
        TrainingLoop loop = new TrainingLoop(config.train(), caches, train, validation, listeners);
        return loop.run(resumed ? run.checkpointToResume().orElse(null) : null);
    }

    @Override
    public void close() {
        caches.values().forEach(SampleCache::close);
    }

    // the folders scanned, their labels and all pairs renamed "label/name" when there are several
    private record Scan(List<Source> sources, List<ImageFolder> folders, List<String> labels, List<ImagePair> pairs) {
        RunConfig.DataSummary summary(SampleCache cache, int[] sourceOf, int[] train, int[] validation) {
            List<String> problems = new ArrayList<>();
            folders.forEach(f -> problems.addAll(f.problems()));
            cache.problems().forEach(p -> problems.add(p.file() + ": " + p.message()));
            List<RunConfig.DataSource> list = new ArrayList<>();
            for (int s = 0; s < sources.size(); s++) {
                int images = indicesOf(sourceOf, s).length;
                list.add(new RunConfig.DataSource(recorded(sources.get(s).dir()), labels.get(s),
                        folders.get(s).layout().name(), sources.get(s).weight(), images,
                        folders.get(s).pairs().size() - images + folders.get(s).problems().size(),
                        count(sourceOf, train, s), count(sourceOf, validation, s)));
            }
            String path = String.join(", ", sources.stream().map(src -> recorded(src.dir())).toList());
            String layout = String.join(", ", folders.stream().map(f -> f.layout().name()).distinct().toList());
            return new RunConfig.DataSummary(path, layout, cache.count(), problems.size(), problems,
                    sources.size() > 1 || sources.get(0).weight() != 1 ? list : null); // a weight is resumed too
        }
    }

    // a data folder as config.json records it: absolute, so that --resume and evaluate find it from any folder
    private static String recorded(Path dir) {
        return dev.colorizer.io.RealPath.named(dir).toString();
    }

    private static Scan scan(List<Source> sources, Events events) {
        List<ImageFolder> folders = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<ImagePair> pairs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Source source : sources) {
            ImageFolder folder = ImageFolder.scan(source.dir());
            events.scanned(source, folder);
            folders.add(folder);
            Path name = source.dir().toAbsolutePath().normalize().getFileName();
            String base = name == null ? "data" : name.toString();
            String label = base;
            for (int k = 2; !used.add(label); k++) {
                label = base + "-" + k;
            }
            labels.add(label);
            for (ImagePair pair : folder.pairs()) {
                pairs.add(sources.size() == 1 ? pair
                        : new ImagePair(label + "/" + pair.name(), pair.color(), pair.gray()));
            }
        }
        return new Scan(List.copyOf(sources), folders, labels, pairs);
    }

    /**
     * Checks, before any work, that the run's working sizes fit this machine: the training step's memory
     * ({@link TrainingMemory}) and the sample caches still to be written (against the free disk space). The message
     * says which size would fit.
     */
    static void checkResources(int images, TrainConfig config, RunDir run) throws IOException {
        int largest = config.stagesOrSingle().stream().mapToInt(TrainConfig.Stage::size).max().orElseThrow();
        TrainingMemory.checkStep(Architecture.fromId(config.model()), largest, config.batchSize());
        long cacheBytes = 0;
        for (int size : config.stagesOrSingle().stream().mapToInt(TrainConfig.Stage::size).distinct().toArray()) {
            int cached = config.cachedSize(size);
            if (!hasCache(run, cached)) {
                cacheBytes += (long) images * cached * cached * 4; // RGB + gray, a byte each
            }
        }
        Path existing = run.root().toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (cacheBytes > free) {
            throw new ColorizerException(run.cacheDir(), Message.of("the sample caches of " + images + " pictures at "
                    + config.stagesOrSingle().stream().map(st -> config.cachedSize(st.size()) + " px").distinct()
                    .toList() + " need "
                    + TrainingMemory.gib(cacheBytes) + ", more than the " + TrainingMemory.gib(free)
                    + " free there: use a smaller ", Setting.TRAIN_SIZE, ", fewer pictures, or an ", Setting.OUT,
                    " on a larger disk"));
        }
    }

    private static boolean hasCache(RunDir run, int size) throws IOException {
        if (!Files.isDirectory(run.cacheDir())) {
            return false;
        }
        try (var files = Files.list(run.cacheDir())) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("samples-" + size + "-"));
        }
    }

    // one cache per working size of the stages (at the size its crops are cut from), the same pictures in each (a
    // picture one size cannot decode is skipped in all: decoding does not depend on the size)
    private static Map<Integer, SampleCache> openCaches(List<ImagePair> pairs, TrainConfig config, RunDir run,
                                                        Events events) throws IOException {
        checkResources(pairs.size(), config, run);
        Map<Integer, SampleCache> caches = new LinkedHashMap<>();
        try {
            for (TrainConfig.Stage stage : config.stagesOrSingle()) {
                if (!caches.containsKey(stage.size())) {
                    int cached = config.cachedSize(stage.size());
                    Consumer<SampleCache.Progress> progress = events.caching(cached, pairs.size());
                    SampleCache cache = SampleCache.open(pairs, cached, run.cacheDir(), progress);
                    caches.put(stage.size(), cache);
                    events.cached(cache);
                }
            }
        } catch (RuntimeException e) {
            caches.values().forEach(SampleCache::close);
            throw e;
        }
        return caches;
    }

    private static int[] sourceOf(List<String> names, Scan scan) {
        Map<String, Integer> byName = new HashMap<>();
        for (int s = 0; s < scan.folders.size(); s++) {
            for (ImagePair pair : scan.folders.get(s).pairs()) {
                byName.put(scan.sources.size() == 1 ? pair.name() : scan.labels.get(s) + "/" + pair.name(), s);
            }
        }
        return names.stream().mapToInt(byName::get).toArray();
    }

    private static TrainingSet trainingSet(int[] train, int[] sourceOf, List<Source> sources) {
        int[] sourceOfTrain = Arrays.stream(train).map(i -> sourceOf[i]).toArray();
        return new TrainingSet(train, sourceOfTrain, sources.stream().mapToDouble(Source::weight).toArray());
    }

    /**
     * Each picture in one folder only: folders are walked recursively, so of a folder and one inside it (or the same
     * folder twice) the inner one's pictures would be seen twice, each split on its own, and a validation picture
     * trained on under the other name.
     */
    private static void refuseOverlap(List<Source> sources) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Source source : sources) {
            real.add(dev.colorizer.io.RealPath.of(source.dir()));
        }
        for (int i = 0; i < sources.size(); i++) {
            for (int j = 0; j < sources.size(); j++) {
                Path a = real.get(i);
                Path b = real.get(j);
                if (i != j && b.startsWith(a) && (i < j || !a.equals(b))) {
                    throw new UsageException(Message.of(Setting.DATA, " " + sources.get(j).dir(), a.equals(b)
                            ? " is given twice" : Message.of(" is inside ", Setting.DATA, " " + sources.get(i).dir()
                            + " (folders are walked with their subfolders)"), ": its pictures would be seen twice "
                            + "and a validation picture trained on; give each folder once, with @WEIGHT to weigh it "
                            + "more"));
                }
            }
        }
    }

    private static List<Source> savedSources(RunConfig saved, Path runDir) {
        if (saved.data().sources() != null) {
            return saved.data().sources().stream().map(s -> new Source(Path.of(s.path()), s.weight())).toList();
        }
        Path dir = Path.of(saved.data().path());
        if (!Files.isDirectory(dir)) {
            throw new ColorizerException(dir, Message.of("the data folder of the run in " + runDir + " is gone: pass ",
                    Setting.DATA, " with the folder where its pictures are now"));
        }
        return List.of(new Source(dir, 1));
    }

    private static int[] indicesOf(int[] sourceOf, int source) {
        return java.util.stream.IntStream.range(0, sourceOf.length).filter(i -> sourceOf[i] == source).toArray();
    }

    private static int count(int[] sourceOf, int[] indices, int source) {
        return (int) Arrays.stream(indices).filter(i -> sourceOf[i] == source).count();
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

    /**
     * The pairs of a run's validation split, found again in its data folders (named as in config.json).
     *
     * @throws ColorizerException if a folder is gone or none of the pictures is there any more
     */
    public static List<ImagePair> validationPairs(RunConfig config) {
        List<Source> sources = config.data().sources() != null
                ? config.data().sources().stream().map(s -> new Source(Path.of(s.path()), s.weight())).toList()
                : List.of(new Source(Path.of(config.data().path()), 1));
        Set<String> names = new HashSet<>(config.validationNames());
        List<ImagePair> pairs = scan(sources, new Events() { }).pairs.stream()
                .filter(p -> names.contains(p.name())).toList();
        if (pairs.isEmpty()) {
            throw new ColorizerException(Path.of(config.data().path()),
                    Message.of("none of the run's validation images are there any more: pass ", Setting.DATA, " DIR"));
        }
        return pairs;
    }
}
