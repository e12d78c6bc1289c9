package dev.colorizer.data;

import dev.colorizer.ColorizerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which pictures a folder job (e.g. {@code colorize predict}) reads and where each output goes. Folders are walked
 * recursively (symbolic links to folders are not followed) and outputs keep the relative names, extension replaced
 * by the format; two inputs that would get one output name get {@code NAME-2}, {@code NAME-3}. Every entry of a
 * walk is either a job or a {@link Skipped} with its reason, so nothing is left out in silence.
 *
 * <p>Inputs and outputs are compared by their real paths (symbolic links and {@code ..} resolved), so an output
 * never lands on an input, whatever names lead to it. An {@code --out} inside an input folder is not walked (it holds
 * outputs, not inputs); an {@code --out} that is an input folder itself is refused.
 *
 * @param jobs the pictures, in a stable order
 * @param refused pictures whose output would overwrite an input, with that output
 * @param skipped the entries that are not pictures, with the reason
 */
public record FolderPlan(List<Job> jobs, List<Job> refused, List<Skipped> skipped) {
    /**
     * One picture to colorize.
     *
     * @param input the file as found (absolute)
     * @param output where its result goes (absolute, normalized)
     * @param relative its path relative to the walked folder, or its file name for a file argument
     */
    public record Job(Path input, Path output, Path relative) {}

    /** An entry that is not colorized, and why. */
    public record Skipped(Path entry, String reason) {}

    /**
     * @param inputs files and folders
     * @param out the output folder (need not exist)
     * @param format the output format's extension, e.g. "png"
     * @throws ColorizerException if an input does not exist, or {@code out} is an input folder
     */
    public static FolderPlan of(List<Path> inputs, Path out, String format) throws IOException {
        Path outReal = real(out);
        List<Path[]> found = new ArrayList<>(); // {file, relative}
        List<Skipped> skipped = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new ColorizerException(input, Files.exists(input, LinkOption.NOFOLLOW_LINKS)
                        ? "is a symbolic link to nothing: fix or remove it" : "no such file or folder: check the path");
            }
            if (Files.isDirectory(input)) {
                Path root = input.toRealPath();
                if (root.equals(outReal)) {
                    throw new ColorizerException(input, "is also the --out folder: the outputs would land among the "
                            + "inputs; choose another --out");
                }
                walk(input.toAbsolutePath().normalize(), outReal, found, skipped);
            } else if (!Files.isRegularFile(input)) {
                throw new ColorizerException(input, "is not a regular file (a device, FIFO or socket): pass picture "
                        + "files or folders");
            } else {
                Path file = input.toAbsolutePath().normalize();
                found.add(new Path[] {file, file.getFileName()});
            }
        }
        Map<Path, Job> byInput = new LinkedHashMap<>(); // real input path -> job: one file named twice is one job
        Set<Path> outputs = new HashSet<>();
        Set<Path> inputReals = new HashSet<>();
        for (Path[] f : found) {
            Path inputReal = f[0].toRealPath();
            if (!inputReals.add(inputReal)) {
                continue;
            }
            String base = withoutExtension(f[1].toString());
            Path target = out.resolve(base + "." + format).toAbsolutePath().normalize();
            for (int n = 2; outputs.contains(target); n++) { // two inputs with one name: keep both
                target = out.resolve(base + "-" + n + "." + format).toAbsolutePath().normalize();
            }
            outputs.add(target);
            byInput.put(inputReal, new Job(f[0], target, f[1]));
        }
        List<Job> jobs = new ArrayList<>();
        List<Job> refused = new ArrayList<>();
        for (Job job : byInput.values()) {
            (inputReals.contains(real(job.output())) ? refused : jobs).add(job);
        }
        return new FolderPlan(List.copyOf(jobs), List.copyOf(refused), List.copyOf(skipped));
    }

    private static void walk(Path root, Path outReal, List<Path[]> found, List<Skipped> skipped) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path entry : walk.sorted().toList()) {
                if (entry.equals(root)) {
                    continue;
                }
                Path relative = root.relativize(entry);
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // walked into
                }
                if (Files.isSymbolicLink(entry) && !Files.exists(entry)) {
                    skipped.add(new Skipped(entry, "a symbolic link to nothing"));
                } else if (Files.isDirectory(entry)) {
                    skipped.add(new Skipped(entry, "a symbolic link to a folder: not followed (pass the folder itself)"));
                } else if (insideOut(entry, outReal)) {
                    continue; // the output folder's own files: outputs, not inputs
                } else if (!Files.isRegularFile(entry)) {
                    skipped.add(new Skipped(entry, "not a regular file (a device, FIFO or socket)"));
                } else if (!ImageFiles.isImageName(entry)) {
                    skipped.add(new Skipped(entry, "not a picture name (" + ImageFiles.SUPPORTED_NAMES + ")"));
                } else {
                    found.add(new Path[] {entry, relative});
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean insideOut(Path entry, Path outReal) throws IOException {
        return real(entry.getParent()).startsWith(outReal);
    }

    /** The real path of a file that may not exist yet: its nearest existing ancestor's real path, then the rest. */
    public static Path real(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            return abs.toRealPath();
        }
        Path parent = abs.getParent();
        return parent == null ? abs : real(parent).resolve(abs.getFileName());
    }

    /** The name without its last extension. */
    public static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return dot > 0 && dot > slash + 1 ? name.substring(0, dot) : name;
    }
}
