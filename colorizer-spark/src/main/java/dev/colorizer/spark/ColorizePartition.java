package dev.colorizer.spark;

import dev.colorizer.DjlSetup;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.ColorSettings;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.HintFile;
import dev.colorizer.job.FolderJob;
import dev.colorizer.job.OutputRecipe;
import dev.colorizer.run.MadeWith;
import dev.colorizer.run.OutputManifest.InputStamp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Colorizes one partition, a batch at a time, with this JVM's shared model; returns one manifest row per input.
 * Per-picture problems (unreadable, corrupt, not writable) become failed rows, never task failures. An output that
 * exists when its turn comes (a retried or speculative attempt of this task got there first) is not recomputed. The
 * pictures go through the core's folder job as {@code colorize predict}'s do ({@link FolderJob}: hints, reference,
 * atomic writes, the record of what made each output), one after another on the task's cores; the reference last
 * read stays decoded, so that an album's one reference is read once a task.
 */
final class ColorizePartition implements FlatMapFunction<Iterator<WorkItem>, Row> {
    private static final long serialVersionUID = 1L;

    private final String model;
    private final OutputFormat format;
    private final int batch;
    private final float saturation;
    private final boolean mirrorAverage;
    private final float jpegQuality;
    private final Integer size;
    private final String run;
    private final Broadcast<HadoopConf> conf;
    // this task's folder job (made with the model, at the first batch that needs it; it keeps the reference read
    // last) and the outputs an earlier run of this job made, which it may replace; not sent with the function
    private transient FolderJob<Path> job;
    private transient Set<Path> ours;

    ColorizePartition(JobOptions options, String run, Broadcast<HadoopConf> conf) {
        this.model = options.model();
        this.format = options.format();
        this.batch = options.batch();
        this.saturation = options.saturation();
        this.mirrorAverage = options.mirrorAverage();
        this.jpegQuality = options.jpegQuality();
        this.size = options.size();
        this.run = run;
        this.conf = conf;
    }

    @Override
    public Iterator<Row> call(Iterator<WorkItem> items) {
        DjlSetup.offline(); // before anything touches DJL in this executor JVM
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : task.cpus(); // spark.task.cpus
        HadoopImages images = new HadoopImages(conf.value().get());
        job = null;
        ours = new HashSet<>();
        return new Iterator<>() { // lazy: one batch of pictures in memory at a time
            private final List<Row> rows = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == rows.size() && items.hasNext()) {
                    rows.clear();
                    next = 0;
                    List<WorkItem> chunk = new ArrayList<>(batch);
                    while (chunk.size() < batch && items.hasNext()) {
                        chunk.add(items.next());
                    }
                    rows.addAll(colorize(chunk, images, threads));
                }
                return next < rows.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.get(next++);
            }
        };
    }

    // one batch: outputs an earlier run made with the same settings from the same input kept, the others colorized
    // by the folder job (made again where the settings or the input changed)
    private List<Row> colorize(List<WorkItem> chunk, HadoopImages images, int threads) {
        List<Row> rows = new ArrayList<>(chunk.size());
        List<FolderJob.Item<Path>> todo = new ArrayList<>();
        Map<Path, WorkItem> byOutput = new HashMap<>();
        for (WorkItem item : chunk) {
            long t0 = System.nanoTime();
            try {
                List<ColorHint> hints = item.hintsJson() == null ? List.of()
                        : HintFile.parse(item.hintsJson().getBytes(StandardCharsets.UTF_8), item.hintsFile());
                FolderJob.Item<Path> picture = new FolderJob.Item<>(new Path(item.input()), null,
                        new Path(item.output()), hints, item.reference() == null ? null : new Path(item.reference()));
                if (item.done() != null) { // made by an earlier run: kept if the settings and the input still hold
                    if (job == null) {
                        job = job(images, threads);
                    }
                    Manifest.Previous done = item.done();
                    String mine = job.settings(picture);
                    InputStamp stamp = images.stamp(picture.input());
                    if (new MadeWith(done.settings(), done.inputBytes(), done.inputModified()).isCurrent(mine, stamp)) {
                        rows.add(Manifest.row(item.input(), item.output(), Manifest.SKIPPED, "done in " + done.run()
                                + ": kept", done.width(), done.height(), millis(t0), run, mine, stamp.bytes(),
                                stamp.modified()));
                        continue;
                    }
                } else if (images.isFile(picture.output())) {
                    rows.add(Manifest.row(item.input(), item.output(), Manifest.SKIPPED,
                            "output written by an earlier attempt of this task: kept", null, null, millis(t0), run));
                    continue;
                }
                todo.add(picture);
                byOutput.put(picture.output(), item);
                if (item.done() != null) {
                    ours.add(picture.output());
                }
            } catch (Exception e) {
                rows.add(failed(item, e, millis(t0)));
            }
        }
        if (todo.isEmpty()) {
            return rows;
        }
        long t0 = System.nanoTime();
        try {
            if (job == null) {
                job = job(images, threads);
            }
            for (FolderJob.Outcome<Path> o : job.run(todo)) {
                WorkItem item = byOutput.get(o.item().output());
                long ms = o.nanos() / 1_000_000;
                rows.add(switch (o.status()) {
                    case MADE, KEPT -> Manifest.row(item.input(), item.output(), o.status() == FolderJob.Status.MADE
                                    ? Manifest.OK : Manifest.SKIPPED, o.status() == FolderJob.Status.MADE ? null
                                    : "output written by an earlier attempt of this task: kept", o.width(), o.height(),
                            ms, run, o.settings(), o.stamp().bytes(), o.stamp().modified());
                    case FAILED -> Manifest.row(item.input(), item.output(), Manifest.FAILED,
                            HadoopImages.oneLine(o.problem()),
                            o.width(), o.height(), ms, run);
                });
            }
        } catch (Exception e) { // the model itself failed: every picture of the batch did
            long share = millis(t0) / todo.size();
            for (FolderJob.Item<Path> picture : todo) {
                rows.add(failed(byOutput.get(picture.output()), e, share));
            }
        }
        return rows;
    }

    // this task's folder job: this JVM's model used as the job says, one picture after another on the task's cores;
    // an output in place is replaced only where an earlier run of this job recorded it
    private FolderJob<Path> job(HadoopImages images, int threads) throws java.io.IOException {
        Colorizer loaded = ExecutorModel.get(model, threads, conf.value().get());
        Colorizer colorizer = loaded.with(ColorSettings.builder().optSaturation(saturation)
                .optMirrorAveraging(mirrorAverage).optWorkingSize(size).build());
        return FolderJob.<Path>builder().setStore(images).setRecipe(new OutputRecipe(colorizer, format, jpegQuality))
                .optParallel(false).optLedger(item -> ours.contains(item.output())).build();
    }

    private Row failed(WorkItem item, Exception e, long ms) {
        return Manifest.row(item.input(), item.output(), Manifest.FAILED, HadoopImages.oneLine(e), null, null, ms,
                run);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
