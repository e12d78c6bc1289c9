package dev.colorizer.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a folder job wrote into its output folder, so that running the same command again finishes what is missing
 * without redoing what is complete, and never replaces a file it did not write. One JSON line per event in
 * {@code OUT/.colorize-outputs.jsonl}, appended and forced to disk:
 * <ul>
 *   <li>a claim, before an output is written: the path is ours to (re)write from now on;</li>
 *   <li>a done line, after the output was renamed into place complete: the input it came from (size and
 *       modification time), the settings that made it, and the output's own size and modification time.</li>
 * </ul>
 * An output is complete and current when its newest done line matches the input, the settings and the file as it is
 * now (outputs are only ever renamed into place whole, so an existing one is never half written). A line cut short by
 * a kill is ignored. Safe to use from several threads (a run is claimed while the one before it is written).
 */
public final class OutputManifest {
    public static final String FILE = ".colorize-outputs.jsonl";

    /**
     * One line.
     *
     * @param output the output's absolute path
     * @param input the input's absolute path (done lines only)
     * @param inputBytes the input's size when it was read
     * @param inputModified the input's modification time (ms) when it was read
     * @param settings what made the output: model, saturation, upsampling, format, hints
     * @param outputBytes the output's size after the rename
     * @param outputModified the output's modification time (ms) after the rename
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String output, String input, Long inputBytes, Long inputModified, String settings,
                       Long outputBytes, Long outputModified) {
        boolean isDone() {
            return input != null;
        }
    }

    private final Path file;
    private final Set<String> claimed = new HashSet<>();
    private final Map<String, Line> done = new HashMap<>();

    private OutputManifest(Path file) {
        this.file = file;
    }

    /** The manifest of an output folder (empty when there is none yet). */
    public static OutputManifest load(Path outDir) throws IOException {
        OutputManifest manifest = new OutputManifest(outDir.resolve(FILE));
        if (Files.isRegularFile(manifest.file)) {
            for (String text : Files.readAllLines(manifest.file, StandardCharsets.UTF_8)) {
                Line line;
                try {
                    line = Json.MAPPER.readValue(text, Line.class);
                } catch (IOException e) {
                    continue; // a line a kill cut short
                }
                manifest.remember(line);
            }
        }
        return manifest;
    }

    private void remember(Line line) {
        claimed.add(line.output());
        if (line.isDone()) {
            done.put(line.output(), line);
        }
    }

    /** Whether this manifest ever claimed the output: then it may be rewritten. */
    public synchronized boolean owns(Path output) {
        return claimed.contains(key(output));
    }

    /** Whether the output exists, complete, made from this input as it is now with these settings. */
    public synchronized boolean isCurrent(Path output, Path input, String settings) throws IOException {
        Line line = done.get(key(output));
        if (line == null || !Files.isRegularFile(output) || !line.settings().equals(settings)) {
            return false;
        }
        BasicFileAttributes in = Files.readAttributes(input, BasicFileAttributes.class);
        BasicFileAttributes out = Files.readAttributes(output, BasicFileAttributes.class);
        return line.input().equals(key(input)) && line.inputBytes() == in.size()
                && line.inputModified() == in.lastModifiedTime().toMillis()
                && line.outputBytes() == out.size() && line.outputModified() == out.lastModifiedTime().toMillis();
    }

    /** Records that these outputs are about to be written. */
    public synchronized void claim(List<Path> outputs) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path output : outputs) {
            if (!owns(output)) {
                Line line = new Line(key(output), null, null, null, null, null, null);
                text.append(Json.COMPACT.writeValueAsString(line)).append('\n');
                remember(line);
            }
        }
        append(text.toString());
    }

    /** An output now in place, the input it was made from and the settings that made it. */
    public record Made(Path output, Path input, String settings) {}

    /** Records that the output, now in place, was made from the input with these settings. */
    public void done(Path output, Path input, String settings) throws IOException {
        done(List.of(new Made(output, input, settings)));
    }

    /**
     * Records a run of outputs now in place, in one write forced to disk once (not once a picture: on a folder of
     * thousands of small scans each force costs a few milliseconds). A kill before the force loses at most this
     * run's done lines: their outputs are redone by the next run, never trusted half made.
     */
    public synchronized void done(List<Made> made) throws IOException {
        StringBuilder text = new StringBuilder();
        List<Line> lines = new java.util.ArrayList<>(made.size());
        for (Made m : made) {
            BasicFileAttributes in = Files.readAttributes(m.input(), BasicFileAttributes.class);
            BasicFileAttributes out = Files.readAttributes(m.output(), BasicFileAttributes.class);
            Line line = new Line(key(m.output()), key(m.input()), in.size(), in.lastModifiedTime().toMillis(),
                    m.settings(), out.size(), out.lastModifiedTime().toMillis());
            text.append(Json.COMPACT.writeValueAsString(line)).append('\n');
            lines.add(line);
        }
        append(text.toString());
        lines.forEach(this::remember);
    }

    private void append(String text) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
