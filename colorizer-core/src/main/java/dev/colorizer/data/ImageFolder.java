package dev.colorizer.data;

import dev.colorizer.ColorizerException;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset folder, scanned: which layout it has, its image pairs in natural name order, and what was skipped.
 * Only names are looked at here; images are decoded later (by {@link SampleCache}), where unreadable ones are reported.
 *
 * @param dir      the folder given to {@link #scan}
 * @param layout   how the folder is organised
 * @param pairs    color/gray pairs sorted by {@link #NATURAL_ORDER} of their names; never empty
 * @param problems one line per skipped file, saying why and what to do
 */
public record ImageFolder(Path dir, Layout layout, List<ImagePair> pairs, List<String> problems) {
    /** The folder layouts {@link #scan} recognises. */
    public enum Layout {
        /** DIR/color/NAME + DIR/gray/NAME, the original project's dataset folder. */
        PAIRED,
        /** DIR/landscape Images/color + DIR/landscape Images/gray, the Kaggle download unpacked. */
        KAGGLE,
        /** Color images only, in DIR/color or anywhere under DIR; the gray inputs are derived from them. */
        COLOR_ONLY
    }

    /** The Kaggle dataset's top folder. */
    public static final String KAGGLE_FOLDER = "landscape Images";

    /**
     * Natural order: digit runs compare as numbers ("2.jpg" before "10.jpg"), other characters ignoring case; ties
     * are broken by plain string order, so the order is total and consistent with equals.
     */
    public static final Comparator<String> NATURAL_ORDER = ImageFolder::compareNatural;

    private static final String EXPECTED =
        "expected DIR/color + DIR/gray, DIR/" + KAGGLE_FOLDER + "/color + gray, or color images in DIR";

    public ImageFolder {
        pairs = List.copyOf(pairs);
        problems = List.copyOf(problems);
    }

    /**
     * Scans {@code dir}: PAIRED if it has color/ and gray/ folders, else KAGGLE if it has "landscape Images/color"
     * and "landscape Images/gray", else COLOR_ONLY with the images in DIR/color or, without it, anywhere under DIR.
     * Pairs match by path relative to the color and gray folders (subfolders included); a file on one side only is a
     * problem, not an error. Hidden files and folders, names that are not pictures ({@link InputNames}) and entries
     * that are not regular files are skipped, each a problem line that names it.
     *
     * @throws ColorizerException if dir is not a folder, holds no images, or no pair is complete
     */
    public static ImageFolder scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? "not a folder" : "no such folder";
            throw new ColorizerException(dir, what + ": give the dataset folder; " + EXPECTED);
        }
        Path color = dir.resolve("color");
        Path gray = dir.resolve("gray");
        Path kaggle = dir.resolve(KAGGLE_FOLDER);
        if (Files.isDirectory(color) && Files.isDirectory(gray)) {
            return paired(dir, Layout.PAIRED, color, gray);
        }
        if (Files.isDirectory(kaggle.resolve("color")) && Files.isDirectory(kaggle.resolve("gray"))) {
            return paired(dir, Layout.KAGGLE, kaggle.resolve("color"), kaggle.resolve("gray"));
        }
        if (Files.isDirectory(gray)) {
            throw new ColorizerException(dir, "has gray/ but no color/: add the color images as DIR/color; "
                + EXPECTED);
        }
        Path root = Files.isDirectory(color) ? color : dir;
        List<String> problems = new ArrayList<>();
        Map<String, Path> images = listImages(dir, root, problems);
        if (images.isEmpty()) {
            throw noImages(dir);
        }
        List<ImagePair> pairs = new ArrayList<>();
        images.forEach((name, file) -> pairs.add(new ImagePair(name, file, null)));
        return new ImageFolder(dir, Layout.COLOR_ONLY, pairs, problems);
    }

    private static ImageFolder paired(Path dir, Layout layout, Path color, Path gray) {
        List<String> problems = new ArrayList<>();
        Map<String, Path> colors = listImages(dir, color, problems);
        Map<String, Path> grays = listImages(dir, gray, problems);
        if (colors.isEmpty() && grays.isEmpty()) {
            throw noImages(dir);
        }
        List<ImagePair> pairs = new ArrayList<>();
        colors.forEach((name, file) -> {
            Path g = grays.get(name);
            if (g == null) {
                problems.add(relative(dir, gray.resolve(name)) + " missing for " + relative(dir, file)
                    + ": the pair is skipped; add the gray file or remove the color one");
            } else {
                pairs.add(new ImagePair(name, file, g));
            }
        });
        grays.forEach((name, file) -> {
            if (!colors.containsKey(name)) {
                problems.add(relative(dir, color.resolve(name)) + " missing for " + relative(dir, file)
                    + ": the gray file is ignored; add the color file or remove the gray one");
            }
        });
        if (pairs.isEmpty()) {
            throw new ColorizerException(dir, "no complete pair: no file name is in both " + relative(dir, color)
                + " and " + relative(dir, gray) + "; give each color image a gray image of the same file name");
        }
        return new ImageFolder(dir, layout, pairs, problems);
    }

    // image files under root by '/'-separated relative name, in natural order; unreadable folders become problems
    private static Map<String, Path> listImages(Path dir, Path root, List<String> problems) {
        Map<String, Path> images = new TreeMap<>(NATURAL_ORDER);
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        if (!d.equals(root) && InputNames.isHidden(d.getFileName().toString(), true)) {
                            problems.add(relative(dir, d) + " is a hidden folder " + InputNames.HIDDEN
                                + ": it is not read; rename it to train on its pictures");
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        String name = file.getFileName().toString();
                        if (InputNames.isHidden(name, false)) {
                            problems.add(relative(dir, file) + " is hidden " + InputNames.HIDDEN
                                + ": it is skipped; rename it to train on it");
                        } else if (!InputNames.isPicture(name)) {
                            problems.add(relative(dir, file) + " is not a picture name (" + InputNames.PICTURE_NAMES
                                + "): it is skipped");
                        } else if (!attrs.isRegularFile()) {
                            problems.add(relative(dir, file) + " is not a regular file (a link to nothing, a FIFO "
                                + "or a device): it is skipped");
                        } else {
                            images.put(relative(root, file), file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        // an unreadable subfolder or a symbolic-link loop: skip it, say so
                        problems.add(relative(dir, file) + " cannot be read (" + e.getClass().getSimpleName()
                            + "): it is skipped; check its permissions or links");
                        return FileVisitResult.CONTINUE;
                    }
                });
        } catch (IOException e) {
            throw new ColorizerException(root, "cannot list the folder (" + e.getMessage()
                + "): check its permissions", e);
        }
        return images;
    }

    private static ColorizerException noImages(Path dir) {
        return new ColorizerException(dir, "no images found (" + InputNames.PICTURE_NAMES + "); "
            + EXPECTED);
    }

    private static String relative(Path base, Path p) {
        List<String> parts = new ArrayList<>();
        base.relativize(p).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ea = digitsEnd(a, i);
                int eb = digitsEnd(b, j);
                // leading zeros do not count; then the longer run is the larger number, else compare digit by digit
                int sa = skipZeros(a, i, ea);
                int sb = skipZeros(b, j, eb);
                int c = Integer.compare(ea - sa, eb - sb);
                for (int k = 0; c == 0 && k < ea - sa; k++) {
                    c = Character.compare(a.charAt(sa + k), b.charAt(sb + k));
                }
                if (c != 0) {
                    return c;
                }
                i = ea;
                j = eb;
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int e = from;
        while (e < s.length() && isDigit(s.charAt(e))) {
            e++;
        }
        return e;
    }

    private static int skipZeros(String s, int from, int end) {
        int k = from;
        while (k < end - 1 && s.charAt(k) == '0') {
            k++;
        }
        return k;
    }
}
