package dev.colorizer.run;

import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.io.AtomicFiles;
import dev.colorizer.io.Json;
import dev.colorizer.io.RealPath;
import dev.colorizer.ColorizerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run folder and the files in it:
 * <pre>
 * RUN_DIR/config.json                     RunConfig
 * RUN_DIR/metrics.csv                     one EpochMetrics row per finished epoch
 * RUN_DIR/loss.png                        training and validation curves
 * RUN_DIR/checkpoints/latest.json         {"name": "epoch-0007"}: the newest complete checkpoint
 * RUN_DIR/checkpoints/epoch-0007/         model.params, optimizer.params, state.json
 * </pre>
 * A checkpoint folder is complete before latest.json names it, so a kill at any moment leaves a usable run.
 */
public final class RunDir {
    /** checkpoints/latest.json names the newest complete checkpoint, a folder beside it. */
    public static final String LATEST = "latest.json";
    /** checkpoints: the folder of the staged checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";
    /** calibration: what {@code colorize calibrate} measured (saturation curves). */
    public static final String CALIBRATION = "calibration";
    /** config.json: the RunConfig, in a run folder and in an exported model alike. */
    public static final String CONFIG = "config.json";
    /** model.params: the weights in DJL's block format, in a checkpoint folder and in an exported model alike. */
    public static final String MODEL = "model.params";

    private final Path root;

    public RunDir(Path root) {
        this.root = root;
    }

    /** A run folder that must hold a trained model (config.json and a checkpoint). */
    /**
     * Whether the folder holds an exported model ({@link #exportModel}'s config.json and model.params side by side)
     * rather than a training run: a model to use, not a run to train further or calibrate.
     */
    public static boolean isExported(Path root) {
        return Files.isRegularFile(root.resolve(CONFIG)) && Files.isRegularFile(root.resolve(MODEL))
                && !Files.isDirectory(root.resolve(CHECKPOINTS));
    }

    public static RunDir existing(Path root) {
        RunDir run = new RunDir(root);
        if (!Files.isDirectory(root)) {
            throw new ColorizerException(root, Message.of("no such run folder: pass the ", Setting.OUT,
                    " folder of a `colorize train` run"));
        }
        if (!Files.isRegularFile(run.configFile())) {
            throw new ColorizerException(run.configFile(),
                    Message.of("missing: this is not a run folder; pass the ", Setting.OUT,
                            " folder of a `colorize train` run"));
        }
        if (isExported(root)) {
            throw new ColorizerException(root, Message.of("holds an exported model (config.json + model.params), not "
                    + "a training run: this needs the run folder it was exported from (`colorize train ", Setting.OUT,
                    "`)"));
        }
        if (run.latestCheckpoint().isEmpty()) {
            throw new ColorizerException(run.checkpointsDir(),
                    Message.of("no finished checkpoint yet: train for at least one epoch (or `colorize train ",
                            Setting.RESUME, "`)"));
        }
        return run;
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve(CONFIG);
    }

    public Path metricsFile() {
        return root.resolve("metrics.csv");
    }

    public Path lossPlotFile() {
        return root.resolve("loss.png");
    }

    public Path checkpointsDir() {
        return root.resolve(CHECKPOINTS);
    }

    public Path calibrationDir() {
        return root.resolve(CALIBRATION);
    }

    public Path cacheDir() {
        return root.resolve("cache");
    }

    public RunConfig readConfig() {
        try {
            return Json.read(configFile(), RunConfig.class);
        } catch (IOException e) {
            throw new ColorizerException(configFile(), "unreadable (" + e.getMessage()
                    + "): restore it or train a new run", e);
        }
    }

    public void writeConfig(RunConfig config) throws IOException {
        Json.write(configFile(), config);
    }

    /** Rewrites metrics.csv from the whole history (a resumed run keeps its earlier rows). */
    public void writeMetrics(List<EpochMetrics> history) throws IOException {
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        for (EpochMetrics m : history) {
            csv.append(m.toCsv()).append('\n');
        }
        AtomicFiles.writeString(metricsFile(), csv.toString());
    }

    /**
     * Writes the trained model as a folder of two files, config.json (with portable data paths) and model.params
     * (the newest checkpoint's weights): the layout of the model bundled in the library jar.
     */
    public void exportModel(Path dest) throws IOException {
        Path checkpoint = latestCheckpoint().orElseThrow(() -> new ColorizerException(checkpointsDir(),
                "no finished checkpoint yet: train for at least one epoch"));
        if (RealPath.of(dest).startsWith(RealPath.of(root))) {
            throw new dev.colorizer.UsageException(dest, "is the run folder " + root + " or inside it: its config.json "
                    + "would be replaced; export into a folder of its own");
        }
        if (Files.exists(dest) && !Files.isDirectory(dest)) {
            throw new ColorizerException(dest, Message.of("is a file, not a folder: ", Setting.OUT,
                    " takes the folder to write into"));
        }
        if (Files.isDirectory(dest)) {
            try (Stream<Path> files = Files.list(dest)) {
                List<String> others = files.map(f -> f.getFileName().toString())
                        .filter(name -> !name.equals(CONFIG) && !name.equals(MODEL)).sorted().toList();
                if (!others.isEmpty()) {
                    throw new dev.colorizer.UsageException(dest, "holds other files (" + String.join(", ", others)
                            + "): export into an empty folder, or one holding an earlier export only");
                }
            }
        }
        Files.createDirectories(dest);
        Json.write(dest.resolve(CONFIG), readConfig().withPortablePaths());
        AtomicFiles.write(dest.resolve(MODEL), out -> Files.copy(checkpoint.resolve(MODEL), out));
    }

    /** The folder of the newest complete checkpoint, if any. */
    public Optional<Path> latestCheckpoint() {
        Path pointer = checkpointsDir().resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            Latest latest = Json.read(pointer, Latest.class);
            Path dir = checkpointsDir().resolve(latest.name());
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        } catch (IOException e) {
            throw new ColorizerException(pointer, "unreadable (" + e.getMessage() + "): delete it to start over", e);
        }
    }

    /**
     * The checkpoint a resumed run continues from: empty only for a run that never finished an epoch. A run whose
     * latest.json is missing while checkpoints or epochs are recorded, or names a folder that is not among the
     * checkpoints, is damaged, and is not silently started over (which would replace its metrics).
     */
    public Optional<Path> checkpointToResume() throws IOException {
        Path pointer = checkpointsDir().resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            boolean recorded = Files.isRegularFile(metricsFile()) && Files.readAllLines(metricsFile()).size() > 1;
            if (Files.isDirectory(checkpointsDir())) {
                try (Stream<Path> dirs = Files.list(checkpointsDir())) {
                    recorded |= dirs.anyMatch(d -> d.getFileName().toString().startsWith("epoch-"));
                }
            }
            if (recorded) {
                throw new ColorizerException(pointer, Message.of("is missing, though epochs of this run are recorded: "
                        + "restore it (it names the newest checkpoints/epoch-NNNN), or start a new run in another ",
                        Setting.OUT));
            }
            return Optional.empty();
        }
        Latest latest;
        try {
            latest = Json.read(pointer, Latest.class);
        } catch (IOException e) {
            throw new ColorizerException(pointer, "unreadable (" + e.getMessage() + "): delete it to start over", e);
        }
        Path dir = latest.name() == null ? null : checkpointsDir().resolve(latest.name()).normalize();
        if (dir == null || !checkpointsDir().equals(dir.getParent()) || !Files.isDirectory(dir)) {
            throw new ColorizerException(pointer, "names " + latest.name() + ", which is not a folder in "
                    + checkpointsDir() + ": point it at the newest epoch-NNNN there, or start a new run");
        }
        return Optional.of(dir);
    }

    /**
     * Makes {@code staged} (a finished folder inside checkpoints/) the checkpoint called {@code name}: renames it,
     * points latest.json at it, then deletes older checkpoints.
     */
    public Path commitCheckpoint(Path staged, String name) throws IOException {
        Path target = checkpointsDir().resolve(name);
        deleteTree(target); // a leftover of a crash before latest.json was updated: never the current one
        Files.move(staged, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Json.write(checkpointsDir().resolve(LATEST), new Latest(name));
        try (Stream<Path> dirs = Files.list(checkpointsDir())) {
            List<Path> old = new ArrayList<>();
            dirs.filter(Files::isDirectory).filter(d -> !d.equals(target)).forEach(old::add);
            for (Path d : old) {
                deleteTree(d);
            }
        }
        return target;
    }

    /** A fresh folder inside checkpoints/ to write a checkpoint into before committing it. */
    public Path stageCheckpoint() throws IOException {
        Files.createDirectories(checkpointsDir());
        return Files.createTempDirectory(checkpointsDir(), ".staging-");
    }

    /** Removes a staged checkpoint that could not be finished (a full disk): it would keep the space taken. */
    public void discardStaged(Path staged) {
        try {
            deleteTree(staged);
        } catch (IOException e) {
            // left as a .staging- folder, never read as a checkpoint
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** checkpoints/latest.json. */
    public record Latest(String name) {}
}
