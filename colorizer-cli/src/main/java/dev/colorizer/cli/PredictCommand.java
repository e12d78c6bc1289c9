package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.ExitCode;
import dev.colorizer.UsageException;
import dev.colorizer.data.FolderPlan;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.InputNames;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.HintFile;
import dev.colorizer.run.OutputManifest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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

    @Option(names = "--format", defaultValue = "png", description = "png or jpg. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--batch", defaultValue = "16", description = "Pictures per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--hints", paramLabel = "PATH",
            description = "Color hints (README: \"Color hints\"): one JSON file for a single input, or a folder "
                    + "where the hints of input REL/NAME.EXT (its path in the input folder, or its file name) are "
                    + "PATH/REL/NAME.json. Inputs without a hints file are colorized automatically.")
    Path hints;

    @Option(names = "--overwrite", description = "Redo every picture, also those an earlier run of this command "
            + "finished with the same settings (files it did not write are still never replaced).")
    boolean overwrite;

    @Mixin
    ColorOptions color = new ColorOptions();

    // decoded pictures held at once, about 12 bytes each (input and output TYPE_INT_RGB, the L plane while it is
    // decoded): 32 MP keeps a folder of 12 MP scans within about 400 MB of live pixels, whatever --batch says
    private static final long PIXELS_IN_FLIGHT = 32_000_000L;

    // our own temp files: ".NAME.UUID.tmp" beside the output NAME (AtomicWrite)
    private static final Pattern TEMP = Pattern.compile(
            "\\.(.+)\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt = OutputFormat.of(format, "--format");
        if (batch < 1) {
            throw new UsageException("--batch " + batch + " is too small: use 1 or more pictures a pass");
        }
        FolderPlan plan = FolderPlan.of(inputs, out, fmt);
        List<String> skipped = plan.skipped().stream().map(s -> s.entry() + ": " + s.reason()).toList();
        skipped.forEach(s -> System.err.println("skipped: " + s));
        if (plan.jobs().isEmpty() && plan.refused().isEmpty()) {
            throw InputNames.noPictures(inputs, skipped);
        }
        plan.refused().forEach(j -> System.err.println("error: " + j.input() + ": its output " + j.output()
                + " is an input: it is not overwritten; choose another --out"));
        Map<Path, List<ColorHint>> hintsOf = hints == null ? Map.of() : readHints(plan.jobs());
        removeStaleTemps(plan.jobs());
        OutputManifest manifest = OutputManifest.load(out);
        int failed = 0;
        int done = 0;
        int unreadable = 0;
        List<FolderPlan.Job> todo = new ArrayList<>();
        try (Colorizer loaded = Colorizer.load(model)) {
            Colorizer colorizer = color.apply(loaded);
            if (!hintsOf.isEmpty() && !colorizer.takesHints()) {
                throw new UsageException(hints, "holds color hints, but model " + colorizer.architecture().id()
                        + " takes none: use the bundled model or a run trained with --arch unet-hints");
            }
            Map<Path, String> settings = new LinkedHashMap<>();
            for (FolderPlan.Job job : plan.jobs()) {
                String mine = settings(colorizer, fmt, hintsOf.get(job.input()));
                settings.put(job.input(), mine);
                if (Files.exists(job.output()) && !manifest.owns(job.output())) {
                    System.err.println("error: " + job.output() + " exists and was not written by colorize predict: "
                            + "it is not replaced; choose another --out, or move it away (skipped)");
                    failed++;
                } else if (!overwrite && manifest.isCurrent(job.output(), job.input(), mine)) {
                    done++;
                } else {
                    todo.add(job);
                }
            }
            AtomicInteger errors = new AtomicInteger();
            try (ProgressBar bar = Bars.images("predict", todo.size())) {
                for (List<FolderPlan.Job> chunk : chunks(todo)) {
                    colorizeChunk(colorizer, chunk, hintsOf, fmt, manifest, settings, errors);
                    bar.stepBy(chunk.size());
                }
            }
            unreadable = errors.get();
            failed += unreadable;
        }
        failed += plan.refused().size();
        int total = plan.jobs().size() + plan.refused().size();
        System.out.printf("colorized %d of %d pictures into %s%s%s%s%n", todo.size() - unreadable, total, out,
                done > 0 ? "; " + done + " already done (same input and settings)" : "",
                failed > 0 ? "; " + failed + " failed (see above)" : "",
                plan.skipped().isEmpty() ? "" : "; " + plan.skipped().size() + " other entries skipped (see above)");
        return failed > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
    }
    /**
     * Consecutive runs of at most --batch pictures and at most {@link #PIXELS_IN_FLIGHT} pixels (by their headers; at
     * least one picture a run): each run's pictures are held decoded, with their outputs, while it is colorized.
     */
    private List<List<FolderPlan.Job>> chunks(List<FolderPlan.Job> todo) {
        long[] pixels = todo.parallelStream().mapToLong(j -> {
            try {
                java.awt.Dimension d = ImageFiles.readSize(j.input());
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
     * Colorizes one run of pictures with both cores busy: each picture is read and encoded to the working size in
     * parallel, the run goes through one forward pass, then each picture is decoded to full size (itself in
     * parallel row bands) and written, in parallel.
     */
    private static void colorizeChunk(Colorizer colorizer, List<FolderPlan.Job> chunk,
                                      Map<Path, List<ColorHint>> hintsOf, OutputFormat fmt, OutputManifest manifest,
                                      Map<Path, String> settings, AtomicInteger errors) throws IOException {
        int s = colorizer.size();
        List<BufferedImage> images = chunk.parallelStream().map(j -> read(j.input(), errors)).toList();
        List<Integer> ok = IntStream.range(0, chunk.size()).filter(i -> images.get(i) != null).boxed().toList();
        if (ok.isEmpty()) {
            return;
        }
        manifest.claim(ok.stream().map(i -> chunk.get(i).output()).toList());
        List<List<ColorHint>> hints = ok.stream().map(i -> hintsOf.getOrDefault(chunk.get(i).input(), List.of()))
                .toList();
        List<float[]> encoded = IntStream.range(0, ok.size()).parallel()
                .mapToObj(k -> colorizer.encode(images.get(ok.get(k)), s, hints.get(k))).toList();
        int inputLength = encoded.get(0).length; // (C_in, s, s)
        float[] inputs = new float[ok.size() * inputLength]; // (N, C_in, s, s)
        for (int k = 0; k < ok.size(); k++) {
            System.arraycopy(encoded.get(k), 0, inputs, k * inputLength, inputLength);
        }
        float[] outputs = colorizer.forward(inputs, ok.size(), s); // (N, C_out, s, s)
        IntStream.range(0, ok.size()).parallel().forEach(k -> ImageFiles.writeImage(colorizer.decode(
                images.get(ok.get(k)), outputs, k, s, !hints.get(k).isEmpty()).colorized(),
                chunk.get(ok.get(k)).output(), fmt));
        for (int i : ok) {
            FolderPlan.Job job = chunk.get(i);
            manifest.done(job.output(), job.input(), settings.get(job.input()));
        }
    }

    private static BufferedImage read(Path file, AtomicInteger failed) {
        try {
            return ImageFiles.readRgb(file);
        } catch (ColorizerException e) {
            System.err.println("error: " + e.getMessage() + " (skipped)");
            failed.incrementAndGet();
            return null;
        }
    }

    /**
     * The hints of each input that has a hints file, parsed and checked against the picture's size before any work:
     * a bad file stops the command (exit 2) naming it.
     */
    private Map<Path, List<ColorHint>> readHints(List<FolderPlan.Job> jobs) {
        if (!Files.exists(hints)) {
            throw new ColorizerException(hints, "no such hints file or folder: check the --hints path");
        }
        Map<Path, Path> files = new LinkedHashMap<>(); // input -> its hints file
        if (Files.isDirectory(hints)) {
            for (FolderPlan.Job job : jobs) {
                Path file = hints.resolve(InputNames.hintsName(job.relative()));
                if (Files.isRegularFile(file)) {
                    files.put(job.input(), file);
                }
            }
        } else if (jobs.size() == 1) {
            files.put(jobs.get(0).input(), hints);
        } else {
            throw new UsageException(hints, "is one hints file, for one picture, but there are " + jobs.size()
                    + " inputs: pass a folder holding REL/NAME.json for each input REL/NAME.EXT instead");
        }
        Map<Path, List<ColorHint>> hintsOf = new LinkedHashMap<>();
        files.forEach((input, file) -> {
            List<ColorHint> list = HintFile.read(file);
            java.awt.Dimension size;
            try {
                size = ImageFiles.readSize(input);
            } catch (ColorizerException e) {
                return; // unreadable: reported and skipped when it is read
            }
            HintFile.checkInside(list, size.width, size.height, file);
            hintsOf.put(input, list);
        });
        return hintsOf;
    }

    /**
     * What makes an output, for {@link OutputManifest}: the model (its run folder's real path and checkpoint, or the
     * bundled one, with its creation time), the color options, the format and the hints (their digest).
     */
    private String settings(Colorizer colorizer, OutputFormat fmt, List<ColorHint> pictureHints) throws IOException {
        String source = model == null ? "bundled" : FolderPlan.real(model).toString();
        String text = "model=" + source + " " + colorizer.architecture().id() + " " + colorizer.config().createdAt()
                + " epochs=" + colorizer.config().train().epochs() + ", saturation=" + colorizer.userSaturation()
                + ", upsampling=" + colorizer.upsampling() + ", format=" + fmt.extension();
        if (pictureHints == null || pictureHints.isEmpty()) {
            return text;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return text + ", hints=" + HexFormat.of().formatHex(sha.digest(pictureHints.toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Deletes the temp files a killed run left beside the outputs it was writing (only those of our outputs). */
    private static void removeStaleTemps(List<FolderPlan.Job> jobs) throws IOException {
        Map<Path, Set<String>> namesByFolder = new LinkedHashMap<>();
        for (FolderPlan.Job job : jobs) {
            namesByFolder.computeIfAbsent(job.output().getParent(), k -> new LinkedHashSet<>())
                    .add(job.output().getFileName().toString());
        }
        for (Map.Entry<Path, Set<String>> e : namesByFolder.entrySet()) {
            if (!Files.isDirectory(e.getKey())) {
                continue;
            }
            try (Stream<Path> files = Files.list(e.getKey())) {
                for (Path f : files.toList()) {
                    var m = TEMP.matcher(f.getFileName().toString());
                    if (m.matches() && e.getValue().contains(m.group(1))) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }
}
