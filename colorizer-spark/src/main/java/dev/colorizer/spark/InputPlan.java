package dev.colorizer.spark;

import dev.colorizer.ColorizerException;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.data.FolderPlan;
import dev.colorizer.data.InputNames;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.HintFile;
import dev.colorizer.infer.ReferenceColors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Which files to colorize and where each output goes, planned on the driver through the Hadoop FileSystem API (any
 * file system: local, hdfs://, s3a://) by the rules {@code colorize predict} plans by ({@link InputNames}: what is a
 * picture, what is hidden, plan order, output names and their collisions), so that one tree gets the same plan from
 * both (InputPlanTest). Folders are walked recursively; a glob's matches are named relative to the folder before its
 * first wildcard, and the rules by name apply to that relative name, since a glob names no file itself. An output
 * that would land on an input is refused; nothing under the output folder is an input, and an input folder that is
 * the output folder or inside it is refused. The order is stable, so a re-run of the same job maps every input to
 * the same output.
 *
 * <p>With hints ({@code --hints}), each input's hints file is found as {@code colorize predict} finds it, then read
 * and parsed here, on the driver, so a bad file stops the job before any work, named. So is each input's reference
 * photograph ({@code --reference}, {@link InputNames#referenceFiles}): read and checked here (size, color), and
 * read again by the task that colorizes its picture.
 *
 * @param items inputs in plan order with their outputs (and hints)
 * @param refused inputs whose output would overwrite an input, or whose output name is another input's, with their
 *                would-be output and the reason
 * @param skipped the entries found that are not inputs, with the reason, in path order within each input
 */
record InputPlan(List<WorkItem> items, List<Refused> refused, List<Skipped> skipped) {
    /** An entry found that is not an input, and why. */
    record Skipped(String path, String reason) {}

    /** An input not colorized, an error of the job: its would-be output, and why, naming the fix. */
    record Refused(String input, String output, String reason) {}

    /**
     * @param output the output folder, qualified
     * @param hints a hints file or folder, or null
     * @param reference a reference photograph or a folder of them, or null
     * @throws ColorizerException if an input does not exist, a glob matches nothing, no picture is found, or a hints
     *                            file or reference is bad (named)
     */
    static InputPlan of(List<String> inputs, Path output, OutputFormat format, String hints, String reference,
                        Configuration conf) throws IOException {
        return of(inputs, output, format, hints, reference, conf, input -> List.of());
    }

    /**
     * @param recorded the outputs (fully qualified) that an earlier run in {@code output} recorded as made from an
     *                 input (fully qualified): one an earlier release named by its stem ({@link
     *                 InputNames#isEarlierName}: {@code a.png} for {@code a.jpg}), and still there, keeps its name
     * @see #of(List, Path, OutputFormat, String, String, Configuration)
     */
    static InputPlan of(List<String> inputs, Path output, OutputFormat format, String hints, String reference,
                        Configuration conf, java.util.function.Function<String, List<String>> recorded)
            throws IOException {
        if (inputs.stream().anyMatch(String::isBlank) || output.toString().isBlank()) {
            throw new UsageException("an empty --input or --output: name a file, folder or glob");
        }
        if (isLocal(output, conf) && inputs.stream().allMatch(i -> !hasWildcard(i) && isLocal(new Path(i), conf))) {
            return local(inputs, output, format, hints, reference, conf, recorded);
        }
        String out = output.toString();
        Map<String, String> relative = new LinkedHashMap<>(); // qualified input -> relative name, in plan order
        List<Skipped> skipped = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(conf);
            Walk walk = new Walk(fs, out);
            if (hasWildcard(input)) {
                FileStatus[] found = fs.globStatus(path);
                if (found == null || found.length == 0) {
                    throw new ColorizerException(input + ": no file or folder matches: check the pattern");
                }
                String base = fs.makeQualified(new Path(globBase(input))).toUri().getPath();
                for (FileStatus match : found) {
                    String p = match.getPath().toUri().getPath();
                    walk.visit(match, p.startsWith(base + "/") ? p.substring(base.length() + 1)
                            : match.getPath().getName());
                }
            } else {
                FileStatus status;
                try {
                    status = fs.getFileStatus(path);
                } catch (FileNotFoundException e) {
                    throw new ColorizerException(input + ": no such file or folder: check the path");
                }
                String qualified = status.getPath().toString();
                if (status.isDirectory() && (qualified + "/").startsWith(out + "/")) {
                    throw new UsageException(input + (qualified.equals(out)
                            ? ": is also the --output folder: the outputs would land among the inputs; choose another "
                                    + "--output"
                            : ": is inside the --output folder, which holds outputs, not inputs: choose an --output "
                                    + "outside it"));
                }
                if (status.isDirectory()) {
                    walk.folder(status.getPath(), "", true);
                } else {
                    walk.pictures.put(status.getPath().getName(), qualified); // named: taken whatever its name
                }
            }
            walk.pictures.forEach((rel, qualified) -> relative.putIfAbsent(qualified, rel));
            walk.skipped.sort(Comparator.comparing(Skipped::path));
            skipped.addAll(walk.skipped);
        }
        if (relative.isEmpty()) {
            throw InputNames.noPictures(inputs, skipped.stream().map(s -> s.path() + ": " + s.reason()).toList());
        }
        Extras extras = Extras.of(relative, hints, reference, conf);
        FileSystem outFs = output.getFileSystem(conf);
        List<InputNames.Claim> claims = new ArrayList<>();
        for (Map.Entry<String, String> e : relative.entrySet()) {
            claims.add(new InputNames.Claim(e.getValue(), false, earlierName(e.getValue(), recorded.apply(e.getKey()),
                    out, format, outFs)));
        }
        List<InputNames.Output> names = InputNames.outputNames(claims, format);
        List<WorkItem> items = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> input : relative.entrySet()) {
            InputNames.Output named = names.get(i++);
            String target = out + "/" + (named.name() != null ? named.name()
                    : InputNames.outputName(input.getValue(), format));
            if (named.refusal() != null) {
                refused.add(new Refused(input.getKey(), target, named.refusal()));
            } else if (relative.containsKey(target)) {
                refused.add(new Refused(input.getKey(), target, "its output " + target + " is an input: it is not "
                        + "overwritten; choose another --output"));
            } else {
                items.add(extras.of(new WorkItem(input.getKey(), target)));
            }
        }
        return new InputPlan(items, refused, skipped);
    }

    private static boolean isLocal(Path path, Configuration conf) {
        try {
            return "file".equals(path.getFileSystem(conf).getUri().getScheme());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A plan of files and folders on this machine's file system: {@code colorize predict}'s own ({@link FolderPlan}),
     * which sees what the Hadoop API hides there (symbolic links, to folders, to nothing, or leading an output onto an
     * input; FIFOs), with its paths qualified as Hadoop's.
     */
    private static InputPlan local(List<String> inputs, Path output, OutputFormat format, String hints,
                                   String reference, Configuration conf,
                                   java.util.function.Function<String, List<String>> recorded) throws IOException {
        FileSystem fs = output.getFileSystem(conf);
        java.nio.file.Path outDir = java.nio.file.Path.of(fs.makeQualified(output).toUri()).toAbsolutePath()
                .normalize();
        List<java.nio.file.Path> named = inputs.stream().map(i -> java.nio.file.Path.of(
                fs.makeQualified(new Path(i)).toUri())).toList();
        String out = fs.makeQualified(output).toString();
        FolderPlan plan = FolderPlan.of(named, outDir, format, false, Setting.OUT, input -> recorded.apply(
                qualified(fs, input)).stream().filter(o -> o.startsWith(out + "/"))
                .map(o -> o.substring(out.length() + 1)).toList());
        List<Skipped> skipped = plan.skipped().stream().map(k -> new Skipped(qualified(fs, k.entry()), k.reason()))
                .toList();
        if (plan.jobs().isEmpty() && plan.refused().isEmpty()) {
            throw InputNames.noPictures(inputs, skipped.stream().map(k -> k.path() + ": " + k.reason()).toList());
        }
        Map<String, String> relative = new LinkedHashMap<>(); // qualified input -> relative name, in plan order
        plan.jobs().forEach(j -> relative.put(qualified(fs, j.input()), j.relative()));
        Extras extras = Extras.of(relative, hints, reference, conf);
        List<WorkItem> items = new ArrayList<>();
        for (FolderPlan.Job job : plan.jobs()) {
            items.add(extras.of(new WorkItem(qualified(fs, job.input()), out + "/"
                    + slashed(outDir.relativize(job.output())))));
        }
        List<Refused> refused = plan.refused().stream().map(r -> new Refused(qualified(fs, r.input()),
                out + "/" + slashed(outDir.relativize(r.output())), r.reason().render(SparkFlags::of))).toList();
        return new InputPlan(items, refused, skipped);
    }

    // the name an earlier release gave an input's output, recorded as made from it and still there, or null
    private static String earlierName(String relative, List<String> recorded, String out, OutputFormat format,
                                      FileSystem fs) throws IOException {
        for (String output : recorded) {
            String name = output.startsWith(out + "/") ? output.substring(out.length() + 1) : null;
            if (name != null && InputNames.isEarlierName(relative, name, format)
                    && !name.equals(InputNames.outputName(relative, format))) {
                try {
                    if (fs.getFileStatus(new Path(output)).isFile()) {
                        return name;
                    }
                } catch (FileNotFoundException e) {
                    // gone: named by this release's rule
                }
            }
        }
        return null;
    }

    private static String qualified(FileSystem fs, java.nio.file.Path path) {
        return fs.makeQualified(new Path(path.toUri())).toString();
    }

    private static String slashed(java.nio.file.Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    /** One input's walk: its pictures by relative name (so sorted), and what it skipped. */
    private static final class Walk {
        final TreeMap<String, String> pictures = new TreeMap<>(); // relative name -> qualified path
        final List<Skipped> skipped = new ArrayList<>();
        private final FileSystem fs;
        private final String out;

        Walk(FileSystem fs, String out) {
            this.fs = fs;
            this.out = out;
        }

        // an entry found below a named input (relative: its name there): a picture, a folder to walk, or skipped
        void visit(FileStatus entry, String relative) throws IOException {
            String qualified = entry.getPath().toString();
            if ((qualified + "/").startsWith(out + "/")) { // the output folder's own files: outputs, not inputs
                skipped.add(new Skipped(qualified, InputNames.OUTPUT_FOLDER));
                return;
            }
            String reason = InputNames.skipReason(relative, entry.isDirectory());
            if (reason != null) {
                skipped.add(new Skipped(qualified, reason));
            } else if (entry.isDirectory()) {
                folder(entry.getPath(), relative + "/", false);
            } else {
                pictures.put(relative, qualified);
            }
        }

        // a folder's entries; one that cannot be listed is an error when named, else skipped with the reason
        void folder(Path dir, String prefix, boolean named) throws IOException {
            FileStatus[] entries; // one folder's listing at a time (and without the local file system's .crc files)
            try {
                entries = fs.listStatus(dir);
            } catch (IOException e) {
                if (named) {
                    throw new ColorizerException(null, dir + ": cannot read the folder (" + e.getClass().getSimpleName()
                            + "): check its permissions", e);
                }
                skipped.add(new Skipped(dir.toString(), "cannot be read (" + e.getClass().getSimpleName()
                        + "): check its permissions"));
                return;
            }
            for (FileStatus entry : entries) {
                visit(entry, prefix + entry.getPath().getName());
            }
        }
    }

    // a hints file (qualified) and its text
    private record HintsText(String file, String json) {}

    // what goes with each input besides its picture, by qualified input: its hints, its reference (qualified)
    private record Extras(Map<String, HintsText> hints, Map<String, String> references) {
        static Extras of(Map<String, String> relative, String hints, String reference, Configuration conf)
                throws IOException {
            return new Extras(hints == null ? Map.of() : findHints(relative, new Path(hints), conf),
                    reference == null ? Map.of() : findReferences(relative, new Path(reference), conf));
        }

        WorkItem of(WorkItem item) {
            HintsText text = hints.get(item.input());
            WorkItem hinted = text == null ? item : item.withHints(text.file(), text.json());
            String file = references.get(item.input());
            return file == null ? hinted : hinted.withReference(file);
        }
    }

    /**
     * Qualified input -> its reference (qualified), for the inputs that have one; each reference is read and checked
     * once (size from its header first, so that an enormous one is never decoded; then its color).
     */
    private static Map<String, String> findReferences(Map<String, String> relative, Path reference,
                                                      Configuration conf) throws IOException {
        FileSystem fs = reference.getFileSystem(conf);
        FileStatus status = named(fs, reference, "reference");
        Path root = status.getPath();
        Map<String, String> found = new LinkedHashMap<>();
        if (!status.isDirectory()) {
            relative.keySet().forEach(input -> found.put(input, root.toString()));
        } else {
            Set<String> held = new HashSet<>(); // relative names of every file under the folder: one listing
            String prefix = root.toUri().getPath() + "/";
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                String path = it.next().getPath().toUri().getPath();
                if (path.startsWith(prefix)) {
                    held.add(path.substring(prefix.length()));
                }
            }
            Map<String, String> named = InputNames.referenceFiles(List.copyOf(relative.values()), held,
                    root.toString());
            relative.forEach((input, rel) -> {
                if (named.containsKey(rel)) {
                    found.put(input, new Path(root, named.get(rel)).toString());
                }
            });
        }
        for (String file : new HashSet<>(found.values())) {
            byte[] bytes;
            try (var in = new Path(file).getFileSystem(conf).open(new Path(file))) {
                bytes = in.readAllBytes();
            }
            java.awt.Dimension size = dev.colorizer.data.ImageFiles.readSize(bytes, file);
            ReferenceColors.checkSize(size.width, size.height, file);
            ReferenceColors.checkColor(dev.colorizer.data.ImageFiles.readRgb(bytes, file), file);
        }
        return found;
    }

    // the file or folder an option names (--hints, --reference), or an error naming it and the option
    private static FileStatus named(FileSystem fs, Path path, String option) throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new ColorizerException(path + ": no such " + option + " file or folder: check the --" + option
                    + " path");
        }
    }

    /** Qualified input -> its hints, for the inputs that have a hints file; each file is parsed to check it. */
    private static Map<String, HintsText> findHints(Map<String, String> relative, Path hints, Configuration conf)
            throws IOException {
        FileSystem fs = hints.getFileSystem(conf);
        FileStatus status = named(fs, hints, "hints");
        Map<String, String> found = new LinkedHashMap<>();
        if (!status.isDirectory()) {
            if (relative.size() != 1) {
                throw new UsageException(hints + " is one hints file, for one picture, but there are "
                        + relative.size() + " inputs: pass a folder holding REL/NAME.json for each input REL/NAME.EXT");
            }
            found.put(relative.keySet().iterator().next(), status.getPath().toString());
        } else {
            Set<String> files = new HashSet<>(); // every file under the folder: one listing, not one lookup per input
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(status.getPath(), true);
            while (it.hasNext()) {
                files.add(it.next().getPath().toString());
            }
            Map<String, String> named = InputNames.hintsFiles(List.copyOf(relative.values()),
                    name -> files.contains(new Path(status.getPath(), name).toString()), status.getPath().toString());
            relative.forEach((input, rel) -> {
                if (named.containsKey(rel)) {
                    found.put(input, new Path(status.getPath(), named.get(rel)).toString());
                }
            });
            // a hints file no input takes is named, as predict names it: a mistyped name would color automatically
            Set<String> used = new HashSet<>(found.values());
            files.stream().filter(f -> f.endsWith(".json") && !used.contains(f)).sorted()
                    .forEach(f -> System.err.println("warning: " + f + " is the hints file of no input (input "
                            + "REL/NAME.EXT takes REL/NAME.EXT.json, or REL/NAME.json): not used"));
        }
        Map<String, HintsText> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : found.entrySet()) {
            String json = read(new Path(e.getValue()), conf);
            List<dev.colorizer.infer.ColorHint> points = HintFile.parse(json.getBytes(StandardCharsets.UTF_8),
                    e.getValue());
            if (!points.isEmpty()) { // each point on its picture, as predict checks it: the picture's header read here
                java.awt.Dimension size;
                try (var in = new Path(e.getKey()).getFileSystem(conf).open(new Path(e.getKey()))) {
                    size = dev.colorizer.data.ImageFiles.readSize(in.readAllBytes(), e.getKey());
                } catch (ColorizerException unreadable) {
                    size = null; // reported and counted when the job reads the picture
                }
                if (size != null) {
                    HintFile.checkInside(points, size.width, size.height, e.getValue());
                }
            }
            texts.put(e.getKey(), new HintsText(e.getValue(), json));
        }
        return texts;
    }

    private static String read(Path file, Configuration conf) throws IOException {
        try (var in = file.getFileSystem(conf).open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static boolean hasWildcard(String input) {
        return input.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{' || c == '\\');
    }

    /** The part of a glob before the path component holding its first wildcard. */
    static String globBase(String glob) {
        String[] parts = glob.split("/", -1);
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (hasWildcard(parts[i])) {
                break;
            }
            base.append(parts[i]).append('/');
        }
        String b = base.toString();
        return b.isEmpty() ? "." : b.endsWith("//") || b.equals("/") ? b : b.substring(0, b.length() - 1);
    }
}
