package dev.colorizer.data;

import dev.colorizer.ColorizerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules, by name alone, that decide what a job reads and writes, the same for every front end: {@code colorize
 * predict} ({@link FolderPlan}, java.nio paths), the Spark job (any Hadoop file system) and training data folders
 * ({@link ImageFolder}). Each front end walks its own file system and asks here, so that one tree gets one answer
 * (the Spark module's InputPlanTest plans one folder through both planners).
 *
 * <ul>
 *   <li>A picture is a file whose name ends in one of {@link #PICTURE_EXTENSIONS}, ignoring case.
 *   <li>Hidden is a name that starts with '.' (hidden on Unix and macOS: .DS_Store, ._photo.jpg, .git) or '_'
 *       (the bookkeeping of Hadoop and Spark jobs: _SUCCESS, _temporary, a Spark job's own _manifest), the union
 *       of the two conventions, as Hadoop's and Spark's file sources skip both; except a picture's name starting
 *       with '_' ({@code _MG_0001.JPG}: a camera's name for a photo in Adobe RGB), which is no job's bookkeeping.
 *   <li>In a walk, a hidden entry is skipped with that reason (a hidden folder is not walked into), a file that is
 *       not a picture is skipped with its own reason. A file or folder the user names is taken whatever its name: a
 *       named {@code .x.png} is colorized, a named {@code scan.jfif} is tried.
 *   <li>Plan order: the inputs in the order named, the pictures found under each sorted by relative name.
 *   <li>An output keeps its input's relative name with the extension replaced by the format's; of inputs that would
 *       share an output name the first in plan order keeps it and each next gets NAME-2, NAME-3, the first free.
 * </ul>
 */
public final class InputNames {
    /** File name extensions of pictures (lower case; matching ignores case). */
    public static final List<String> PICTURE_EXTENSIONS =
            List.of("jpg", "jpeg", "png", "bmp", "gif", "webp", "tif", "tiff");
    /** The extensions as a user reads them in messages. */
    public static final String PICTURE_NAMES = String.join(", ", PICTURE_EXTENSIONS);

    /** The hidden-name rule as messages state it. */
    public static final String HIDDEN = "(names starting with '.' are hidden, and those starting with '_' but "
            + "pictures')";

    private InputNames() {}

    /** Whether a file name ends in one of {@link #PICTURE_EXTENSIONS}, ignoring case. */
    public static boolean isPicture(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && PICTURE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether an entry's own name (not its path) is hidden: it starts with '.', or it starts with '_' and is a folder
     * or a file that is not a picture name ({@code _SUCCESS}, {@code _temporary/}): a camera's {@code _MG_0001.JPG}
     * or {@code _DSC0002.JPG} (Canon's and Nikon's names in Adobe RGB) is a picture.
     */
    public static boolean isHidden(String name, boolean folder) {
        return name.startsWith(".") || name.startsWith("_") && (folder || !isPicture(name));
    }

    /** Why the output folder, found inside a walked input folder, is not walked: the reason both front ends give. */
    public static final String OUTPUT_FOLDER = "the output folder: it holds outputs, not inputs (not walked)";

    /**
     * Why an entry found below a named input is not an input, or null when it is: a picture, or a folder to walk.
     *
     * @param relative the entry's path below the named input, '/'-separated (a walk never reaches below a hidden
     *                 folder; a glob's match may have one among its folders)
     * @param folder whether the entry is a folder
     */
    public static String skipReason(String relative, boolean folder) {
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (isHidden(parts[i], folder || i < parts.length - 1)) {
                if (i < parts.length - 1) {
                    return "in the hidden folder " + String.join("/", List.of(parts).subList(0, i + 1)) + " "
                            + HIDDEN + ": name the folder to include its pictures";
                }
                return folder ? "a hidden folder " + HIDDEN + ", not walked: name it to include its pictures"
                        : "a hidden file " + HIDDEN + ": name it to include it";
            }
        }
        return folder || isPicture(parts[parts.length - 1]) ? null : "not a picture name (" + PICTURE_NAMES + ")";
    }

    /** Whether a picture of this name may hold several pictures: TIFF pages, GIF frames. */
    public static boolean mayHoldPages(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".tif") || lower.endsWith(".tiff") || lower.endsWith(".gif");
    }

    /** The name without its last extension ("a/b.c.png" -> "a/b.c"; a leading dot is no extension). */
    public static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return dot > 0 && dot > slash + 1 ? name.substring(0, dot) : name;
    }

    /** Where the hints of an input are in a hints folder: "REL/NAME.EXT" -> "REL/NAME.json". */
    public static String hintsName(String relative) {
        return withoutExtension(relative) + ".json";
    }

    /**
     * The hints file of each input in a hints folder: "REL/NAME.EXT.json", named after the picture's whole name, when
     * the folder holds it, else "REL/NAME.json" when it holds that, which must then be the only picture of that name
     * (a.json beside a.jpg and a.png would be applied to both in silence).
     *
     * @param relatives the inputs' relative names ('/'-separated)
     * @param holds whether the hints folder holds a file of that relative name
     * @param folder the hints folder, for the message
     * @return each input that has a hints file, with that file's relative name, in the inputs' order
     * @throws ColorizerException naming a "REL/NAME.json" that could be the hints of several inputs, and the fix
     */
    public static Map<String, String> hintsFiles(List<String> relatives, Predicate<String> holds, String folder) {
        Map<String, List<String>> byStem = new HashMap<>();
        for (String relative : relatives) {
            byStem.computeIfAbsent(hintsName(relative), k -> new ArrayList<>()).add(relative);
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String relative : relatives) {
            if (holds.test(relative + ".json")) {
                files.put(relative, relative + ".json");
                continue;
            }
            String stem = hintsName(relative);
            if (!holds.test(stem)) {
                continue;
            }
            List<String> sharing = byStem.get(stem).stream().filter(r -> !holds.test(r + ".json")).toList();
            if (sharing.size() > 1) {
                throw new ColorizerException(folder + "/" + stem + ": could be the hints of " + String.join(", ",
                        sharing) + ": name each picture's hints after its whole name, e.g. " + sharing.get(0)
                        + ".json");
            }
            files.put(relative, stem);
        }
        return files;
    }

    /**
     * The reference photograph of each input in a reference folder ({@code --reference DIR} of predict and the Spark
     * job): "REL/NAME.EXT", the picture's own name, when the folder holds it, else the one picture "REL/NAME.*" there
     * (a reference in another format than its picture).
     *
     * @param relatives the inputs' relative names ('/'-separated)
     * @param held the relative names ('/'-separated) of the files in the reference folder, at any depth
     * @param folder the reference folder, for the message
     * @return each input that has a reference, with that file's relative name, in the inputs' order
     * @throws ColorizerException naming a "REL/NAME.*" that matches several pictures, and the fix
     */
    public static Map<String, String> referenceFiles(List<String> relatives, Set<String> held, String folder) {
        Map<String, List<String>> byStem = new HashMap<>(); // "REL/NAME" -> the pictures "REL/NAME.*" held
        for (String name : held) {
            if (isPicture(name)) {
                byStem.computeIfAbsent(withoutExtension(name), k -> new ArrayList<>()).add(name);
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String relative : relatives) {
            if (held.contains(relative)) {
                files.put(relative, relative);
                continue;
            }
            String stem = withoutExtension(relative);
            List<String> matches = byStem.getOrDefault(stem, List.of());
            if (matches.size() > 1) {
                throw new ColorizerException(folder + "/" + stem + ".*: could be the reference of " + relative
                        + " in several files (" + matches.size() + "): name it " + relative);
            }
            if (matches.size() == 1) {
                files.put(relative, matches.get(0));
            }
        }
        return files;
    }

    /**
     * The output name of each input, by the rules above.
     *
     * @param relatives the inputs' relative names ('/'-separated), distinct inputs in plan order
     * @return their output names relative to the output folder, in the same order, all different
     */
    public static List<String> outputNames(List<String> relatives, OutputFormat format) {
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>(relatives.size());
        for (String relative : relatives) {
            String stem = withoutExtension(relative);
            String extension = format.forInput(relative).extension(); // keep: the input's own format
            String name = stem + "." + extension;
            for (int n = 2; !used.add(name); n++) {
                name = stem + "-" + n + "." + extension;
            }
            names.add(name);
        }
        return names;
    }

    /**
     * The error of a job whose inputs hold no picture.
     *
     * @param skipped the entries skipped, "ENTRY: REASON": the first few are named
     */
    public static ColorizerException noPictures(List<?> inputs, List<String> skipped) {
        String seen = skipped.isEmpty() ? "" : " (" + skipped.size() + " entries skipped: "
                + String.join("; ", skipped.subList(0, Math.min(3, skipped.size())))
                + (skipped.size() > 3 ? "; ..." : "") + ")";
        return new ColorizerException("no pictures found in " + inputs + seen + ": pass picture files ("
                + PICTURE_NAMES + ") or folders holding them");
    }
}
