package dev.colorizer.spark;

import dev.colorizer.DjlSetup;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.HintFile;
import dev.colorizer.infer.Provenance;
import dev.colorizer.infer.ReferenceColors;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Colorizes one partition, a batch at a time, with this JVM's shared model; returns one manifest row per input.
 * Per-picture problems (unreadable, corrupt, not writable) become failed rows, never task failures. An output that
 * exists when its turn comes (a retried or speculative attempt of this task got there first) is not recomputed. A
 * picture's reference photograph gives its hints first, its own hints after them (a later hint over the same pixels
 * wins), as in {@code colorize predict}; the reference last read stays decoded, so that an album's one reference is
 * read once a task.
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
    // the reference read last in this task (qualified) and its pixels; not sent with the function
    private transient String lastReference;
    private transient BufferedImage lastReferenceImage;

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
        lastReference = null;
        lastReferenceImage = null;
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

    private List<Row> colorize(List<WorkItem> chunk, HadoopImages images, int threads) {
        List<Row> rows = new ArrayList<>(chunk.size());
        List<WorkItem> todo = new ArrayList<>();
        List<Picture> pictures = new ArrayList<>();
        List<List<ColorHint>> hints = new ArrayList<>();
        List<BufferedImage> references = new ArrayList<>(); // per picture to do: its reference, or null
        List<Long> spent = new ArrayList<>();
        List<long[]> stamps = new ArrayList<>(); // per picture to do: its input's size and time before it was read
        String common = null; // what makes every output of this job, once the model is loaded
        for (WorkItem item : chunk) {
            long t0 = System.nanoTime();
            try {
                long[] stamp = images.stamp(new Path(item.input()));
                if (item.done() != null) { // made by an earlier run: kept if the settings and the input still hold
                    if (common == null) {
                        common = commonSettings(threads);
                    }
                    Manifest.Previous done = item.done();
                    String mine = settings(common, item, images);
                    if (mine.equals(done.settings()) && stamp[0] == done.inputBytes()
                            && stamp[1] == done.inputModified()) {
                        rows.add(Manifest.row(item.input(), item.output(), Manifest.SKIPPED, "done in " + done.run()
                                + ": kept", done.width(), done.height(), millis(t0), run, mine, stamp[0], stamp[1]));
                        continue;
                    }
                } else if (images.isFile(new Path(item.output()))) {
                    rows.add(Manifest.row(item.input(), item.output(), Manifest.SKIPPED,
                            "output written by an earlier attempt of this task: kept", null, null, millis(t0), run));
                    continue;
                }
                Picture picture = images.read(new Path(item.input()));
                List<ColorHint> own = List.of();
                if (item.hintsJson() != null) {
                    own = HintFile.parse(item.hintsJson().getBytes(StandardCharsets.UTF_8), item.hintsFile());
                    HintFile.checkInside(own, picture.rgb().getWidth(), picture.rgb().getHeight(), item.hintsFile());
                }
                references.add(item.reference() == null ? null : reference(item.reference(), images));
                pictures.add(picture);
                hints.add(own);
                todo.add(item);
                stamps.add(stamp);
                spent.add(System.nanoTime() - t0);
            } catch (Exception e) {
                rows.add(failed(item, e, null, millis(t0)));
            }
        }
        if (todo.isEmpty()) {
            return rows;
        }
        long t0 = System.nanoTime();
        List<Colorizer.Result> results;
        Colorizer colorizer;
        int s;
        try {
            colorizer = ExecutorModel.get(model, threads, conf.value().get()).withUserSaturation(saturation)
                    .withMirrorAveraging(mirrorAverage);
            s = size != null ? size : colorizer.size();
            for (int i = 0; i < todo.size(); i++) {
                if (references.get(i) != null) {
                    List<ColorHint> all = new ArrayList<>(ReferenceColors.hints(colorizer, pictures.get(i).rgb(),
                            references.get(i)));
                    all.addAll(hints.get(i));
                    hints.set(i, List.copyOf(all));
                }
            }
            results = colorizer.colorizePictures(pictures, hints, s);
        } catch (Exception e) {
            long share = (System.nanoTime() - t0) / todo.size();
            for (int i = 0; i < todo.size(); i++) {
                rows.add(failed(todo.get(i), e, pictures.get(i).rgb(), (spent.get(i) + share) / 1_000_000));
            }
            return rows;
        }
        long share = (System.nanoTime() - t0) / todo.size(); // this picture's part of the forward pass
        for (int i = 0; i < todo.size(); i++) {
            WorkItem item = todo.get(i);
            Picture read = pictures.get(i);
            BufferedImage picture = read.rgb();
            pictures.set(i, null);
            long t1 = System.nanoTime();
            try {
                OutputFormat written = format.forInput(item.input());
                // an output made before with other settings, or from an input since replaced, is replaced
                boolean made = images.write(results.get(i).colorized(), Provenance.of(colorizer, s, hints.get(i),
                        written, jpegQuality).stamp(read.metadata()), new Path(item.output()), written, jpegQuality,
                        item.done() != null);
                long ms = (spent.get(i) + share + System.nanoTime() - t1) / 1_000_000;
                long[] stamp = stamps.get(i);
                rows.add(Manifest.row(item.input(), item.output(), made ? Manifest.OK : Manifest.SKIPPED,
                        made ? null : "output written by an earlier attempt of this task: kept",
                        picture.getWidth(), picture.getHeight(), ms, run, settings(commonSettings(colorizer, s),
                        item, images), stamp[0], stamp[1]));
            } catch (Exception e) {
                rows.add(failed(item, e, picture, (spent.get(i) + share + System.nanoTime() - t1) / 1_000_000));
            }
        }
        return rows;
    }

    // what makes every output of this job: the model (the digest of its weights and its policy), the working size,
    // the color options and the format; the same string however the model was loaded
    private String commonSettings(int threads) throws java.io.IOException {
        Colorizer colorizer = ExecutorModel.get(model, threads, conf.value().get()).withUserSaturation(saturation)
                .withMirrorAveraging(mirrorAverage);
        return commonSettings(colorizer, size != null ? size : colorizer.size());
    }

    private String commonSettings(Colorizer colorizer, int s) {
        return colorizer.settingsKey(s) + ", format=" + format.name() + ", quality=" + jpegQuality;
    }

    // one output's settings: the job's, its hints file's digest and its reference's (as it is now)
    private static String settings(String common, WorkItem item, HadoopImages images) throws java.io.IOException {
        String hints = item.hintsJson() == null ? "" : ", hints=" + dev.colorizer.run.Digest.of(
                item.hintsJson().getBytes(StandardCharsets.UTF_8));
        if (item.reference() == null) {
            return common + hints;
        }
        long[] reference = images.stamp(new Path(item.reference()));
        return common + hints + ", reference=" + item.reference() + " " + reference[0] + "@" + reference[1];
    }

    // the reference's pixels, read again only when it is not the one read last
    private BufferedImage reference(String file, HadoopImages images) throws java.io.IOException {
        if (!file.equals(lastReference)) {
            lastReferenceImage = images.read(new Path(file)).rgb();
            lastReference = file;
        }
        return lastReferenceImage;
    }

    private Row failed(WorkItem item, Exception e, BufferedImage picture, long ms) {
        return Manifest.row(item.input(), item.output(), Manifest.FAILED, HadoopImages.oneLine(e),
                picture == null ? null : picture.getWidth(), picture == null ? null : picture.getHeight(), ms, run);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
