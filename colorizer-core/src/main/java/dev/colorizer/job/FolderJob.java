package dev.colorizer.job;

import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.Provenance;
import dev.colorizer.infer.ReferenceColors;
import dev.colorizer.run.OutputManifest.InputStamp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The work of a folder job on its pictures, a batch at a time, the same for {@code colorize predict} (this machine's
 * files) and the Spark job (any Hadoop file system): each picture's input stamped, then read; its reference's hints
 * (matched on it) and its own hints after them (a later hint over the same pixels wins); prepared; the batch through
 * the model; each picture finished at full size and written atomically with its metadata and the record of what
 * made it; each output handed to the caller's ledger the moment it is in place. A problem with one picture (unreadable,
 * vanished, not writable) is its {@link Outcome}, one line naming the file and the fix, and the others go on.
 *
 * <p>{@link #prepare} and {@link #finish} may run on different threads, so that the next batch is read while this one
 * goes through the model (predict does). Build with {@link #builder()}.
 *
 * @param <F> how the store names a file
 */
public final class FolderJob<F> {
    /**
     * One picture to colorize.
     *
     * @param page      the page of a multi-page input, or null for the file (its first page)
     * @param hints     its own color hints, checked against its size (empty: none)
     * @param reference its reference photograph, or null for none
     */
    public record Item<F>(F input, Integer page, F output, List<ColorHint> hints, F reference) {
        public Item {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            hints = List.copyOf(hints);
        }

        /** A picture without hints nor reference. */
        public Item(F input, F output) {
            this(input, null, output, List.of(), null);
        }
    }

    /** What became of one picture. */
    public enum Status {
        /** Colorized and written. */
        MADE,
        /**
         * Not written: a file is at its output that the ledger does not say is this job's (found before any work,
         * {@link Outcome#problem()} says so), or another writer (a retried task) put one there while it was colored.
         * That file is kept.
         */
        KEPT,
        /** Not colorized or not written: the message says why, naming the file and the fix. */
        FAILED
    }

    /**
     * @param problem  why a picture failed, one line naming the file and the fix (a front end words its settings:
     *                 {@link ColorizerException#message}); null otherwise
     * @param width    the picture's size, or null when it could not be read
     * @param settings what made the output ({@link OutputRecipe#settings}), for the ledger
     * @param stamp    the input's size and time, taken before it was read; null when they could not be
     * @param nanos    the time spent on it: reading and preparing, its share of the forward pass, finishing, writing
     */
    public record Outcome<F>(Item<F> item, Status status, ColorizerException problem, Integer width,
                             Integer height, String settings, InputStamp stamp, long nanos) {
        static <F> Outcome<F> failed(Item<F> item, ColorizerException problem, BufferedImage picture,
                                     InputStamp stamp, long nanos) {
            return new Outcome<>(item, Status.FAILED, problem, picture == null ? null : picture.getWidth(),
                    picture == null ? null : picture.getHeight(), null, stamp, nanos);
        }

        /** Why it failed, in the library's words; null when it did not. */
        public String message() {
            return problem == null ? null : problem.getMessage();
        }
    }

    /** The caller's record of outputs: predict's {@link dev.colorizer.run.OutputManifest}, Spark's rows. */
    public interface Ledger<F> {
        /** These outputs are about to be written (a kill may leave them half done): called before any is. */
        default void claim(List<Item<F>> items) throws IOException {}

        /**
         * Whether a file at the item's output, if there is one, is this job's own to replace.
         *
         * @throws ColorizerException naming the file, when one there is somebody else's: the picture is not written
         */
        boolean replaces(Item<F> item) throws IOException;

        /** An output is in place: record it (called from several threads when the job runs in parallel). */
        default void written(Outcome<F> made) throws IOException {}
    }

    /** A batch read and prepared for the model: {@link #finish} runs the rest. */
    public static final class Batch<F> {
        private final List<Item<F>> items;
        private final Outcome<F>[] outcomes; // per item: set once known (failed while preparing, or finished)
        private final Picture[] pictures; // per item: read, or null
        private final Colorizer.Prepared[] prepared;
        private final InputStamp[] stamps;
        private final String[] settings;
        private final long[] nanos;

        @SuppressWarnings("unchecked")
        private Batch(List<Item<F>> items) {
            int n = items.size();
            this.items = List.copyOf(items);
            this.outcomes = new Outcome[n];
            this.pictures = new Picture[n];
            this.prepared = new Colorizer.Prepared[n];
            this.stamps = new InputStamp[n];
            this.settings = new String[n];
            this.nanos = new long[n];
        }

        /** The pictures read and prepared (their outputs claimed), the others failed already. */
        public List<Item<F>> ready() {
            return IntStream.range(0, items.size()).filter(i -> prepared[i] != null).mapToObj(items::get).toList();
        }
    }

    private final OutputRecipe recipe;
    private final PictureStore<F> store;
    private final Ledger<F> ledger;
    private final boolean parallel;
    private final Object referenceLock = new Object();
    private F lastReference; // the reference read last and its pixels: an album's one reference is read once
    private BufferedImage lastReferenceImage;
    private final java.util.Map<F, String> identities = new java.util.concurrent.ConcurrentHashMap<>();

    private FolderJob(Builder<F> builder) {
        this.recipe = Objects.requireNonNull(builder.recipe, "setRecipe");
        this.store = Objects.requireNonNull(builder.store, "setStore");
        this.ledger = builder.ledger;
        this.parallel = builder.parallel;
    }

    public static <F> Builder<F> builder() {
        return new Builder<>();
    }

    /** Builds a folder job: {@code setX} required, {@code optX} optional. */
    public static final class Builder<F> {
        private OutputRecipe recipe;
        private PictureStore<F> store;
        private Ledger<F> ledger = item -> false;
        private boolean parallel = true;

        /** The colorizer and format every output is made with. */
        public Builder<F> setRecipe(OutputRecipe recipe) {
            this.recipe = recipe;
            return this;
        }

        /** Where the pictures are read from and written to. */
        public Builder<F> setStore(PictureStore<F> store) {
            this.store = store;
            return this;
        }

        /** The record of outputs (default: none; a file in place is never replaced). */
        public Builder<F> optLedger(Ledger<F> ledger) {
            this.ledger = ledger;
            return this;
        }

        /**
         * Whether pictures are read, prepared, finished and written in parallel on the common pool (default: yes).
         * A Spark task, given its own cores, runs them one after another.
         */
        public Builder<F> optParallel(boolean on) {
            this.parallel = on;
            return this;
        }

        public FolderJob<F> build() {
            return new FolderJob<>(this);
        }
    }

    public OutputRecipe recipe() {
        return recipe;
    }

    /**
     * What would make this picture's output ({@link OutputRecipe#settings}): for a ledger to tell whether the output
     * in place is still current before any work.
     */
    public String settings(Item<F> item) throws IOException {
        return recipe.settings(item.hints(), item.reference() == null ? null : identity(item.reference()));
    }

    /** Colorizes a batch: {@link #finish} of {@link #prepare}. */
    public List<Outcome<F>> run(List<Item<F>> items) throws IOException {
        return finish(prepare(items));
    }

    /**
     * Colorizes batches in order with two in flight: the next batch is read and prepared on a thread of its own while
     * this one goes through the model and is written, so that neither core waits on the other's stage.
     *
     * @param done called with each batch's outcomes, in order, on the calling thread
     * @throws IOException when the ledger cannot claim a batch's outputs (the batches before it are done)
     */
    public void runAll(List<List<Item<F>>> batches, java.util.function.Consumer<List<Outcome<F>>> done)
            throws IOException {
        if (batches.isEmpty()) {
            return;
        }
        java.util.concurrent.ExecutorService preparing = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> {
                    Thread t = new Thread(r, "folder-job-prepare");
                    t.setDaemon(true); // never holds the JVM up
                    return t;
                });
        try {
            java.util.concurrent.Future<Batch<F>> next = preparing.submit(() -> prepare(batches.get(0)));
            for (int k = 0; k < batches.size(); k++) {
                Batch<F> batch = joined(next);
                if (k + 1 < batches.size()) {
                    List<Item<F>> following = batches.get(k + 1);
                    next = preparing.submit(() -> prepare(following));
                }
                done.accept(finish(batch));
            }
        } finally {
            preparing.shutdown(); // a batch failed: the preparation under way ends, its result unused
        }
    }

    // the prepared batch, with the preparation's own exception (a ColorizerException, an I/O error) rethrown as is
    private static <F> Batch<F> joined(java.util.concurrent.Future<Batch<F>> prepared) throws IOException {
        try {
            return prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the next pictures were read", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The first half: each input stamped, read, given its hints and prepared for the model; the outputs of those
     * read claimed in the ledger. A picture that cannot be read fails alone.
     *
     * @throws IOException when the ledger cannot claim the outputs
     */
    public Batch<F> prepare(List<Item<F>> items) throws IOException {
        Batch<F> batch = new Batch<>(items);
        Colorizer colorizer = recipe.colorizer();
        each(items.size(), i -> {
            long t0 = System.nanoTime();
            Item<F> item = items.get(i);
            BufferedImage read = null;
            try {
                if (store.exists(item.output()) && !ledger.replaces(item)) { // before any work
                    batch.outcomes[i] = new Outcome<>(item, Status.KEPT, new ColorizerException(item.output()
                            + ": a file is there that no ledger says this job made: it is kept; move it away to "
                            + "color " + item.input() + " again"), null, null, null, null, since(t0));
                    return;
                }
                // the size and time before it is read: one replaced meanwhile is recorded as the older one
                batch.stamps[i] = stampOrNull(item.input());
                Picture picture = store.read(item.input(), item.page());
                read = picture.rgb();
                if (batch.stamps[i] == null) { // read, but gone or unreadable since
                    throw new ColorizerException(item.input() + ": its size and time cannot be read (it vanished "
                            + "or changed while this run read it): run again");
                }
                List<ColorHint> hints = new ArrayList<>(); // the reference's first, the picture's own after them
                if (item.reference() != null) {
                    hints.addAll(ReferenceColors.hints(colorizer, read, referenceImage(item.reference())));
                }
                hints.addAll(item.hints());
                batch.settings[i] = settings(item);
                batch.prepared[i] = named(item, () -> colorizer.prepare(picture, hints)); // hints inside it
                batch.pictures[i] = picture;
            } catch (ColorizerException e) {
                batch.outcomes[i] = Outcome.failed(item, e, read, batch.stamps[i], since(t0));
            } catch (IOException e) {
                batch.outcomes[i] = Outcome.failed(item, new ColorizerException(null, item.input() + ": cannot be "
                        + "read (" + e + "): check that it exists and is readable", e), read, batch.stamps[i],
                        since(t0));
            }
            batch.nanos[i] = since(t0);
        });
        List<Item<F>> ready = batch.ready();
        if (!ready.isEmpty()) {
            ledger.claim(ready);
        }
        return batch;
    }

    /**
     * The second half: one forward pass per working shape, then each picture finished at full size, written and
     * handed to the ledger. A picture whose output cannot be written or recorded fails alone.
     *
     * @return one outcome per item of the batch, in its order
     */
    public List<Outcome<F>> finish(Batch<F> batch) {
        List<Integer> ready = IntStream.range(0, batch.items.size()).filter(i -> batch.prepared[i] != null)
                .boxed().toList();
        if (!ready.isEmpty()) {
            Colorizer colorizer = recipe.colorizer();
            long t0 = System.nanoTime();
            List<float[]> outputs = colorizer.forward(ready.stream().map(i -> batch.prepared[i]).toList());
            long share = since(t0) / ready.size(); // each picture's part of the forward pass
            each(ready.size(), k -> {
                int i = ready.get(k);
                long t1 = System.nanoTime();
                batch.outcomes[i] = write(batch, i, colorizer, outputs.get(k));
                batch.pictures[i] = null; // the full-size pixels are no longer needed
                batch.prepared[i] = null;
                Outcome<F> o = batch.outcomes[i];
                batch.outcomes[i] = new Outcome<>(o.item(), o.status(), o.problem(), o.width(), o.height(),
                        o.settings(), o.stamp(), batch.nanos[i] + share + since(t1));
                if (o.status() == Status.MADE) {
                    try {
                        ledger.written(batch.outcomes[i]); // at once: no output is ever left without its record
                    } catch (IOException | ColorizerException e) {
                        batch.outcomes[i] = Outcome.failed(o.item(), unrecorded(o.item(), e), null, o.stamp(),
                                batch.nanos[i] + share + since(t1));
                    }
                }
            });
        }
        return Arrays.asList(batch.outcomes);
    }

    // one picture finished and written
    private Outcome<F> write(Batch<F> batch, int i, Colorizer colorizer, float[] output) {
        Item<F> item = batch.items.get(i);
        Picture picture = batch.pictures[i];
        BufferedImage rgb = picture.rgb();
        try {
            boolean replace = ledger.replaces(item); // looked at now: a file that appeared since is somebody else's
            Colorizer.Prepared prepared = batch.prepared[i];
            OutputFormat format = recipe.format().forInput(store.name(item.input()));
            boolean made = store.write(colorizer.finish(prepared, output).colorized(),
                    Provenance.of(colorizer, prepared, format, recipe.jpegQuality()).stamp(picture.metadata()),
                    item.output(), format, recipe.jpegQuality(), replace);
            return new Outcome<>(item, made ? Status.MADE : Status.KEPT, null, rgb.getWidth(), rgb.getHeight(),
                    batch.settings[i], batch.stamps[i], 0);
        } catch (ColorizerException e) { // its output's problem, said of its input too
            return Outcome.failed(item, new ColorizerException(e.file(), Message.of(e.parts(), " (from "
                    + item.input() + ")"), e), rgb, batch.stamps[i], 0);
        } catch (IOException e) {
            return Outcome.failed(item, unrecorded(item, e), rgb, batch.stamps[i], 0);
        }
    }

    // a step's problem with the item's input named first, when the step's own message names no file
    private static <T> T named(Item<?> item, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ColorizerException e) {
            throw e.file() != null ? e : new ColorizerException(null, Message.of(item.input() + ": ", e.parts()), e);
        }
    }

    private ColorizerException unrecorded(Item<F> item, Exception e) {
        return e instanceof ColorizerException c ? c : new ColorizerException(null, item.output()
                + ": cannot check or record it (" + e + "): check that the folder is writable and has space", e);
    }

    private InputStamp stampOrNull(F input) {
        try {
            return store.stamp(input);
        } catch (IOException e) {
            return null; // then reading it fails too, and says why
        }
    }

    // a reference's identity, taken once a job
    private String identity(F file) throws IOException {
        String known = identities.get(file);
        if (known == null) {
            known = store.identity(file);
            identities.put(file, known);
        }
        return known;
    }

    // a reference's pixels, read again only when it is not the one read last
    private BufferedImage referenceImage(F file) throws IOException {
        synchronized (referenceLock) {
            if (!file.equals(lastReference)) {
                lastReferenceImage = store.read(file, null).rgb();
                lastReference = file;
            }
            return lastReferenceImage;
        }
    }

    // i = 0..n-1, on the common pool when the job runs in parallel
    private void each(int n, IntConsumer body) {
        IntStream range = IntStream.range(0, n);
        (parallel ? range.parallel() : range).forEach(body);
    }

    private static long since(long t0) {
        return System.nanoTime() - t0;
    }
}
