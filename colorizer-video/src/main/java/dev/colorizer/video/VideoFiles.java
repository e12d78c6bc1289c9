package dev.colorizer.video;

import dev.colorizer.ColorizerException;
import dev.colorizer.data.InputNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which files a video command colors and where each output goes: named files as they are, folders walked for video
 * names (hidden entries and the output folder left out). An output's name depends only on its input's own name:
 * {@code OUT/REL/NAME.EXT} when the container is kept, else {@code OUT/REL/NAME.EXT.mp4} (or the chosen format), so
 * that {@code a.webm} and {@code a.mp4} never meet in one name.
 */
public final class VideoFiles {
    /** The extensions a walked folder's videos have. */
    public static final List<String> EXTENSIONS = List.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg",
            "mpeg", "m2v", "ts", "mts", "m2ts", "vob", "3gp", "ogv", "wmv", "flv", "mjpeg", "mjpg");
    /** For messages. */
    public static final String NAMES = String.join(", ", EXTENSIONS);

    private VideoFiles() {}

    /**
     * One video to color.
     *
     * @param relative its path below the named folder ('/'-separated), or its file name when named itself
     */
    public record Job(Path input, String relative, Path outDir) {
        /** Where its output goes when written in {@code format}. */
        public Path output(VideoFormat format) {
            String name = relative.toLowerCase(Locale.ROOT).endsWith("." + format.extension()) ? relative
                    : relative + "." + format.extension();
            return outDir.resolve(name);
        }
    }

    /** Whether a file name is a video's, by its extension. */
    public static boolean isVideo(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The videos of the named inputs, in order (a folder's sorted by name).
     *
     * @throws ColorizerException naming an input that does not exist
     */
    public static List<Job> plan(List<Path> inputs, Path outDir) {
        List<Job> jobs = new ArrayList<>();
        Path outAbs = outDir.toAbsolutePath().normalize();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new ColorizerException(input, "no such file or folder: check the path");
            }
            if (!Files.isDirectory(input)) {
                jobs.add(new Job(input, input.getFileName().toString(), outDir));
                continue;
            }
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbs))
                        .filter(p -> isVideo(p.getFileName().toString()) && !p.getFileName().toString()
                                .startsWith("."))
                        .map(p -> input.relativize(p).toString().replace('\\', '/'))
                        .filter(rel -> InputNames.skipReason(rel.substring(0, rel.lastIndexOf('/') + 1) + "x.png",
                                false) == null) // no hidden folder or file on the way
                        .sorted()
                        .forEach(rel -> jobs.add(new Job(input.resolve(rel), rel, outDir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (UncheckedIOException e) {
                throw new ColorizerException(input, "cannot be walked (" + e.getCause().getMessage() + "): check "
                        + "its permissions");
            }
        }
        return jobs;
    }
}
