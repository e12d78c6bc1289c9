package dev.colorizer.spark;

import dev.colorizer.ColorizerException;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.infer.HintFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Which files to colorize and where each output goes, planned on the driver exactly as {@code colorize predict}
 * plans: folders are walked recursively and outputs keep the relative names (extension replaced by the format);
 * a glob's files are named relative to the folder before its first wildcard; two inputs that would get one output
 * name get {@code NAME-2}, {@code NAME-3}; an output that would land on an input is refused. Hidden files and
 * folders (.x, _x), and anything under the output folder, are not inputs. The order is stable, so a re-run of the
 * same job maps every input to the same output.
 *
 * <p>With hints ({@code --hints}), each input's hints file is found as {@code colorize predict} finds it, then read
 * and parsed here, on the driver, so a bad file stops the job before any work, named.
 *
 * @param items inputs in path order with their outputs (and hints)
 * @param refused inputs whose output would overwrite an input, with their would-be output
 */
record InputPlan(List<WorkItem> items, List<WorkItem> refused) {

    /** @param hints a hints file or folder, or null */
    static InputPlan of(List<String> inputs, Path output, String format, String hints, Configuration conf)
            throws IOException {
        String out = output.toString();
        TreeMap<String, String> relative = new TreeMap<>(); // qualified input -> relative name
        for (String input : inputs) {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(conf);
            List<FileStatus> matches = new ArrayList<>();
            Path base;
            if (hasWildcard(input)) {
                FileStatus[] found = fs.globStatus(path);
                if (found == null || found.length == 0) {
                    throw new ColorizerException(null, input + ": no file or folder matches: check the pattern");
                }
                matches.addAll(List.of(found));
                base = fs.makeQualified(new Path(globBase(input)));
            } else {
                FileStatus status;
                try {
                    status = fs.getFileStatus(path);
                } catch (FileNotFoundException e) {
                    throw new ColorizerException(null, input + ": no such file or folder: check the path");
                }
                matches.add(status);
                base = status.isDirectory() ? status.getPath() : status.getPath().getParent();
            }
            String basePath = base.toUri().getPath();
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> files = fs.listFiles(match.getPath(), true);
                    while (files.hasNext()) {
                        FileStatus f = files.next();
                        addIfImage(relative, f.getPath(), basePath, out);
                    }
                } else {
                    addIfImage(relative, match.getPath(), basePath, out);
                }
            }
        }
        if (relative.isEmpty()) {
            throw new ColorizerException(null, "no pictures found in " + inputs
                    + ": pass folders, files or globs of jpg, png, bmp, gif or webp files");
        }
        Map<String, HintsText> hintsOf = hints == null ? Map.of() : findHints(relative, new Path(hints), conf);
        Map<String, String> targets = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, String> e : relative.entrySet()) {
            String name = e.getValue();
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 && dot > name.lastIndexOf('/') ? name.substring(0, dot) : name;
            String target = out + "/" + stem + "." + format;
            for (int n = 2; !used.add(target); n++) { // two inputs with one name: keep both
                target = out + "/" + stem + "-" + n + "." + format;
            }
            targets.put(e.getKey(), target);
        }
        List<WorkItem> items = new ArrayList<>();
        List<WorkItem> refused = new ArrayList<>();
        targets.forEach((input, target) -> {
            WorkItem item = new WorkItem(input, target);
            HintsText text = hintsOf.get(input);
            (relative.containsKey(target) ? refused : items)
                    .add(text == null ? item : item.withHints(text.file(), text.json()));
        });
        return new InputPlan(items, refused);
    }

    // a hints file (qualified) and its text
    private record HintsText(String file, String json) {}

    /** Qualified input -> its hints, for the inputs that have a hints file; each file is parsed to check it. */
    private static Map<String, HintsText> findHints(Map<String, String> relative, Path hints, Configuration conf)
            throws IOException {
        FileSystem fs = hints.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(hints);
        } catch (FileNotFoundException e) {
            throw new ColorizerException(null, hints + ": no such hints file or folder: check the --hints path");
        }
        Map<String, String> found = new LinkedHashMap<>();
        if (!status.isDirectory()) {
            if (relative.size() != 1) {
                throw new ColorizerException(null, hints + " is one hints file, for one picture, but there are "
                        + relative.size() + " inputs: pass a folder holding REL/NAME.json for each input REL/NAME.EXT");
            }
            found.put(relative.keySet().iterator().next(), status.getPath().toString());
        } else {
            Set<String> files = new HashSet<>(); // every file under the folder: one listing, not one lookup per input
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(status.getPath(), true);
            while (it.hasNext()) {
                files.add(it.next().getPath().toString());
            }
            relative.forEach((input, rel) -> {
                int dot = rel.lastIndexOf('.');
                String stem = dot > 0 && dot > rel.lastIndexOf('/') ? rel.substring(0, dot) : rel;
                String file = new Path(status.getPath(), stem + ".json").toString();
                if (files.contains(file)) {
                    found.put(input, file);
                }
            });
        }
        Map<String, HintsText> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : found.entrySet()) {
            String json = read(new Path(e.getValue()), conf);
            HintFile.parse(json.getBytes(StandardCharsets.UTF_8), e.getValue());
            texts.put(e.getKey(), new HintsText(e.getValue(), json));
        }
        return texts;
    }

    private static String read(Path file, Configuration conf) throws IOException {
        try (var in = file.getFileSystem(conf).open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void addIfImage(Map<String, String> relative, Path file, String basePath, String out) {
        String qualified = file.toString();
        if (qualified.startsWith(out + "/") || !ImageFiles.isImageName(java.nio.file.Path.of(file.getName()))) {
            return;
        }
        String path = file.toUri().getPath();
        String rel = path.startsWith(basePath + "/") ? path.substring(basePath.length() + 1) : file.getName();
        for (String part : rel.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return; // hidden, like Spark's own file sources
            }
        }
        relative.putIfAbsent(qualified, rel);
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
