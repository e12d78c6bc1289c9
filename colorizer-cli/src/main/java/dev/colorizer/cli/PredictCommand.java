package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.ExitCode;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.data.FolderPlan;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.InputNames;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.HintFile;
import dev.colorizer.infer.Provenance;
import dev.colorizer.job.FolderJob;
import dev.colorizer.job.LocalLedger;
import dev.colorizer.job.LocalPictures;
import dev.colorizer.job.OutputRecipe;
import dev.colorizer.run.OutputManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Colorize pictures at their full resolution.",
                "Folders are walked recursively; outputs keep the relative names, with the format's extension "
                        + "appended (a.jpg -> a.jpg.png) unless they end in it (a.png). An input, or any file this "
                        + "command did not write, is never overwritten; an unreadable file is reported and skipped. "
                        + "Run again, it finishes what is missing and redoes nothing that is complete (the record is "
                        + "OUT/" + OutputManifest.FILE + ")."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders.")
    List<Path> inputs;

    @Mixin
    ModelOption model = new ModelOption();

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
            + "each into NAME-pageN.EXT.png (N from 1; with --format png), with its hints, if any, in "
            + "REL/NAME-pageN.json. Default: the first page only, with a notice.")
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
        if (quality != null && fmt.qualityIgnored(Flags::of) != null) { // said, not refused
            System.err.println(fmt.qualityIgnored(Flags::of));
        }
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
        FolderPlan plan = FolderPlan.of(inputs, out, fmt, allPages, OutputManifest.recordedOutputs(out));
        List<String> skipped = plan.skipped().stream().map(s -> s.entry() + ": " + s.reason()).toList();
        skipped.forEach(s -> System.err.println("skipped: " + s));
        if (plan.jobs().isEmpty() && plan.refused().isEmpty()) {
            throw InputNames.noPictures(inputs, skipped);
        }
        if (plan.jobs().isEmpty()) { // every output would land on an input
            throw new UsageException(plan.refused().get(0).input(), plan.refused().get(0).reason());
        }
        plan.refused().forEach(r -> System.err.println("error: " + r.input() + ": " + r.reason().render(Flags::of)));
        Map<FolderPlan.Job, List<ColorHint>> hintsOf = hints == null ? Map.of() : readHints(plan.jobs());
        References references = reference == null ? References.NONE : References.of(reference, plan.jobs());
        if (recorded != null && !recorded.hints().isEmpty()) {
            if (plan.jobs().size() != 1) {
                throw new UsageException(settingsFrom, "was colored with hints (given, or found by matching a "
                        + "reference photograph), which are points of one picture, but there are "
                        + plan.jobs().size() + " inputs: give the one picture it was made from");
            }
            hintsOf = Map.of(plan.jobs().get(0), recorded.hints());
        }
        int failed = 0;
        int done = 0;
        int redone = 0;
        int colorized = 0;
        int notMade = 0;
        List<FolderJob.Item<Path>> todo = List.of();
        int[] made = {0}; // colorized so far, counted by the batches' callback
        try (OutputManifest manifest = OutputManifest.open(out); Colorizer loaded = model.load()) {
            manifest.removeStaleTemps();
            Colorizer colorizer = recorded != null ? recorded.applyTo(loaded, settingsFrom)
                    : workingSize.applyTo(color.apply(loaded));
            if (reference != null && !colorizer.takesHints()) {
                throw new UsageException(reference, "is a reference, but model " + colorizer.architecture().id()
                        + " takes no color hints: use the bundled model or a run trained with --arch unet-hints");
            }
            if (!hintsOf.isEmpty() && !colorizer.takesHints()) {
                throw new UsageException(hints, "holds color hints, but model " + colorizer.architecture().id()
                        + " takes none: use the bundled model or a run trained with --arch unet-hints or unet-bins");
            }
            LocalLedger ledger = new LocalLedger(manifest, "colorize predict");
            FolderJob<Path> job = FolderJob.<Path>builder().setStore(LocalPictures.INSTANCE)
                    .setRecipe(new OutputRecipe(colorizer, fmt, jpegQuality)).optLedger(ledger).build();
            List<FolderJob.Item<Path>> items = new ArrayList<>();
            for (FolderPlan.Job planned : plan.jobs()) {
                items.add(new FolderJob.Item<>(planned.input(), allPages ? planned.page() : null, planned.output(),
                        hintsOf.getOrDefault(planned, List.of()), references.file(planned)));
            }
            LocalLedger.Plan needs = ledger.plan(job, items, overwrite);
            needs.refused().forEach(e -> System.err.println("error: " + Flags.message(e) + " (skipped)"));
            failed += needs.refused().size();
            done = needs.done();
            redone = needs.redone();
            todo = needs.todo();
            if (!todo.isEmpty()) {
                try (ProgressBar bar = Bars.images("predict", todo.size())) {
                    job.runAll(chunks(todo), outcomes -> {
                        made[0] += report(outcomes);
                        ledger.force();
                        bar.stepBy(outcomes.size());
                    });
                }
            }
            colorized = made[0];
            notMade = todo.size() - colorized;
            failed += notMade;
        }
        failed += plan.refused().size();
        int total = plan.jobs().size() + plan.refused().size();
        System.out.printf("colorized %d of %s into %s%s%s%s%s%n", colorized, count(total, "picture"), out,
                redone > 0 ? "; " + redone + " of them replaced " + (overwrite ? "(--overwrite)"
                        : "(made earlier with other settings, or from an input changed since)") : "",
                done > 0 ? "; " + done + " already done (same input and settings)" : "",
                failed > 0 ? "; " + failed + " failed (see above)" : "",
                plan.skipped().isEmpty() ? "" : "; " + count(plan.skipped().size(), "other entry", "other entries")
                        + " skipped (see above)");
        if (colorized == 0 && done == 0 && notMade > 0 && failed == notMade + plan.refused().size()) {
            return ExitCode.BAD_DATA; // nothing made: every picture tried failed (each one reported)
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
     * Consecutive batches of at most --batch pictures and at most {@link #PIXELS_IN_FLIGHT} pixels (by their headers;
     * at least one picture a batch): each batch's pictures are held decoded, with their outputs, while it is
     * colorized.
     */
    private List<List<FolderJob.Item<Path>>> chunks(List<FolderJob.Item<Path>> todo) {
        long[] pixels = todo.parallelStream().mapToLong(j -> {
            try {
                java.awt.Dimension d = ImageFiles.readSize(j.input(), j.page() == null ? 0 : j.page());
                return (long) d.width * d.height;
            } catch (ColorizerException e) {
                return 0; // unreadable: reported when it is read
            }
        }).toArray();
        List<List<FolderJob.Item<Path>>> chunks = new ArrayList<>();
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

    /** Prints the line of each picture not made, naming the file and the fix; returns how many were made. */
    static int report(List<FolderJob.Outcome<Path>> outcomes) {
        int made = 0;
        for (FolderJob.Outcome<Path> outcome : outcomes) {
            if (outcome.status() == FolderJob.Status.MADE) {
                made++;
            } else if (outcome.problem() != null) {
                System.err.println("error: " + Flags.message(outcome.problem()) + " (skipped)");
            }
        }
        return made;
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
            warnUnused(new java.util.HashSet<>(named.values()));
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

    // a hints file of the folder that no input takes is named: a mistyped name would otherwise color automatically
    private void warnUnused(Set<String> used) {
        try (java.util.stream.Stream<Path> walk = Files.walk(hints)) {
            walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
                    .map(f -> hints.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
                    .filter(name -> !used.contains(name)).sorted()
                    .forEach(name -> System.err.println("warning: " + hints.resolve(name) + " is the hints file of "
                            + "no input (input REL/NAME.EXT takes REL/NAME.EXT.json, or REL/NAME.json): not used"));
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: " + hints + ": cannot be listed to check that each hints file is used (" + e
                    + ")");
        }
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
}
