package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.infer.Colorizer;
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
        Map<Path, Path> jobs = plan(fmt);
        AtomicInteger failed = new AtomicInteger(refused);
        try (Colorizer loaded = Colorizer.load(model);
             ProgressBar bar = Bars.images("predict", jobs.size())) {
            Colorizer colorizer = color.apply(loaded);
            List<Map.Entry<Path, Path>> all = new ArrayList<>(jobs.entrySet());
            for (int from = 0; from < all.size(); from += batch) {
                List<Map.Entry<Path, Path>> chunk = all.subList(from, Math.min(all.size(), from + batch));
                List<BufferedImage> images = chunk.parallelStream().map(e -> read(e.getKey(), failed)).toList();
                List<Integer> ok = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    if (images.get(i) != null) {
                        ok.add(i);
                    }
                }
                if (!ok.isEmpty()) {
                    List<Colorizer.Result> results = colorizer.colorizeAll(ok.stream().map(images::get).toList());
                    java.util.stream.IntStream.range(0, ok.size()).parallel().forEach(k -> ImageFiles.writeImage(
                            results.get(k).colorized(), chunk.get(ok.get(k)).getValue(), fmt));
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

    /** Input file -> output file, in a stable order; outputs never land on an input. */
    private Map<Path, Path> plan(String fmt) throws IOException {
        Path outAbs = out.toAbsolutePath().normalize();
        Map<Path, Path> jobs = new LinkedHashMap<>();
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
        jobs.values().removeIf(target -> {
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

    private void add(Map<Path, Path> jobs, Set<Path> inputFiles, Path file, Path relative, String fmt) {
        if (!inputFiles.add(file)) {
            return; // the same file named twice
        }
        String name = relative.toString();
        int dot = name.lastIndexOf('.');
        Path target = out.resolve((dot > 0 ? name.substring(0, dot) : name) + "." + fmt).toAbsolutePath().normalize();
        for (int n = 2; jobs.containsValue(target); n++) { // two inputs with one name: keep both
            target = out.resolve((dot > 0 ? name.substring(0, dot) : name) + "-" + n + "." + fmt)
                    .toAbsolutePath().normalize();
        }
        jobs.put(file, target);
    }
}
