package dev.colorizer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.stream.ImageInputStream;

/**
 * The metadata chunks of a PNG read from its stream, seeking past the others (the pixels are never read): the JDK
 * reader's own metadata is not asked for (it would inflate every zTXt/iTXt chunk in full, see
 * {@link ImageFiles}).
 */
final class PngChunks {
    /** The most bytes of one chunk read: an EXIF block or an XMP packet is far smaller. */
    static final int MAX_CHUNK_BYTES = 1 << 20;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngChunks() {}

    /** Whether the first bytes read are a PNG's signature. */
    static boolean isPng(byte[] start, int length) {
        return length >= 8 && java.util.Arrays.equals(start, 0, 8, SIGNATURE, 0, 8);
    }

    /**
     * The data of each chunk of the given types, in file order, each cut at {@link #MAX_CHUNK_BYTES}: chunks are
     * walked from the signature up to IEND (some tools put eXIf after the pixels, where readers still find it).
     * Leaves the stream at an unspecified position.
     */
    static Map<String, List<byte[]>> read(ImageInputStream in, Set<String> types) throws IOException {
        Map<String, List<byte[]>> found = new LinkedHashMap<>();
        long p = 8;
        byte[] header = new byte[8]; // big-endian length, type; then the data and a CRC
        while (true) {
            in.seek(p);
            if (readFully(in, header) < 8) {
                return found;
            }
            long size = ((long) (header[0] & 0xFF) << 24) | (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8
                    | (header[3] & 0xFF);
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("IEND")) {
                return found;
            }
            if (types.contains(type)) {
                byte[] data = new byte[(int) Math.min(size, MAX_CHUNK_BYTES)];
                int n = readFully(in, data);
                found.computeIfAbsent(type, k -> new ArrayList<>()).add(java.util.Arrays.copyOf(data, n));
            }
            p += 12 + size;
        }
    }

    // reads up to b.length bytes, fewer only at the end of the stream
    static int readFully(ImageInputStream in, byte[] b) throws IOException {
        int length = 0;
        for (int n; length < b.length && (n = in.read(b, length, b.length - length)) > 0; ) {
            length += n;
        }
        return length;
    }
}
