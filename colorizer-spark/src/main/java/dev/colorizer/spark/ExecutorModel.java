package dev.colorizer.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.colorizer.ColorizerException;
import dev.colorizer.DjlSetup;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.io.Json;
import dev.colorizer.run.RunDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One {@link Colorizer} per executor JVM and model, loaded by the first task that needs it and shared by all the
 * tasks that run in that JVM afterwards (Colorizer is thread-safe). Never closed: it lives as long as the executor.
 */
final class ExecutorModel {
    private static final Map<String, Colorizer> MODELS = new HashMap<>();

    private ExecutorModel() {}

    /**
     * The model of this JVM, loading it on first use, with the calling thread's torch threads set.
     *
     * @param model the run folder as given on the command line (a local path, or hdfs://, s3a://, ...), or null
     *              for the model bundled in the job's jar
     * @param threads torch intra-op threads: the task's spark.task.cpus, so that concurrent tasks share the cores
     */
    static Colorizer get(String model, int threads, Configuration conf) throws IOException {
        Colorizer colorizer;
        synchronized (ExecutorModel.class) {
            String key = model == null ? "" : model; // "": the bundled model
            colorizer = MODELS.get(key);
            if (colorizer == null) {
                DjlSetup.offline();
                if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                    System.setProperty("ai.djl.pytorch.num_interop_threads", "1"); // read once, when the engine loads
                }
                colorizer = model == null ? Colorizer.loadBundled() : Colorizer.load(localRunDir(model, conf));
                MODELS.put(key, colorizer);
            }
        }
        matchThreads(threads);
        return colorizer;
    }

    /**
     * Sets torch's intra-op threads for the calling thread. With PyTorch's OpenMP backend the setting belongs to the
     * thread that makes it (an OpenMP per-thread variable), so every task thread sets it for itself; a fresh thread
     * starts from OMP_NUM_THREADS, else the machine's core count.
     */
    static void matchThreads(int threads) {
        int n = Math.max(1, threads);
        Engine.getEngine("PyTorch");
        if (JniUtils.getNumThreads() != n) {
            JniUtils.setNumThreads(n);
        }
    }

    /**
     * The run folder (or exported model) on this machine: as is when local; else config.json and the latest
     * checkpoint's weights (an exported model's model.params) copied to a local temp folder (deleted when the JVM exits).
     */
    static java.nio.file.Path localRunDir(String model, Configuration conf) throws IOException {
        Path root = new Path(model);
        java.nio.file.Path local = HadoopImages.localPath(root, conf);
        if (local != null) {
            return local;
        }
        FileSystem fs = root.getFileSystem(conf);
        java.nio.file.Path copy = Files.createTempDirectory("colorizer-model-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(copy)));
        Path checkpoints = new Path(root, RunDir.CHECKPOINTS);
        try {
            fs.copyToLocalFile(new Path(root, RunDir.CONFIG), new Path(copy.resolve(RunDir.CONFIG).toUri()));
            if (!fs.exists(checkpoints) && fs.exists(new Path(root, RunDir.MODEL))) { // an exported model
                fs.copyToLocalFile(new Path(root, RunDir.MODEL), new Path(copy.resolve(RunDir.MODEL).toUri()));
                return copy;
            }
            RunDir.Latest latest;
            try (InputStream in = fs.open(new Path(checkpoints, RunDir.LATEST))) {
                latest = Json.MAPPER.readValue(in, RunDir.Latest.class);
            }
            java.nio.file.Path localCheckpoints = Files.createDirectories(copy.resolve(RunDir.CHECKPOINTS));
            fs.copyToLocalFile(new Path(checkpoints, RunDir.LATEST),
                    new Path(localCheckpoints.resolve(RunDir.LATEST).toUri()));
            java.nio.file.Path checkpoint = Files.createDirectories(localCheckpoints.resolve(latest.name()));
            for (FileStatus f : fs.listStatus(new Path(checkpoints, latest.name()))) {
                if (f.isFile() && !f.getPath().getName().startsWith("optimizer")) { // Adam's state: training only
                    fs.copyToLocalFile(f.getPath(), new Path(checkpoint.resolve(f.getPath().getName()).toUri()));
                }
            }
        } catch (java.io.FileNotFoundException e) {
            throw new ColorizerException(null, model + ": not a finished run folder (" + e.getMessage()
                    + "): pass the --out folder of a `colorize train` run", e);
        }
        return copy;
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
