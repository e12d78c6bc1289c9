package dev.colorizer.data;

import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.io.RealPath;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which pictures a folder job on local paths ({@code colorize predict}) reads and where each output goes, by the
 * rules of {@link InputNames} (what is a picture, what is hidden, plan order, output names and their collisions)
 * plus those of java.nio paths kept here: folders are walked recursively, symbolic links to folders are not followed,
 * and a symbolic link to nothing, a FIFO, a device or an unreadable folder is skipped with its reason. Every entry of
 * a walk is either a job or a {@link Skipped} with its reason, so nothing is left out in silence (an {@code out}
 * inside the walk is one skipped entry; a file reached under two names is one job and one skipped entry).
 *
 * <p>Inputs and outputs are compared by their real paths (symbolic links and {@code ..} resolved), so an output
 * never lands on an input, whatever names lead to it. An {@code out} inside an input folder is not walked (it holds
 * outputs, not inputs); an {@code out} that is an input folder itself, or holds one, is refused. A named symbolic link
 * to a folder is walked at its target.
 *
 * @param jobs the pictures, in plan order
 * @param refused pictures whose output would overwrite an input, or whose output name is another input's
 *                ({@link InputNames#outputNames}), with the reason
 * @param skipped the entries that are not inputs, with the reason, in path order within each input
 */
public record FolderPlan(List<Job> jobs, List<Refused> refused, List<Skipped> skipped) {
    /**
     * One picture to colorize.
     *
     * @param input the file as found (absolute)
     * @param output where its result goes (absolute, normalized)
     * @param relative its path relative to the walked folder ('/'-separated), or its file name for a file argument;
     *                 for page N of a multi-page file planned page by page, "-pageN" before the extension
     *                 ("scan.tif" -> "scan-page2.tif"): the name its output and its hints file are named after
     * @param page the page (TIFF) or frame (GIF) to read, 0-based; 0 for every other picture
     */
    public record Job(Path input, Path output, String relative, int page) {}

    /** An entry that is not colorized, and why. */
    public record Skipped(Path entry, String reason) {}

    /**
     * A picture that is not colorized, an error of the run.
     *
     * @param output where its output would go (absolute, normalized)
     * @param reason why not, naming the fix: what follows "INPUT: " in a message
     */
    public record Refused(Path input, Path output, Message reason) {}

    // a file found: as found (absolute), its relative name, the page to read, whether planned page by page
    private record Found(Path file, String relative, int page, boolean paged) {
        Found(Path file, String relative) {
            this(file, relative, 0, false);
        }
    }

    // each file of several pages as one entry per page, "NAME-pageN.EXT", N from 1; the others as they are
    private static List<Found> pages(java.util.Collection<Found> files) {
        List<Found> pages = new ArrayList<>();
        for (Found f : files) {
            int count = InputNames.mayHoldPages(f.relative()) ? pageCountOrOne(f.file()) : 1;
            if (count == 1) {
                pages.add(f);
                continue;
            }
            String stem = InputNames.withoutExtension(f.relative());
            String extension = f.relative().substring(stem.length());
            for (int page = 0; page < count; page++) {
                pages.add(new Found(f.file(), stem + "-page" + (page + 1) + extension, page, true));
            }
        }
        return pages;
    }

    private static int pageCountOrOne(Path file) {
        try {
            return ImageFiles.pageCount(file);
        } catch (ColorizerException e) {
            return 1; // unreadable: reported and counted when the job reads it
        }
    }

    /**
     * @param inputs files and folders
     * @param out the output folder (need not exist)
     * @throws ColorizerException if an input does not exist or is no file nor folder, or a folder cannot be read
     * @throws UsageException if {@code out} is an input folder, or holds one
     */
    public static FolderPlan of(List<Path> inputs, Path out, OutputFormat format) throws IOException {
        return of(inputs, out, format, false);
    }

    /**
     * @param allPages plan each page of a multi-page TIFF and each frame of a GIF as a job of its own (their number
     *                 read from the file; one that cannot be read stays one job, reported when it is read); false:
     *                 the first page only
     * @see #of(List, Path, OutputFormat)
     */
    public static FolderPlan of(List<Path> inputs, Path out, OutputFormat format, boolean allPages)
            throws IOException {
        return of(inputs, out, format, allPages, Setting.OUT);
    }

    /**
     * @param outOption the setting {@code out} is in the messages ({@link Setting#OUT}), which the front end words,
     *                  e.g. "--out", "--output"
     * @see #of(List, Path, OutputFormat, boolean)
     */
    public static FolderPlan of(List<Path> inputs, Path out, OutputFormat format, boolean allPages, Setting outOption)
            throws IOException {
        return of(inputs, out, format, allPages, outOption, input -> List.of());
    }

    /**
     * The plan of {@code colorize predict}, which keeps the output names an earlier release gave in {@code out}
     * ({@link InputNames#isEarlierName}: {@code a.png} for {@code a.jpg}, where this release names it {@code
     * a.jpg.png}), so that a re-run neither writes a second copy nor redoes the folder.
     *
     * @param recorded the outputs (names inside {@code out}, '/'-separated) recorded in {@code out} as made from an
     *                 input (absolute, as found): {@code OutputManifest.recordedOutputs}; one kept is still there
     * @see #of(List, Path, OutputFormat, boolean)
     */
    public static FolderPlan of(List<Path> inputs, Path out, OutputFormat format, boolean allPages,
                                java.util.function.Function<Path, List<String>> recorded) throws IOException {
        return of(inputs, out, format, allPages, Setting.OUT, recorded);
    }

    /**
     * @param outOption the setting {@code out} is in the messages, which the front end words
     * @see #of(List, Path, OutputFormat, boolean, java.util.function.Function)
     */
    public static FolderPlan of(List<Path> inputs, Path out, OutputFormat format, boolean allPages, Setting outOption,
                                java.util.function.Function<Path, List<String>> recorded) throws IOException {
        // an empty name would be the current folder: what an unset shell variable ("$DIR") gives, rarely meant
        if (inputs.stream().anyMatch(input -> input.toString().isEmpty())) {
            throw new UsageException("an input is an empty name (an unset shell variable?): name the files or "
                    + "folders to colorize; '.' is the current folder");
        }
        if (out.toString().isEmpty()) {
            throw new UsageException(Message.of(outOption, " is an empty name (an unset shell variable?): name the "
                    + "output folder; '.' is the current folder"));
        }
        checkOutFolder(out, outOption);
        Path outReal = RealPath.of(out);
        List<Found> found = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new ColorizerException(input, Files.exists(input, LinkOption.NOFOLLOW_LINKS)
                        ? "is a symbolic link to nothing: fix or remove it" : "no such file or folder: check the path");
            }
            if (Files.isDirectory(input)) {
                Path root = input.toRealPath();
                if (root.startsWith(outReal)) {
                    throw new UsageException(input, root.equals(outReal)
                            ? Message.of("is also the ", outOption, " folder: the outputs would land among the "
                                    + "inputs; choose another ", outOption)
                            : Message.of("is inside the ", outOption, " folder, which holds outputs, not inputs: "
                                    + "choose an ", outOption, " outside it"));
                }
                Path named = RealPath.named(input);
                walk(Files.isSymbolicLink(named) ? root : named, outReal, found, skipped); // a link: walk its target
            } else if (!Files.isRegularFile(input)) {
                throw new ColorizerException(input, "is not a regular file (a device, FIFO or socket): pass picture "
                        + "files or folders");
            } else {
                Path file = RealPath.named(input);
                found.add(new Found(file, file.getFileName().toString()));
            }
        }
        // one file named twice, or reached twice (a symbolic link beside it), is one job: the file itself where it
        // was found, else the first name; each other name is reported
        Map<Path, Found> byReal = new LinkedHashMap<>();
        for (Found f : found) {
            byReal.merge(f.file().toRealPath(), f, (kept, other) -> Files.isSymbolicLink(kept.file())
                    && !Files.isSymbolicLink(other.file()) ? other : kept);
        }
        List<Found> kept = new ArrayList<>(); // in the order found: the kept name keeps its own place
        for (Found f : found) {
            Found first = byReal.get(f.file().toRealPath());
            if (first == f) {
                kept.add(f);
            } else if (!first.file().equals(f.file())) {
                skipped.add(new Skipped(f.file(), "the same file as " + first.file() + " (colorized once, as that)"));
            }
        }
        List<Found> unique = allPages ? pages(kept) : List.copyOf(kept);
        List<InputNames.Output> names = InputNames.outputNames(unique.stream().map(f -> new InputNames.Claim(
                f.relative(), f.paged(), earlierName(f, out, format, recorded))).toList(), format);
        List<Job> jobs = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < unique.size(); i++) {
            Found f = unique.get(i);
            InputNames.Output named = names.get(i);
            Path output;
            try {
                output = out.resolve(named.name() != null ? named.name() : InputNames.outputName(f.relative(),
                        format));
            } catch (java.nio.file.InvalidPathException e) { // read by its bytes, but its name is not this locale's
                skipped.add(new Skipped(f.file(), "its name cannot be written in this locale's character set ("
                        + System.getProperty("sun.jnu.encoding") + "): run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8 "
                        + "(./colorize sets it when the system has it)"));
                continue;
            }
            Job job = new Job(f.file(), RealPath.named(output), f.relative(), f.page());
            if (named.refusal() != null) {
                refused.add(new Refused(job.input(), job.output(), Message.of((f.paged() ? "page " + (f.page() + 1)
                        + " (" + f.relative() + "): " : "") + named.refusal())));
            } else if (byReal.containsKey(RealPath.of(job.output()))) {
                refused.add(new Refused(job.input(), job.output(), Message.of("its output " + job.output()
                        + " is an input: it is not overwritten; choose another ", outOption)));
            } else {
                jobs.add(job);
            }
        }
        return new FolderPlan(List.copyOf(jobs), List.copyOf(refused), List.copyOf(skipped));
    }

    // the name an earlier release gave this picture's output, recorded as made from it and still in out, or null
    private static String earlierName(Found f, Path out, OutputFormat format,
                                      java.util.function.Function<Path, List<String>> recorded) {
        return recorded.apply(f.file()).stream()
                .filter(name -> InputNames.isEarlierName(f.relative(), name, format)
                        && !name.equals(InputNames.outputName(f.relative(), format))
                        && Files.isRegularFile(out.resolve(name), LinkOption.NOFOLLOW_LINKS))
                .sorted(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder()))
                .findFirst().orElse(null);
    }

    // the pictures under root, sorted by relative name, and its skipped entries, sorted by path
    private static void walk(Path root, Path outReal, List<Found> found, List<Skipped> skipped) throws IOException {
        TreeMap<String, Path> pictures = new TreeMap<>();
        List<Skipped> mine = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.toRealPath().startsWith(outReal)) { // the output folder's own files: outputs, not inputs
                    mine.add(new Skipped(dir, InputNames.OUTPUT_FOLDER));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String reason = dir.equals(root) ? null : InputNames.skipReason(relative(root, dir), true);
                if (reason != null) {
                    mine.add(new Skipped(dir, reason));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String relative = relative(root, file);
                boolean folderLink = attrs.isSymbolicLink() && Files.isDirectory(file);
                String reason = InputNames.skipReason(relative, folderLink); // the rules by name come first
                if (reason == null) {
                    reason = folderLink ? "a symbolic link to a folder: not followed (pass the folder itself)"
                            : !Files.exists(file) ? "a symbolic link to nothing"
                            : !Files.isRegularFile(file) ? "not a regular file (a device, FIFO or socket)" : null;
                }
                if (reason != null) {
                    mine.add(new Skipped(file, reason));
                } else {
                    pictures.put(relative, file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(root)) {
                    throw new ColorizerException(root, "cannot read the folder (" + e.getClass().getSimpleName()
                            + "): check its permissions", e);
                }
                mine.add(new Skipped(file, "cannot be read (" + e.getClass().getSimpleName()
                        + "): check its permissions"));
                return FileVisitResult.CONTINUE;
            }
        });
        pictures.forEach((relative, file) -> found.add(new Found(file, relative)));
        mine.sort(Comparator.comparing(s -> s.entry().toString()));
        skipped.addAll(mine);
    }

    private static String relative(Path root, Path entry) {
        List<String> parts = new ArrayList<>();
        root.relativize(entry).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    // out names a folder, or where one can be made: not a file, nor a path through a file
    private static void checkOutFolder(Path out, Setting outOption) {
        for (Path p = RealPath.named(out); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new ColorizerException(out, p.equals(RealPath.named(out))
                            ? Message.of("is a file, not a folder: ", outOption, " takes the folder the outputs go "
                                    + "into; choose another")
                            : Message.of("cannot be a folder: " + p + " is a file; choose another ", outOption));
                }
                return;
            }
        }
    }

    /**
     * Refuses an output folder that is an input folder or lies inside one (its outputs would be read as inputs the
     * next time), whatever names lead there.
     *
     * @param outOption the setting of the output folder, e.g. {@link Setting#OUT}, which the front end words
     * @param inputOption the setting of the input folder, e.g. {@link Setting#DATA}
     * @throws UsageException if {@code out} is {@code input} or inside it
     */
    public static void refuseOutputInside(Path out, Setting outOption, Path input, Setting inputOption)
            throws IOException {
        refuseInside(out, outOption, input, inputOption);
    }

    /**
     * @param inputName what the input folder is called when no setting names it, e.g. "sample" (a bundled one)
     * @see #refuseOutputInside(Path, Setting, Path, Setting)
     */
    public static void refuseOutputInside(Path out, Setting outOption, Path input, String inputName)
            throws IOException {
        refuseInside(out, outOption, input, inputName);
    }

    // inputOption: a Setting or a word
    private static void refuseInside(Path out, Setting outOption, Path input, Object inputOption) throws IOException {
        Path in = RealPath.of(input);
        if (RealPath.of(out).startsWith(in)) {
            throw new UsageException(out, Message.of("is " + (RealPath.of(out).equals(in) ? "" : "inside ") + "the ",
                    inputOption, " folder " + input + ": what is written there would be read as input next time; "
                    + "choose an ", outOption, " outside it"));
        }
    }
}
