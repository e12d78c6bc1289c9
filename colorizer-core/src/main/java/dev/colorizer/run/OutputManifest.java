package dev.colorizer.run;

import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.io.AtomicFiles;
import dev.colorizer.io.Json;
import dev.colorizer.io.RealPath;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.colorizer.ColorizerException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a folder job wrote into its output folder, so that running the same command again finishes what is missing
 * without redoing what is complete, and never replaces a file it did not write. One JSON line per event in
 * {@code OUT/.colorize-outputs.jsonl}, appended and forced to disk:
 * <ul>
 *   <li>a claim, before an output is (re)written: the path is ours to write from now on;</li>
 *   <li>a done line, after the output was renamed into place complete: the input it came from (size and
 *       modification time), the settings that made it, and the output's own size and modification time.</li>
 * </ul>
 * The newest line of an output says whose it is: after a claim it is ours (a run was writing it) while no file is
 * there or the file is the one the claim found (our earlier output, recorded in the claim); after a done line
 * it is ours while the file is as we left it (the same size and modification time) or gone; a file changed since, by
 * a person or another program, is theirs and is never replaced. An output is complete and current when its newest
 * line is a done line that matches the input, the settings and the file as it is now (outputs are only ever renamed
 * into place whole, so an existing one is never half written). A line cut short by a kill is ignored.
 *
 * <p>Outputs are recorded by their path inside the output folder, so the same folder reached by another name (a
 * symbolic link, a relative path) is the same record; inputs by their real path. While open, the manifest holds a
 * lock ({@code OUT/.colorize-outputs.lock}), so that one folder job at a time writes into a folder and the temp files
 * it finds of outputs it claimed are a dead run's. Safe to use from several threads (a run is claimed while the one
 * before it is written).
 */
public final class OutputManifest implements Closeable {
    public static final String FILE = ".colorize-outputs.jsonl";
    public static final String LOCK_FILE = ".colorize-outputs.lock";

    /**
     * One line.
     *
     * @param output the output's path inside the output folder ('/'-separated; absolute in files of older versions)
     * @param input the input's real path (done lines only)
     * @param inputBytes the input's size when it was read
     * @param inputModified the input's modification time (ms) when it was read
     * @param settings what made the output: model, saturation, upsampling, format, hints
     * @param outputBytes the output's size after the rename (in a claim: of the file the claim found there, if any)
     * @param outputModified the output's modification time (ms) after the rename (in a claim: as outputBytes)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String output, String input, Long inputBytes, Long inputModified, String settings,
                       Long outputBytes, Long outputModified) {
        boolean isDone() {
            return input != null;
        }
    }

    /** Whose a file at an output's path is. */
    public enum Ownership {
        /** Never claimed here: somebody else's file (or none yet). */
        NOT_OURS,
        /** Written here, then changed by somebody else: theirs now. */
        CHANGED_SINCE,
        /** Ours to (re)write: claimed, or written here and unchanged, or gone. */
        OURS
    }

    private final Path dir;
    private final Path file;
    private final FileChannel lockChannel;
    private final Map<String, Line> newest = new HashMap<>(); // output key -> its newest line

    private OutputManifest(Path dir, FileChannel lockChannel) {
        this.dir = RealPath.named(dir);
        this.file = this.dir.resolve(FILE);
        this.lockChannel = lockChannel;
    }

    /**
     * Opens the manifest of an output folder (empty when there is none yet), creating the folder, and locks it until
     * {@link #close}.
     *
     * @throws ColorizerException if another folder job holds the folder
     */
    public static OutputManifest open(Path outDir) throws IOException {
        FileChannel lock;
        try {
            Files.createDirectories(outDir);
            lock = FileChannel.open(outDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (java.nio.file.AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
            throw new ColorizerException(outDir, Message.of("cannot write into this folder (permission denied, or a "
                    + "read-only file system): choose a writable ", Setting.OUT), e);
        } catch (java.nio.file.FileSystemException e) {
            throw new ColorizerException(outDir, Message.of("cannot write into this folder ("
                    + e.getClass().getSimpleName() + (e.getReason() == null ? "" : ": " + e.getReason())
                    + "): choose a writable ", Setting.OUT), e);
        }
        try {
            java.nio.channels.FileLock held;
            try {
                held = lock.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                held = null; // held by this process already (a second job of the same server or test)
            }
            if (held == null) {
                throw new ColorizerException(outDir, Message.of("another colorize predict is writing into this folder: "
                        + "let it finish, or choose another ", Setting.OUT));
            }
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        OutputManifest manifest = new OutputManifest(outDir, lock);
        manifest.read(outDir);
        return manifest;
    }

    private void read(Path outDir) throws IOException {
        if (Files.isRegularFile(file)) {
            Path realDir = outDir.toRealPath();
            // decoded leniently: a line cut in the middle of a character is one more line to skip, not an error
            String all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            for (String text : all.split("\n")) {
                Line line;
                try {
                    line = Json.MAPPER.readValue(text, Line.class);
                } catch (IOException e) {
                    continue; // a line a kill cut short
                }
                remember(inFolder(line, realDir));
            }
        }
    }

    /**
     * The outputs that the ledger of a folder records as made from each input (their newest line a done line), by
     * their names inside the folder ('/'-separated), read before the folder is opened: what a plan keeps of the names
     * an earlier release gave ({@code FolderPlan.of} with {@code recorded}). None where the folder has no ledger.
     *
     * @return the outputs made from an input, for an input by any name (its real path is looked up)
     */
    public static java.util.function.Function<Path, List<String>> recordedOutputs(Path outDir) {
        Map<String, List<String>> byInput = new HashMap<>();
        if (Files.isDirectory(outDir)) {
            OutputManifest manifest = new OutputManifest(outDir, null);
            try {
                manifest.read(outDir);
            } catch (IOException e) {
                return input -> List.of(); // unreadable: open says so, named, before anything is written
            }
            manifest.newest.values().stream().filter(Line::isDone).forEach(line -> byInput.computeIfAbsent(
                    line.input(), k -> new java.util.ArrayList<>()).add(line.output()));
        }
        return input -> {
            List<String> made = new java.util.ArrayList<>(byInput.getOrDefault(absolute(input), List.of()));
            try {
                String real = inputKey(input);
                if (!real.equals(absolute(input))) {
                    made.addAll(byInput.getOrDefault(real, List.of()));
                }
            } catch (IOException e) {
                // gone since it was found: read, and reported, as such
            }
            return made;
        };
    }

    // a line of an older version, which recorded outputs by their absolute path, keyed as this version keys them
    private Line inFolder(Line line, Path realDir) {
        Path output = Path.of(line.output());
        if (!output.isAbsolute()) {
            return line;
        }
        Path inside = output.startsWith(dir) ? dir.relativize(output)
                : output.startsWith(realDir) ? realDir.relativize(output) : null;
        return inside == null ? line : new Line(slashed(inside), line.input(), line.inputBytes(),
                line.inputModified(), line.settings(), line.outputBytes(), line.outputModified());
    }

    private void remember(Line line) {
        newest.put(line.output(), line);
    }

    /** Whose the file at this output's path is (see the class comment). */
    public synchronized Ownership ownership(Path output) throws IOException {
        Line line = newest.get(key(output));
        if (line == null) {
            return Ownership.NOT_OURS;
        }
        if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            return Ownership.OURS;
        }
        boolean asRecorded = isAsRecorded(output, line);
        if (!line.isDone()) { // claimed: ours only as the file was when claimed (none, or our earlier output)
            return asRecorded ? Ownership.OURS : Ownership.NOT_OURS;
        }
        return asRecorded ? Ownership.OURS : Ownership.CHANGED_SINCE;
    }

    // whether the file is the one the line recorded: a regular file of that size and modification time
    private static boolean isAsRecorded(Path output, Line line) throws IOException {
        BasicFileAttributes now = Files.readAttributes(output, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return now.isRegularFile() && line.outputBytes() != null && line.outputBytes() == now.size()
                && line.outputModified() == now.lastModifiedTime().toMillis();
    }

    /** Whether the output is ours to (re)write: {@link #ownership} is {@link Ownership#OURS}. */
    public boolean owns(Path output) throws IOException {
        return ownership(output) == Ownership.OURS;
    }

    /** Whether this manifest claimed an output of this file name in {@code folder} (its temp files are ours). */
    public synchronized boolean claimed(Path folder, String fileName) {
        return newest.containsKey(key(folder.resolve(fileName)));
    }

    /**
     * Deletes the temp files a killed run left beside the outputs it was writing: those of outputs this manifest
     * claimed, whichever command claimed them. The manifest's lock says no other run is writing into the folder.
     */
    public void removeStaleTemps() throws IOException {
        for (Path folder : outputFolders()) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    if (AtomicFiles.targetOfTemp(f.getFileName().toString())
                            .filter(target -> claimed(folder, target)).isPresent()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** The folders, inside the output folder, of every output this manifest holds, as they are named now. */
    public synchronized Set<Path> outputFolders() {
        Set<Path> folders = new TreeSet<>();
        for (String output : newest.keySet()) {
            Path parent = dir.resolve(output).normalize().getParent();
            if (parent != null && parent.startsWith(dir)) {
                folders.add(parent);
            }
        }
        return folders;
    }

    /** Whether the output exists, complete, made from this input as it is now with these settings. */
    public synchronized boolean isCurrent(Path output, Path input, String settings) throws IOException {
        Line line = newest.get(key(output));
        if (line == null || !line.isDone() || !Files.isRegularFile(output)) {
            return false;
        }
        BasicFileAttributes out = Files.readAttributes(output, BasicFileAttributes.class);
        return (line.input().equals(inputKey(input)) || line.input().equals(absolute(input)))
                && new MadeWith(line.settings(), line.inputBytes(), line.inputModified()).isCurrent(settings,
                InputStamp.of(input)) // and the output as this job left it
                && line.outputBytes() == out.size() && line.outputModified() == out.lastModifiedTime().toMillis();
    }

    /**
     * The input that the output in place was made from, when it was another than {@code input} (two inputs of one
     * name colorized into one folder by different commands), else null.
     */
    public synchronized String madeFromAnother(Path output, Path input) throws IOException {
        Line line = newest.get(key(output));
        if (line == null || !line.isDone() || !Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return line.input().equals(inputKey(input)) || line.input().equals(absolute(input)) ? null : line.input();
    }

    /** Records that these outputs are about to be written: each is ours until its done line (a kill in between). */
    public synchronized void claim(List<Path> outputs) throws IOException {
        StringBuilder text = new StringBuilder();
        List<Line> lines = new java.util.ArrayList<>(outputs.size());
        for (Path output : outputs) {
            Line line = newest.get(key(output));
            if (line == null || line.isDone()) {
                // the file it may replace (our earlier output) recorded as it is: any other file there is not ours
                BasicFileAttributes before = Files.exists(output, LinkOption.NOFOLLOW_LINKS) ? Files.readAttributes(
                        output, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS) : null;
                Line claim = new Line(key(output), null, null, null, null, before == null ? null : before.size(),
                        before == null ? null : before.lastModifiedTime().toMillis());
                text.append(Json.COMPACT.writeValueAsString(claim)).append('\n');
                lines.add(claim);
            }
        }
        append(text.toString(), true);
        lines.forEach(this::remember);
    }

    /**
     * An output now in place, the input it was made from and the settings that made it.
     *
     * @param inputAsRead the input's size and time taken before it was read (null: taken now): an input replaced
     *                    while the run read it is then recorded as the older one, and redone by the next run
     */
    public record Made(Path output, Path input, String settings, InputStamp inputAsRead) {
        /** An output made from the input as it is now. */
        public Made(Path output, Path input, String settings) {
            this(output, input, settings, null);
        }
    }

    /** A file's size and modification time (ms): what tells a later run that an input changed. */
    public record InputStamp(long bytes, long modified) {
        public static InputStamp of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new InputStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
        }
    }

    /** Records that the output, now in place, was made from the input with these settings. */
    public void done(Path output, Path input, String settings) throws IOException {
        done(List.of(new Made(output, input, settings)));
    }

    /** Records outputs now in place, forced to disk. */
    public void done(List<Made> made) throws IOException {
        done(made, true);
    }

    /**
     * Records outputs now in place. A folder job records each output as soon as it is renamed into place, unforced
     * (on a folder of thousands of small scans a force a picture costs seconds), and forces the lot once a run
     * ({@link #force}): a kill leaves no output of ours without its done line (the line is in the system's hands
     * before the kill), so a file at a claimed output that the claim did not find is somebody else's. A power cut
     * before the force may lose lines: those outputs are then not trusted, and not replaced (named as not ours).
     */
    public synchronized void done(List<Made> made, boolean force) throws IOException {
        StringBuilder text = new StringBuilder();
        List<Line> lines = new java.util.ArrayList<>(made.size());
        for (Made m : made) {
            InputStamp in = m.inputAsRead() != null ? m.inputAsRead() : InputStamp.of(m.input());
            BasicFileAttributes out = Files.readAttributes(m.output(), BasicFileAttributes.class);
            Line line = new Line(key(m.output()), inputKey(m.input()), in.bytes(), in.modified(),
                    m.settings(), out.size(), out.lastModifiedTime().toMillis());
            text.append(Json.COMPACT.writeValueAsString(line)).append('\n');
            lines.add(line);
        }
        append(text.toString(), force);
        lines.forEach(this::remember);
    }

    /**
     * Forces every line recorded so far to disk.
     *
     * @throws ColorizerException naming the ledger and the fix when it cannot be written (a full disk)
     */
    public synchronized void force() {
        try {
            if (Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        } catch (IOException e) {
            throw unrecorded(e);
        }
    }

    // one or more whole lines, after a line a kill or a full disk cut short (which stays unread) if there is one
    private void append(String text, boolean force) {
        if (text.isEmpty()) {
            return;
        }
        try {
            String whole = endsInCutLine() ? "\n" + text : text;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(whole.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (force) {
                    channel.force(true);
                }
            }
        } catch (IOException e) {
            throw unrecorded(e);
        }
    }

    private boolean endsInCutLine() throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) != '\n';
        }
    }

    // the ledger cannot be written: the outputs it would record are kept, but not trusted by a later run
    private ColorizerException unrecorded(IOException e) {
        return new ColorizerException(file, "cannot record the outputs in this folder's ledger (" + e.getMessage()
                + "): free disk space or make the folder writable, then run the same command again (the pictures "
                + "not recorded are kept, named, and not replaced)", e);
    }

    /** Releases the folder's lock. */
    @Override
    public void close() throws IOException {
        lockChannel.close();
    }

    // an output's path inside the output folder; one outside it (never planned so) by its absolute path
    private String key(Path output) {
        Path abs = RealPath.named(output);
        return abs.startsWith(dir) ? slashed(dir.relativize(abs)) : abs.toString();
    }

    private static String slashed(Path relative) {
        List<String> parts = new java.util.ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static String inputKey(Path input) throws IOException {
        return input.toRealPath().toString();
    }

    // how older versions recorded inputs: their absolute path, symbolic links left as named
    private static String absolute(Path input) {
        return input.toAbsolutePath().normalize().toString();
    }
}
