package dev.colorizer.data;

import dev.colorizer.ColorizerException;
import dev.colorizer.color.Luma;
import dev.colorizer.io.AtomicFiles;
import dev.colorizer.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoded training samples at working size S x S, in one file on disk, so that images are decoded and resized once
 * and never again per epoch. Reads are positional {@link FileChannel} reads served from the OS page cache: heap use
 * is what the caller's buffers hold (a batch), not the dataset.
 *
 * <p>File {@code <cacheDir>/samples-<S>-<key>.bin}, where key is 16 hex digits of a SHA-256 over the format
 * version, S and every pair's (name, absolute path, byte size, mtime) of color and gray file, so any change to the
 * list or to a file gives a new name and a rebuild. Layout:
 * <pre>
 *   record i at offset i * 4*S*S:  R plane, G plane, B plane (3*S*S bytes, row-major, 0..255 unsigned), gray plane (S*S)
 *   then a UTF-8 JSON index {"format":1,"size":S,"names":[...],"problems":[{"file":...,"message":...}]}
 *   then its byte length (int32, big-endian) and the 8 ASCII bytes "CLZSMPv1"
 * </pre>
 * Each image is cut to its central square (the whole of a square picture, as all of the original project's) and
 * resized with {@link Resize#resize}: cropped, not squashed, so that shapes keep their proportions (a squashed face
 * or tree is not what the model meets at prediction), and not padded, so that no made-up border is learnt and no
 * compute is spent on it; what is lost is the ends of the long side. The
 * gray plane is the luma Y = round(0.299 R + 0.587 G + 0.114 B) (OpenCV's BGR2GRAY weights, which made the Kaggle gray
 * files) of the resized gray file when the pair has one, else of the resized color image, so a derived gray plane is
 * exactly the luma of the cached RGB.
 */
public final class SampleCache implements AutoCloseable {
    /** Build progress: {@code done} of {@code total} images decoded (a reused cache reports total of total once). */
    public record Progress(int done, int total) {
    }

    /**
     * An image that was skipped.
     *
     * @param file    the unreadable file (the color or the gray one)
     * @param message the one-line message of its {@link ColorizerException}, naming the file and the fix
     */
    public record Problem(Path file, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SampleCache.class);
    private static final int FORMAT = 2; // 2: central square crop (1 squashed)
    private static final byte[] MAGIC = "CLZSMPv1".getBytes(StandardCharsets.US_ASCII);
    private static final int FOOTER = Integer.BYTES + MAGIC.length;
    // 4 * S * S must fit an int (one record is one read)
    private static final int MAX_SIZE = 23_170;

    // the JSON index at the end of the file
    private record Index(int format, int size, List<String> names, List<StoredProblem> problems) {
    }

    private record StoredProblem(String file, String message) {
    }

    private final Path file;
    private final int size;
    private final List<String> names;
    private final List<Problem> problems;
    private final boolean reused;
    private volatile FileChannel channel;
    private boolean closed; // guarded by this

    private SampleCache(Path file, Index index, boolean reused, FileChannel channel) {
        this.file = file;
        this.size = index.size();
        this.names = List.copyOf(index.names());
        this.problems = index.problems().stream().map(p -> new Problem(Path.of(p.file()), p.message())).toList();
        this.reused = reused;
        this.channel = channel;
    }

    /**
     * Opens the cache for these pairs at working size {@code size}, reusing a matching complete cache file in
     * {@code cacheDir} or else building it: decoding in parallel on {@code availableProcessors()} threads, writing to a
     * temp file renamed into place at the end. Images that cannot be decoded are skipped and listed in
     * {@link #problems()}; the others keep the pairs' order. {@code progress} is called on this thread.
     *
     * @throws ColorizerException    if the cache folder or file cannot be written or read
     * @throws CancellationException if this thread is interrupted while building (the flag stays set)
     */
    public static SampleCache open(List<ImagePair> pairs, int size, Path cacheDir, Consumer<Progress> progress) {
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(progress, "progress (use p -> { } for none)");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("working size must be in 1.." + MAX_SIZE + ", got " + size);
        }
        Path file = cacheDir.toAbsolutePath().resolve("samples-" + size + "-" + key(pairs, size) + ".bin");
        if (Files.isRegularFile(file)) {
            SampleCache cache = tryReuse(file, size);
            if (cache != null) {
                LOG.info("reusing sample cache {} ({} images)", file, cache.count());
                progress.accept(new Progress(pairs.size(), pairs.size()));
                return cache;
            }
            LOG.warn("sample cache {} is incomplete or unreadable; rebuilding it", file);
        }
        LOG.info("building sample cache {} for {} images at {}x{}", file, pairs.size(), size, size);
        try {
            Index[] built = new Index[1];
            AtomicFiles.writeFile(file, AtomicFiles.Durability.RENAMED, temp -> built[0] = build(temp, pairs, size, progress));
            return new SampleCache(file, built[0], false, FileChannel.open(file, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new ColorizerException(file, "cannot write the sample cache (" + e.getMessage()
                + "): free disk space or choose a writable cache folder", e);
        }
    }

    /** Number of cached samples (pairs minus skipped ones). */
    public int count() {
        return names.size();
    }

    /** The working size S: samples are S x S. */
    public int size() {
        return size;
    }

    /** The samples' pair names, by index. */
    public List<String> names() {
        return names;
    }

    /** The images skipped when the cache was built, in pair order (stored with the cache, so also on reuse). */
    public List<Problem> problems() {
        return problems;
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /** Whether an existing cache file was reused, i.e. nothing was decoded. */
    public boolean reused() {
        return reused;
    }

    /** Reads sample {@code index}'s RGB into {@code dst} (length 3*S*S): planar R, G, B, row-major, 0..255 unsigned. */
    public void readRgb(int index, byte[] dst) {
        read(index, 0, dst, 3 * size * size);
    }

    /** Reads sample {@code index}'s gray plane into {@code dst} (length S*S), row-major, 0..255 unsigned. */
    public void readGray(int index, byte[] dst) {
        read(index, 3 * size * size, dst, size * size);
    }

    /** Closes the file; reads afterwards throw IllegalStateException. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}", file, e);
        }
    }

    private void read(int index, int offset, byte[] dst, int length) {
        Objects.checkIndex(index, names.size());
        if (dst.length != length) {
            throw new IllegalArgumentException("buffer has " + dst.length + " bytes, expected " + length);
        }
        long pos = (long) index * 4 * size * size + offset;
        while (true) {
            FileChannel ch = channel;
            ByteBuffer buf = ByteBuffer.wrap(dst);
            try {
                while (buf.hasRemaining()) {
                    if (ch.read(buf, pos + buf.position()) < 0) {
                        throw new IOException("unexpected end of file");
                    }
                }
                return;
            } catch (ClosedByInterruptException e) {
                // this thread was interrupted: NIO closed the channel for every reader, so open it again for them
                reopen(ch);
                throw new CancellationException("sample read interrupted");
            } catch (AsynchronousCloseException e) {
                reopen(ch); // another reader was interrupted (or close() was called, then reopen throws): retry
            } catch (IOException e) {
                if (!ch.isOpen()) {
                    reopen(ch);
                    continue;
                }
                throw new ColorizerException(file, "cannot read the sample cache (" + e.getMessage()
                    + "): delete the file so that it is rebuilt", e);
            }
        }
    }

    private synchronized void reopen(FileChannel stale) {
        if (closed) {
            throw new IllegalStateException("sample cache is closed: " + file);
        }
        if (channel == stale) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new ColorizerException(file, "cannot reopen the sample cache (" + e.getMessage()
                    + "): check that the file is still there", e);
            }
        }
    }

    // the cache at file if complete and for this size, else null
    private static SampleCache tryReuse(Path file, int size) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            long length = ch.size();
            if (length >= FOOTER) {
                ByteBuffer footer = ByteBuffer.allocate(FOOTER);
                readFully(ch, footer, length - FOOTER);
                int jsonLength = footer.getInt(0);
                byte[] magic = Arrays.copyOfRange(footer.array(), Integer.BYTES, FOOTER);
                if (Arrays.equals(magic, MAGIC) && jsonLength >= 0 && jsonLength <= length - FOOTER) {
                    ByteBuffer json = ByteBuffer.allocate(jsonLength);
                    readFully(ch, json, length - FOOTER - jsonLength);
                    Index index = Json.MAPPER.readValue(json.array(), Index.class);
                    long records = length - FOOTER - jsonLength;
                    if (index.format() == FORMAT && index.size() == size
                        && records == (long) index.names().size() * 4 * size * size) {
                        return new SampleCache(file, index, true, ch);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot reuse {}", file, e);
        }
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing {}", file, e);
            }
        }
        return null;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    // decodes in parallel, writes the records in pair order, then the index; at most 2 * threads samples in memory
    private static Index build(Path temp, List<ImagePair> pairs, int size, Consumer<Progress> progress)
        throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger thread = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sample-cache-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<String> names = new ArrayList<>();
        List<StoredProblem> problems = new ArrayList<>();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
            int submitted = 0;
            for (int i = 0; i < pairs.size(); i++) {
                while (submitted < pairs.size() && submitted - i < 2 * threads) {
                    ImagePair pair = pairs.get(submitted++);
                    inFlight.add(pool.submit(() -> sample(pair, size)));
                }
                try {
                    ByteBuffer record = ByteBuffer.wrap(inFlight.removeFirst().get());
                    while (record.hasRemaining()) {
                        out.write(record);
                    }
                    names.add(pairs.get(i).name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ColorizerException bad)) {
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        throw (RuntimeException) e.getCause(); // sample() throws no checked exception
                    }
                    Path badFile = bad.file() != null ? bad.file() : pairs.get(i).color();
                    problems.add(new StoredProblem(badFile.toString(), bad.getMessage()));
                    LOG.warn("skipped: {}", bad.getMessage());
                }
                progress.accept(new Progress(i + 1, pairs.size()));
            }
            byte[] json = Json.COMPACT.writeValueAsBytes(new Index(FORMAT, size, names, problems));
            ByteBuffer tail = ByteBuffer.allocate(json.length + FOOTER);
            tail.put(json).putInt(json.length).put(MAGIC).flip();
            while (tail.hasRemaining()) {
                out.write(tail);
            }
            out.force(false);
            return new Index(FORMAT, size, names, problems);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("sample cache build interrupted");
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    // lets running decodes finish so that no thread still reads files after open() returns or throws
    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // one record: R, G, B planes then the gray plane, each S*S bytes
    static byte[] sample(ImagePair pair, int size) {
        int n = size * size;
        byte[] record = new byte[4 * n];
        int[] rgb = pixels(Resize.resize(centralSquare(ImageFiles.readColorTruth(pair.color())), size, size));
        int[] gray = pair.gray() == null ? rgb
            : pixels(Resize.resize(centralSquare(ImageFiles.readRgb(pair.gray())), size, size));
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            record[i] = (byte) (p >> 16);
            record[n + i] = (byte) (p >> 8);
            record[2 * n + i] = (byte) p;
            record[3 * n + i] = (byte) Luma.of(gray[i]);
        }
        return record;
    }

    /** The central side × side square of an image, side = its shorter side (the image itself when square). */
    static BufferedImage centralSquare(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int side = Math.min(w, h);
        return w == h ? image : image.getSubimage((w - side) / 2, (h - side) / 2, side, side);
    }

    private static int[] pixels(BufferedImage img) {
        return (int[]) img.getRaster().getDataElements(0, 0, img.getWidth(), img.getHeight(), null);
    }

    private static String key(List<ImagePair> pairs, int size) {
        StringBuilder text = new StringBuilder().append(FORMAT).append('\n').append(size).append('\n');
        for (ImagePair pair : pairs) {
            text.append(pair.name()).append('\t').append(stat(pair.color())).append('\t')
                .append(pair.gray() == null ? "-" : stat(pair.gray())).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    // absolute path, byte size and mtime (ns); an unreadable file still gets a stable entry (it fails at decode)
    private static String stat(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
            return abs + "\t" + a.size() + "\t" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            return abs + "\tunreadable";
        }
    }
}
