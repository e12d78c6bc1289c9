package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.ExitCode;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.data.FolderPlan;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.InputNames;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.WorkingShape;
import dev.colorizer.infer.HintFile;
import dev.colorizer.infer.Provenance;
import dev.colorizer.run.OutputManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Colorize pictures at their full resolution.",
                "Folders are walked recursively; outputs keep the relative names. An input, or any file this "
                        + "command did not write, is never overwritten; an unreadable file is reported and skipped. "
                        + "Run again, it finishes what is missing and redoes nothing that is complete (the record is "
                        + "OUT/" + OutputManifest.FILE + ")."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders.")
    List<Path> inputs;

    @Option(names = "--model", paramLabel = "RUN_DIR",
            description = "Run folder of a trained model (default: the bundled pretrained model).")
    Path model;

    @Option(names = "--out", defaultValue = "output/predicted", paramLabel = "DIR",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--format", defaultValue = "png", description = "png, jpg, tiff (16 bits a sample where the "
            + "input has more than 8), or keep (each output in its input's format: JPEG, PNG or TIFF; PNG for the "
            + "others). Every format keeps the input's metadata (README: \"Formats and metadata\"). Default: "
            + "${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--quality", paramLabel = "Q", description = "JPEG quality from 1 (smallest file) to 100 (best). "
            + "Default: 95.")
    Integer quality;

    @Option(names = "--settings-from", paramLabel = "COLORIZED", description = "Color again with exactly the "
            + "settings recorded in a picture colorize wrote (colorize info shows them): working size, saturation, "
            + "upsampling, framing, mirror averaging and hints, in place of those options, and its format and JPEG "
            + "quality unless --format or --quality is given. The model must be the one that made it.")
    Path settingsFrom;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch", defaultValue = "16", description = "Pictures per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--hints", paramLabel = "PATH",
            description = "Color hints (README: \"Color hints\"): one JSON file for a single input, or a folder "
                    + "where the hints of input REL/NAME.EXT (its path in the input folder, or its file name) are "
                    + "PATH/REL/NAME.json. Inputs without a hints file are colorized automatically.")
    Path hints;

    @Option(names = "--reference", paramLabel = "PATH",
            description = "A color photograph whose colors the pictures take where they look alike (docs/REFERENCE.md)"
                    + ": one picture file for every input (an album), or a folder holding REL/NAME.EXT (or one "
                    + "REL/NAME.* picture) for input REL/NAME.EXT. Combines with --hints (the hints win).")
    Path reference;

    @Option(names = "--all-pages", description = "Colorize every page of a multi-page TIFF and every frame of a GIF, "
            + "each into NAME-pageN.EXT (N from 1), with its hints, if any, in REL/NAME-pageN.json. Default: the first "
            + "page only, with a notice.")
    boolean allPages;

    @Option(names = "--overwrite", description = "Redo every picture, also those an earlier run of this command "
            + "finished with the same settings (files it did not write are still never replaced).")
    boolean overwrite;

    @Mixin
    ColorOptions color = new ColorOptions();

    @Mixin
    WorkingSizeOption workingSize = new WorkingSizeOption();

    // decoded pictures of one run, about 12 bytes each (input and output TYPE_INT_RGB, the L plane while it is
    // decoded; a 16-bit picture 10 more: its gray, and 16-bit samples out); two runs are in flight at once: 16 MP a
    // run keeps a folder of 12 MP scans within about 400 MB of live pixels, whatever --batch says
    private static final long PIXELS_IN_FLIGHT = 16_000_000L;

    @Override
    public Integer call() throws Exception {
        Provenance recorded = settingsFrom == null ? null : recorded(settingsFrom);
        // --settings-from also gives the format and quality, unless they are given here
        OutputFormat fmt = recorded != null && !given("--format") ? recorded.format()
                : OutputFormat.of(format, Setting.FORMAT);
        float jpegQuality = recorded != null && quality == null ? recorded.jpegQuality()
                : OutputFormat.jpegQuality(quality, Setting.QUALITY);
        if (recorded != null) {
            List<String> replaced = java.util.stream.Stream.of("--size", "--hints", "--saturation", "--upsampling",
                    "--framing", "--mirror-average").filter(this::given).toList();
            if (!replaced.isEmpty()) {
                throw new UsageException("--settings-from takes the settings " + settingsFrom + " was made with: "
                        + "drop " + String.join(", ", replaced));
            }
        }
        if (batch < 1) {
            throw new UsageException("--batch " + batch + " is too small: use 1 or more pictures a pass");
        }
        FolderPlan plan = FolderPlan.of(inputs, out, fmt, allPages);
        List<String> skipped = plan.skipped().stream().map(s -> s.entry() + ": " + s.reason()).toList();
        skipped.forEach(s -> System.err.println("skipped: " + s));
        if (plan.jobs().isEmpty() && plan.refused().isEmpty()) {
            throw InputNames.noPictures(inputs, skipped);
        }
        if (plan.jobs().isEmpty()) { // every output would land on an input
            throw new UsageException(plan.refused().get(0).input(), "its output " + plan.refused().get(0).output()
                    + " is an input: it is not overwritten; choose another --out");
        }
        plan.refused().forEach(j -> System.err.println("error: " + j.input() + ": its output " + j.output()
                + " is an input: it is not overwritten; choose another --out"));
        Map<FolderPlan.Job, List<ColorHint>> hintsOf = hints == null ? Map.of() : readHints(plan.jobs());
        References references = reference == null ? References.NONE : References.of(reference, plan.jobs());
        if (recorded != null && !recorded.hints().isEmpty()) {
            if (plan.jobs().size() != 1) {
                throw new UsageException(settingsFrom, "was colored with hints, which are points of one picture, "
                        + "but there are " + plan.jobs().size() + " inputs: give the one picture it was made from");
            }
            hintsOf = Map.of(plan.jobs().get(0), recorded.hints());
        }
        int failed = 0;
        int done = 0;
        int redone = 0;
        int unreadable = 0;
        List<FolderPlan.Job> todo = new ArrayList<>();
        try (OutputManifest manifest = OutputManifest.open(out); Colorizer loaded = Colorizer.load(model)) {
            manifest.removeStaleTemps();
            Colorizer colorizer = recorded != null ? recorded.applyTo(loaded, settingsFrom) : color.apply(loaded);
            int s = recorded != null ? recorded.size() : workingSize.of(colorizer);
            if (reference != null && !colorizer.takesHints()) {
                throw new UsageException(reference, "is a reference, but model " + colorizer.architecture().id()
                        + " takes no color hints: use the bundled model or a run trained with --arch unet-hints");
            }
            if (!hintsOf.isEmpty() && !colorizer.takesHints()) {
                throw new UsageException(hints, "holds color hints, but model " + colorizer.architecture().id()
                        + " takes none: use the bundled model or a run trained with --arch unet-hints or unet-bins");
            }
            Map<FolderPlan.Job, String> settings = new LinkedHashMap<>();
            String common = settings(colorizer, s, fmt, jpegQuality);
            for (FolderPlan.Job job : plan.jobs()) {
                String mine = settings(common, hintsOf.get(job)) + references.settings(job);
                settings.put(job, mine);
                boolean exists = Files.exists(job.output(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                OutputManifest.Ownership whose = manifest.ownership(job.output());
                String madeFrom;
                if (exists && whose != OutputManifest.Ownership.OURS) {
                    System.err.println("error: " + job.output() + (whose == OutputManifest.Ownership.CHANGED_SINCE
                            ? " was changed after colorize predict wrote it" : " exists and was not written by "
                            + "colorize predict") + ": it is not replaced; choose another --out, or move it away "
                            + "(skipped)");
                    failed++;
                } else if (!overwrite && manifest.isCurrent(job.output(), job.input(), mine)) {
                    done++;
                } else if (!overwrite && (madeFrom = manifest.madeFromAnother(job.output(), job.input())) != null) {
                    System.err.println("error: " + job.output() + " was made from another picture, "
                            + madeFrom + ": it is not replaced by the "
                            + "colorization of " + job.input() + "; choose another --out, or pass --overwrite "
                            + "(skipped)");
                    failed++;
                } else {
                    redone += exists ? 1 : 0;
                    todo.add(job);
                }
            }
            AtomicInteger errors = new AtomicInteger();
            if (!todo.isEmpty()) {
                try (ProgressBar bar = Bars.images("predict", todo.size())) {
                    // two runs in flight: the next one is read and encoded while this one goes through the model
                    // and is written, so that neither core waits on the other's stage
                    List<List<FolderPlan.Job>> chunks = chunks(todo);
                    Output output = new Output(colorizer, s, fmt, jpegQuality);
                    CompletableFuture<Prepared> next = prepareAsync(output, chunks.get(0), allPages, hintsOf,
                            references, manifest, errors);
                    try {
                        for (int k = 0; k < chunks.size(); k++) {
                            Prepared run = join(next);
                            next = k + 1 < chunks.size()
                                    ? prepareAsync(output, chunks.get(k + 1), allPages, hintsOf, references,
                                    manifest, errors) : null;
                            finish(output, run, manifest, settings, errors);
                            bar.stepBy(chunks.get(k).size());
                        }
                    } finally {
                        if (next != null) { // a run failed: the preparation under way ends before the command does
                            next.exceptionally(e -> null).join();
                        }
                    }
                }
            }
            unreadable = errors.get();
            failed += unreadable;
        }
        failed += plan.refused().size();
        int total = plan.jobs().size() + plan.refused().size();
        int colorized = todo.size() - unreadable;
        System.out.printf("colorized %d of %s into %s%s%s%s%s%n", colorized, count(total, "picture"), out,
                redone > 0 ? "; " + redone + " of them replaced " + (overwrite ? "(--overwrite)"
                        : "(made earlier with other settings, or from an input changed since)") : "",
                done > 0 ? "; " + done + " already done (same input and settings)" : "",
                failed > 0 ? "; " + failed + " failed (see above)" : "",
                plan.skipped().isEmpty() ? "" : "; " + count(plan.skipped().size(), "other entry", "other entries")
                        + " skipped (see above)");
        if (colorized == 0 && done == 0 && unreadable > 0 && failed == unreadable + plan.refused().size()) {
            return ExitCode.BAD_DATA; // nothing made: every picture tried was unreadable (each one reported)
        }
        return failed > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
    /**
     * Consecutive runs of at most --batch pictures and at most {@link #PIXELS_IN_FLIGHT} pixels (by their headers; at
     * least one picture a run): each run's pictures are held decoded, with their outputs, while it is colorized.
     */
    private List<List<FolderPlan.Job>> chunks(List<FolderPlan.Job> todo) {
        long[] pixels = todo.parallelStream().mapToLong(j -> {
            try {
                java.awt.Dimension d = ImageFiles.readSize(j.input(), j.page());
                return (long) d.width * d.height;
            } catch (ColorizerException e) {
                return 0; // unreadable: reported when it is read
            }
        }).toArray();
        List<List<FolderPlan.Job>> chunks = new ArrayList<>();
        int from = 0;
        long sum = 0;
        for (int i = 0; i < todo.size(); i++) {
            if (i > from && (i - from == batch || sum + pixels[i] > PIXELS_IN_FLIGHT)) {
                chunks.add(todo.subList(from, i));
                from = i;
                sum = 0;
            }
            sum += pixels[i];
        }
        if (from < todo.size()) {
            chunks.add(todo.subList(from, todo.size()));
        }
        return chunks;
    }

    /**
     * A run of pictures read and encoded: the readable ones, their hints, and each one's model input (C_in, sh, sw)
     * at its working shape.
     */
    private record Prepared(List<FolderPlan.Job> jobs, List<OutputManifest.InputStamp> stamps,
                            List<Picture> pictures, List<List<ColorHint>> hints, List<float[]> inputs,
                            List<WorkingShape> shapes) {}

    /** How every output of this command is made: the model with its options, the working size, the format. */
    private record Output(Colorizer colorizer, int size, OutputFormat format, float jpegQuality) {}

    /**
     * Reads and encodes one run of pictures to the working size, each picture in parallel, on a thread of its own
     * (the common pool does the work); unreadable pictures are reported, counted in {@code errors} and left out. Its
     * outputs are claimed in the manifest before anything is written.
     */
    private static CompletableFuture<Prepared> prepareAsync(Output output, List<FolderPlan.Job> chunk,
                                                            boolean allPages,
                                                            Map<FolderPlan.Job, List<ColorHint>> hintsOf,
                                                            References references,
                                                            OutputManifest manifest, AtomicInteger errors) {
        return CompletableFuture.supplyAsync(() -> {
            Colorizer colorizer = output.colorizer();
            int s = output.size();
            // each input's size and time before it is read: one replaced meanwhile is recorded as the older one
            List<OutputManifest.InputStamp> stamped = chunk.stream().map(j -> stamp(j.input())).toList();
            List<Picture> read = chunk.parallelStream().map(j -> read(j, allPages, errors)).toList();
            for (int i = 0; i < chunk.size(); i++) {
                if (read.get(i) != null && stamped.get(i) == null) { // read, but gone or unreadable since
                    System.err.println("error: " + chunk.get(i).input() + ": its size and time cannot be read "
                            + "(it vanished or changed while this run read it); skipped: run again");
                    errors.incrementAndGet();
                }
            }
            List<Integer> ok = IntStream.range(0, chunk.size())
                    .filter(i -> read.get(i) != null && stamped.get(i) != null).boxed().toList();
            List<FolderPlan.Job> jobs = ok.stream().map(chunk::get).toList();
            List<OutputManifest.InputStamp> stamps = ok.stream().map(stamped::get).toList();
            List<Picture> pictures = ok.stream().map(read::get).toList();
            // a reference's hints first, the user's after them: a later hint over the same pixels wins
            List<List<ColorHint>> hints = IntStream.range(0, jobs.size()).parallel().mapToObj(k -> {
                List<ColorHint> all = new ArrayList<>(references.hints(colorizer, jobs.get(k),
                        pictures.get(k).rgb()));
                all.addAll(hintsOf.getOrDefault(jobs.get(k), List.of()));
                return List.copyOf(all);
            }).toList();
            if (jobs.isEmpty()) {
                return new Prepared(jobs, stamps, pictures, hints, List.of(), List.of());
            }
            try {
                manifest.claim(jobs.stream().map(FolderPlan.Job::output).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<float[]> encoded = IntStream.range(0, jobs.size()).parallel()
                    .mapToObj(k -> colorizer.encode(pictures.get(k).rgb(), s, hints.get(k))).toList();
            List<WorkingShape> shapes = pictures.stream().map(p -> colorizer.shapeOf(p.rgb(), s)).toList();
            return new Prepared(jobs, stamps, pictures, hints, encoded, shapes);
        }, PREPARING);
    }

    // an input's size and time, or null when it cannot be read (then reading it fails too, and says why)
    private static OutputManifest.InputStamp stamp(Path input) {
        try {
            return OutputManifest.InputStamp.of(input);
        } catch (IOException e) {
            return null;
        }
    }

    // one thread that runs the preparation of the next run beside the current one (daemon: never holds the JVM up)
    private static final java.util.concurrent.Executor PREPARING = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "predict-prepare");
                t.setDaemon(true);
                return t;
            });

    // the prepared run, with the preparation's own exception (a ColorizerException, an I/O error) rethrown as is
    private static Prepared join(CompletableFuture<Prepared> prepared) throws IOException {
        try {
            return prepared.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * The rest of a prepared run with both cores busy: one forward pass per working shape, then each picture decoded
     * to full size (itself in parallel row bands) and written, in parallel; each output recorded as done.
     */
    private static void finish(Output output, Prepared run, OutputManifest manifest,
                               Map<FolderPlan.Job, String> settings, AtomicInteger failed) throws IOException {
        if (run.jobs().isEmpty()) {
            return;
        }
        Colorizer colorizer = output.colorizer();
        int s = output.size();
        List<float[]> outputs = colorizer.forwardEach(run.inputs(), run.shapes()); // (C_out, sh, sw) each
        IntStream.range(0, run.jobs().size()).parallel().forEach(k -> {
            FolderPlan.Job job = run.jobs().get(k);
            try {
                // looked at again now: a file that appeared at the output since the plan is somebody else's
                boolean exists = Files.exists(job.output(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (exists && !manifest.owns(job.output())) {
                    throw new ColorizerException(job.output(), "a file appeared there during this run, not written "
                            + "by colorize predict: it is not replaced; move it away or choose another --out");
                }
                Picture picture = run.pictures().get(k);
                List<ColorHint> hinted = run.hints().get(k);
                OutputFormat format = output.format().forInput(job.input().getFileName().toString());
                ImageFiles.writeImage(colorizer.decode(picture.rgb(), picture.deepGray(), outputs.get(k), 0, s,
                                !hinted.isEmpty()).colorized(),
                        Provenance.of(colorizer, s, hinted, format, output.jpegQuality()).stamp(picture.metadata()),
                        job.output(), format, output.jpegQuality(), exists);
                // recorded at once: no output of ours is ever left without its line, whatever kills the run
                manifest.done(List.of(new OutputManifest.Made(job.output(), job.input(), settings.get(job),
                        run.stamps().get(k))), false);
            } catch (ColorizerException e) { // this picture's output only: the others go on
                System.err.println("error: " + Flags.message(e) + " (from " + job.input() + "; skipped)");
                failed.incrementAndGet();
            } catch (IOException e) {
                System.err.println("error: " + job.output() + ": cannot check or record it (" + e + "); skipped");
                failed.incrementAndGet();
            }
        });
        manifest.force(); // once a run, not once a picture
    }

    // with --all-pages every page is a job of its own: read without the notice that the file holds more
    private static Picture read(FolderPlan.Job job, boolean allPages, AtomicInteger failed) {
        try {
            return allPages ? ImageFiles.readPicture(job.input(), job.page()) : ImageFiles.readPicture(job.input());
        } catch (ColorizerException e) {
            System.err.println("error: " + Flags.message(e) + " (skipped)");
            failed.incrementAndGet();
            return null;
        }
    }

    /**
     * The hints of each input that has a hints file, parsed and checked against the picture's size before any work:
     * a bad file stops the command (exit 2) naming it.
     */
    private Map<FolderPlan.Job, List<ColorHint>> readHints(List<FolderPlan.Job> jobs) {
        if (!Files.exists(hints)) {
            throw new ColorizerException(hints, "no such hints file or folder: check the --hints path");
        }
        Map<FolderPlan.Job, Path> files = new LinkedHashMap<>(); // job -> its hints file
        if (Files.isDirectory(hints)) {
            Map<String, String> named = InputNames.hintsFiles(jobs.stream().map(FolderPlan.Job::relative).toList(),
                    name -> Files.isRegularFile(hints.resolve(name)), hints.toString());
            for (FolderPlan.Job job : jobs) {
                if (named.containsKey(job.relative())) {
                    files.put(job, hints.resolve(named.get(job.relative())));
                }
            }
        } else if (jobs.size() == 1) {
            files.put(jobs.get(0), hints);
        } else {
            throw new UsageException(hints, "is one hints file, for one picture, but there are " + jobs.size()
                    + " inputs: pass a folder holding REL/NAME.json for each input REL/NAME.EXT instead");
        }
        Map<FolderPlan.Job, List<ColorHint>> hintsOf = new LinkedHashMap<>();
        files.forEach((job, file) -> {
            List<ColorHint> list = HintFile.read(file);
            java.awt.Dimension size;
            try {
                size = ImageFiles.readSize(job.input(), job.page());
            } catch (ColorizerException e) {
                return; // unreadable: reported and skipped when it is read
            }
            HintFile.checkInside(list, size.width, size.height, file);
            hintsOf.put(job, list);
        });
        return hintsOf;
    }

    /**
     * What makes every output of this command, for {@link OutputManifest}: the model (the digest of its weights and
     * its calibrated policy: a run trained further or calibrated again is another model), the color options, the
     * working size, the format and JPEG quality, and that the input's metadata and the record of what made it are
     * written.
     */
    private static String settings(Colorizer colorizer, int size, OutputFormat fmt, float jpegQuality) {
        return colorizer.settingsKey(size) + ", format=" + fmt.name().toLowerCase(java.util.Locale.ROOT)
                + (fmt == OutputFormat.PNG || fmt == OutputFormat.TIFF ? "" : ", quality=" + jpegQuality)
                + ", with metadata and provenance"; // outputs of earlier releases had neither: they are redone
    }

    // whether the option was on the command line (not its default)
    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    // the record of what made a picture colorize wrote, or a one-line error naming it
    static Provenance recorded(Path colorized) {
        return Provenance.read(ImageFiles.readMetadata(colorized), colorized).orElseThrow(() ->
                new ColorizerException(colorized, "holds no colorizer record (it was not written by colorize, or "
                        + "its metadata was stripped since): give a picture colorize wrote"));
    }

    /** The settings of one output: the command's, and the digest of the picture's hints if it has any. */
    private static String settings(String text, List<ColorHint> pictureHints) {
        if (pictureHints == null || pictureHints.isEmpty()) {
            return text;
        }
        return text + ", hints=" + dev.colorizer.run.Digest.of(pictureHints.toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
