package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.HintFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Colorize pictures at their full resolution.",
                "Folders are walked recursively; outputs keep the relative names. An input is never overwritten; "
                        + "an unreadable file is reported and skipped."})
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

    @Mixin
    ColorOptions color = new ColorOptions();

    private int refused; // inputs whose output would have overwritten an input

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT).replace("jpeg", "jpg");
        if (!fmt.equals("png") && !fmt.equals("jpg")) {
            throw new ColorizerException("--format " + format + " is not supported: use png or jpg");
        }
        if (batch < 1) {
            throw new ColorizerException("--batch must be at least 1");
        }
        Map<Path, Job> jobs = plan(fmt);
        Map<Path, List<ColorHint>> hintsOf = hints == null ? Map.of() : readHints(jobs);
        AtomicInteger failed = new AtomicInteger(refused);
        try (Colorizer loaded = Colorizer.load(model);
             ProgressBar bar = Bars.images("predict", jobs.size())) {
            Colorizer colorizer = color.apply(loaded);
            if (!hintsOf.isEmpty() && !colorizer.takesHints()) {
                throw new ColorizerException(hints, "holds color hints, but model " + colorizer.architecture().id()
                        + " takes none: use the bundled model or a run trained with --model unet-hints");
            }
            List<Map.Entry<Path, Job>> all = new ArrayList<>(jobs.entrySet());
            for (int from = 0; from < all.size(); from += batch) {
                List<Map.Entry<Path, Job>> chunk = all.subList(from, Math.min(all.size(), from + batch));
                List<BufferedImage> images = chunk.parallelStream().map(e -> read(e.getKey(), failed)).toList();
                List<Integer> ok = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    if (images.get(i) != null) {
                        ok.add(i);
                    }
                }
                if (!ok.isEmpty()) {
                    List<Colorizer.Result> results = colorizer.colorizeAll(ok.stream().map(images::get).toList(),
                            ok.stream().map(i -> hintsOf.getOrDefault(chunk.get(i).getKey(), List.of())).toList(),
                            colorizer.size());
                    java.util.stream.IntStream.range(0, ok.size()).parallel().forEach(k -> ImageFiles.writeImage(
                            results.get(k).colorized(), chunk.get(ok.get(k)).getValue().output(), fmt));
                }
                bar.stepBy(chunk.size());
            }
        }
        int total = jobs.size() + refused;
        System.out.printf("colorized %d of %d pictures into %s%s%n", total - failed.get(), total, out,
                failed.get() > 0 ? "; " + failed.get() + " failed (see above)" : "");
        return failed.get() > 0 ? Main.SOME_FAILED : Main.OK;
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
    private Map<Path, List<ColorHint>> readHints(Map<Path, Job> jobs) {
        if (!Files.exists(hints)) {
            throw new ColorizerException(hints, "no such hints file or folder: check the --hints path");
        }
        Map<Path, Path> files = new LinkedHashMap<>(); // input -> its hints file
        if (Files.isDirectory(hints)) {
            jobs.forEach((input, job) -> {
                Path file = hints.resolve(withoutExtension(job.relative().toString()) + ".json");
                if (Files.isRegularFile(file)) {
                    files.put(input, file);
                }
            });
        } else if (jobs.size() == 1) {
            files.put(jobs.keySet().iterator().next(), hints);
        } else {
            throw new ColorizerException(hints, "is one hints file, for one picture, but there are " + jobs.size()
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

    private static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** An input's output file, and its path relative to the input folder (its file name for a file argument). */
    private record Job(Path output, Path relative) {}

    /** Input file -> its job, in a stable order; outputs never land on an input. */
    private Map<Path, Job> plan(String fmt) throws IOException {
        Path outAbs = out.toAbsolutePath().normalize();
        Map<Path, Job> jobs = new LinkedHashMap<>();
        Set<Path> inputFiles = new HashSet<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new ColorizerException(input, "no such file or folder: check the path");
            }
            if (Files.isDirectory(input)) {
                Path root = input.toAbsolutePath().normalize();
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path f : walk.filter(Files::isRegularFile).filter(ImageFiles::isImageName)
                            .filter(f -> !f.startsWith(outAbs)).sorted().toList()) {
                        add(jobs, inputFiles, f, root.relativize(f), fmt);
                    }
                }
            } else {
                Path f = input.toAbsolutePath().normalize();
                add(jobs, inputFiles, f, f.getFileName(), fmt);
            }
        }
        jobs.values().removeIf(job -> {
            Path target = job.output();
            if (inputFiles.contains(target)) {
                System.err.println("error: " + target + " is an input: it is not overwritten; choose another --out");
                refused++;
                return true;
            }
            return false;
        });
        if (jobs.isEmpty() && inputFiles.isEmpty()) {
            throw new ColorizerException("no pictures found in " + inputs
                    + ": pass image files or folders holding jpg, png, bmp, gif or webp files");
        }
        return jobs;
    }

    private void add(Map<Path, Job> jobs, Set<Path> inputFiles, Path file, Path relative, String fmt) {
        if (!inputFiles.add(file)) {
            return; // the same file named twice
        }
        String base = withoutExtension(relative.toString());
        Set<Path> taken = new HashSet<>();
        jobs.values().forEach(job -> taken.add(job.output()));
        Path target = out.resolve(base + "." + fmt).toAbsolutePath().normalize();
        for (int n = 2; taken.contains(target); n++) { // two inputs with one name: keep both
            target = out.resolve(base + "-" + n + "." + fmt).toAbsolutePath().normalize();
        }
        jobs.put(file, new Job(target, relative));
    }
}
