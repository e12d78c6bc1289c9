package dev.colorizer.data;

import dev.colorizer.ColorizerException;
import java.util.ArrayList;
import java.util.HashMap;
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
 *   <li>An output's name depends on its input's own name alone ({@link #outputName}), so it never shifts when other
 *       pictures come or go: an input already in the output format keeps its relative name ({@code a.png} with PNG
 *       output, {@code a.jpg} or {@code a.JPEG} with JPEG); any other gets the format's extension appended to its
 *       whole name ({@code a.jpg -> a.jpg.png}, {@code scan.tif -> scan.tif.png}), as {@code colorize video} names
 *       its films. The one clash left ({@code a.jpg} beside {@code a.jpg.png}, both {@code a.jpg.png}; or one name in
 *       two named inputs) is decided by the names ({@link #outputNames}): the input that keeps its own name wins, the
 *       other is refused, naming the fix.
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
     * The output name of an input by its own name alone: its relative name when that already ends in the output
     * format's extension (ignoring case: {@code a.png}, {@code a.JPEG} with JPEG, {@code a.tiff} with TIFF), else its
     * relative name with the format's extension appended ({@code a.jpg -> a.jpg.png}). With {@link OutputFormat#KEEP}
     * a JPEG, PNG or TIFF input keeps its name, any other gets {@code .png}.
     */
    public static String outputName(String relative, OutputFormat format) {
        OutputFormat concrete = format.forInput(relative);
        return concrete == formatOfExtension(relative) ? relative : relative + "." + concrete.extension();
    }

    // the writable format a name's extension names (png; jpg, jpeg; tif, tiff; ignoring case), else null
    private static OutputFormat formatOfExtension(String name) {
        String stem = withoutExtension(name);
        if (stem.length() == name.length()) {
            return null;
        }
        return switch (name.substring(stem.length() + 1).toLowerCase(Locale.ROOT)) {
            case "png" -> OutputFormat.PNG;
            case "jpg", "jpeg" -> OutputFormat.JPEG;
            case "tif", "tiff" -> OutputFormat.TIFF;
            default -> null;
        };
    }

    /**
     * Whether {@code name} is one an earlier release could have given the output of {@code relative}: in its folder,
     * its stem with the format's extension, or with "-N" after the stem (that release's NAME-2 on a clash):
     * {@code a.jpg -> a.png, a-2.png}. Such a name, recorded as made from that very input in the output folder's
     * ledger, is kept by a re-run ({@link Claim#recorded}), so that it neither writes a second copy under the
     * name of {@link #outputName} nor redoes a folder colored before.
     */
    public static boolean isEarlierName(String relative, String name, OutputFormat format) {
        String stem = withoutExtension(relative);
        String suffix = "." + format.forInput(relative).extension();
        if (!name.startsWith(stem) || !name.endsWith(suffix) || name.length() < stem.length() + suffix.length()) {
            return false;
        }
        String between = name.substring(stem.length(), name.length() - suffix.length());
        return between.isEmpty() || between.matches("-[1-9][0-9]*");
    }

    /**
     * An input's claim on an output name.
     *
     * @param relative the input's relative name ('/'-separated)
     * @param derived whether that name is not the file's own but made for it: a page of a multi-page file planned
     *                page by page ({@code scan-page2.tif})
     * @param recorded the output name an earlier release gave it in this output folder ({@link #isEarlierName}),
     *                 recorded there as made from this input and still there: kept instead of the rule's; or null
     */
    public record Claim(String relative, boolean derived, String recorded) {
        /** A file's claim, by the rule alone. */
        public Claim(String relative) {
            this(relative, false, null);
        }

        String wanted(OutputFormat format) {
            return recorded != null ? recorded : outputName(relative, format);
        }

        // who wins a name several want, the lowest first: a name in use, a name kept as it is, a file's, a page's
        int rank(OutputFormat format) {
            return recorded != null ? 0 : derived ? 3 : outputName(relative, format).equals(relative) ? 1 : 2;
        }
    }

    /**
     * An input's output.
     *
     * @param name its name relative to the output folder ('/'-separated), or null when refused
     * @param refusal why it has none, a phrase naming the fix, or null
     */
    public record Output(String name, String refusal) {}

    /**
     * The output of each input: the name {@link #outputName} gives it (or the one recorded, {@link Claim#recorded}).
     * A name several inputs want is decided by the names alone, never by which other pictures are there: a name
     * already in use (recorded) first, then the input whose own name it is ({@code a.jpg.png} over {@code a.jpg}),
     * then a file's over a page's ({@code scan-page2.tif} over page 2 of {@code scan.tif}), then, between inputs of
     * one relative name under two named inputs, the one named first; each other input is refused, as is one whose
     * output's file name would be longer than {@link #MAX_NAME_BYTES} (found here, before any picture is colored).
     *
     * @param claims the inputs in plan order
     * @return their outputs, in the same order; the names given all differ
     */
    public static List<Output> outputNames(List<Claim> claims, OutputFormat format) {
        Map<String, Claim> winners = new HashMap<>();
        for (Claim claim : claims) {
            winners.merge(claim.wanted(format), claim, (kept, other) -> other.rank(format) < kept.rank(format)
                    ? other : kept);
        }
        List<Output> outputs = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            String name = claim.wanted(format);
            Claim winner = winners.get(name);
            String tooLong = nameTooLong(name, "picture");
            if (winner == claim && tooLong != null) {
                outputs.add(new Output(null, tooLong));
                continue;
            }
            outputs.add(winner == claim ? new Output(name, null) : new Output(null, "its output " + name
                    + " is also " + winner.relative() + "'s, " + (winner.relative().equals(claim.relative())
                            && winner.derived() == claim.derived()
                            ? "found in an input named before: color them into two output folders, or rename one"
                            : switch (winner.rank(format)) {
                                case 0 -> "colored there by an earlier release, which named outputs by their stem "
                                        + "(recorded in the folder's ledger): rename this picture, or move that "
                                        + "output away";
                                case 1 -> "which keeps its own name: rename this picture to colorize it";
                                default -> "a file's own name: rename that file to colorize this page";
                            })));
        }
        return outputs;
    }

    /** The most bytes a file name may have on the file systems colorize writes to (Linux, HDFS, object stores). */
    public static final int MAX_NAME_BYTES = 255;

    /**
     * Why an output of this relative name cannot be written, when its file name (its last part) is longer than
     * {@link #MAX_NAME_BYTES} in UTF-8, a phrase naming the fix; else null.
     *
     * @param input what the input is called in the fix: "picture", "video"
     */
    public static String nameTooLong(String output, String input) {
        int bytes = output.substring(output.lastIndexOf('/') + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length;
        int over = bytes - MAX_NAME_BYTES;
        return over <= 0 ? null : "its output's file name would be " + bytes + " bytes, over the " + MAX_NAME_BYTES
                + " a file name may have: rename the " + input + ", " + over + (over == 1 ? " byte" : " bytes")
                + " shorter at least";
    }

    /** The output names of inputs by the rule alone, those refused null ({@link #outputNames(List, OutputFormat)}). */
    public static List<String> names(List<String> relatives, OutputFormat format) {
        return outputNames(relatives.stream().map(Claim::new).toList(), format).stream().map(Output::name).toList();
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
