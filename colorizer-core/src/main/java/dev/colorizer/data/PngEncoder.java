package dev.colorizer.data;

import dev.colorizer.color.Lab;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.stream.ImageOutputStream;

/**
 * An opaque 8-bit RGB PNG of a TYPE_INT_RGB image (IHDR, the metadata chunks of {@link #write}, one zlib stream
 * in IDAT chunks, IEND), written fast: rows
 * are filtered and deflated in the bands of {@link Lab#forEachBand} (about 256 K pixels) on every core, and the bands' deflate streams are joined
 * into the one zlib stream PNG asks for (each band but the last ends on a byte boundary with a sync flush; the
 * stream's Adler-32 is combined from the bands'). A lone big picture is thus written on both cores, not one.
 *
 * <p>Every row has the Sub filter and is deflated at {@link Deflater#BEST_SPEED}: on colorized photographs the files
 * are as small as ImageIO's writer makes them (it tries five filters per row and deflates at level 4) in half its
 * time (docs/BENCHMARKS.md, "Predict throughput"). Starting each band's deflate afresh costs a few hundred bytes a
 * band.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte FILTER_SUB = 1; // each byte minus the same channel of the pixel on the left
    private static final int CHUNK = 1 << 16; // bytes of compressed data per IDAT chunk (at most)
    private static final int ADLER_BASE = 65521;

    private PngEncoder() {}

    /**
     * Writes the picture with its metadata, before the pixels: sRGB (the pixels are sRGB, perceptual intent), pHYs
     * (the resolution, when known), eXIf (the EXIF, when any) and an iTXt holding the XMP packet (when any). PNG has
     * no place for IPTC records: their IPTC Core counterparts in the XMP are kept.
     */
    static void write(BufferedImage img, ImageMetadata metadata, String xmp, ImageOutputStream stream)
            throws IOException {
        int w = img.getWidth();
        int h = img.getHeight();
        stream.write(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8 bit, RGB, no interlace
        chunk(stream, "IHDR", header.array(), header.position());
        chunk(stream, "sRGB", new byte[] {0}, 1);
        if (metadata.dpi() > 0) {
            int perMetre = (int) Math.round(metadata.dpi() / 0.0254);
            ByteBuffer phys = ByteBuffer.allocate(9).putInt(perMetre).putInt(perMetre).put((byte) 1); // 1: metre
            chunk(stream, "pHYs", phys.array(), 9);
        }
        byte[] exif = metadata.exifBlock(w, h, false); // the sRGB chunk says what the pixels are
        if (exif != null) {
            chunk(stream, "eXIf", exif, exif.length);
        }
        if (xmp != null) {
            // keyword, NUL, uncompressed (0), method 0, no language tag (NUL), no translated keyword (NUL), text
            byte[] text = (ImageMetadata.XMP_PNG_KEYWORD + "\0\0\0\0\0" + xmp).getBytes(StandardCharsets.UTF_8);
            chunk(stream, "iTXt", text, text.length);
        }
        int rows = Lab.bandRows(w);
        Band[] done = new Band[(h + rows - 1) / rows];
        Raster raster = img.getRaster();
        Lab.forEachBand(h, w, (y0, y1) -> done[y0 / rows] = band(raster, w, y0, y1, y1 == h));
        // zlib stream: header (deflate, 32 K window, fastest: 0x78 0x01), the bands, Adler-32 of all filtered bytes
        byte[] buffer = new byte[CHUNK];
        int n = 0;
        buffer[n++] = 0x78;
        buffer[n++] = 0x01;
        long adler = 1;
        for (Band band : done) {
            adler = combineAdler(adler, band.adler(), band.length());
            for (int off = 0; off < band.deflated().length; ) {
                int take = Math.min(CHUNK - n, band.deflated().length - off);
                System.arraycopy(band.deflated(), off, buffer, n, take);
                n += take;
                off += take;
                if (n == CHUNK) {
                    chunk(stream, "IDAT", buffer, n);
                    n = 0;
                }
            }
        }
        if (n > CHUNK - 4) {
            chunk(stream, "IDAT", buffer, n);
            n = 0;
        }
        ByteBuffer.wrap(buffer, n, 4).putInt((int) adler);
        chunk(stream, "IDAT", buffer, n + 4);
        chunk(stream, "IEND", new byte[0], 0);
    }

    /** The XMP packet of an iTXt chunk's data (see {@link #write}), or null when the chunk holds other text. */
    static String xmpOfText(byte[] data) {
        String keyword = ImageMetadata.XMP_PNG_KEYWORD + "\0";
        byte[] prefix = keyword.getBytes(StandardCharsets.ISO_8859_1);
        if (data.length < prefix.length + 2 || !java.util.Arrays.equals(data, 0, prefix.length, prefix, 0,
                prefix.length)) {
            return null;
        }
        int p = prefix.length;
        boolean compressed = data[p] != 0;
        p += 2;
        for (int nul = 0; nul < 2 && p < data.length; p++) { // past the language tag and the translated keyword
            nul += data[p] == 0 ? 1 : 0;
        }
        byte[] text = java.util.Arrays.copyOfRange(data, p, data.length);
        return new String(compressed ? inflated(text) : text, StandardCharsets.UTF_8);
    }

    // zlib data inflated, at most PngChunks.MAX_CHUNK_BYTES of it (a packet is far smaller: no inflation bomb)
    private static byte[] inflated(byte[] zlib) {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(zlib);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished() && out.size() < PngChunks.MAX_CHUNK_BYTES) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            return new byte[0];
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** Pixels per inch of a pHYs chunk's data in metres (unit 1), else NaN (unit 0 gives only the aspect). */
    static double dpiOfPhys(byte[] data) {
        if (data.length < 9 || data[8] != 1) {
            return Double.NaN;
        }
        long perMetre = ByteBuffer.wrap(data).getInt() & 0xFFFFFFFFL;
        return perMetre > 0 ? perMetre * 0.0254 : Double.NaN;
    }

    // rows [y0, y1): filtered, deflated (raw, no zlib header), with the Adler-32 and length of the filtered bytes
    private record Band(byte[] deflated, long adler, long length) {}

    private static Band band(Raster raster, int w, int y0, int y1, boolean last) {
        int[] pixels = new int[w];
        byte[] row = new byte[1 + 3 * w]; // filter type, then R G B differences from the pixel on the left
        Adler32 adler = new Adler32();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(w * (y1 - y0));
        byte[] buffer = new byte[CHUNK];
        try {
            for (int y = y0; y < y1; y++) {
                raster.getDataElements(raster.getMinX(), raster.getMinY() + y, w, 1, pixels);
                row[0] = FILTER_SUB;
                int left = 0;
                for (int x = 0, o = 1; x < w; x++, o += 3) {
                    int p = pixels[x];
                    row[o] = (byte) ((p >> 16) - (left >> 16));
                    row[o + 1] = (byte) ((p >> 8) - (left >> 8));
                    row[o + 2] = (byte) (p - left);
                    left = p;
                }
                adler.update(row);
                deflater.setInput(row);
                while (!deflater.needsInput()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                // ends the band's blocks on a byte boundary, not as the final block, so the next band follows on
                int k;
                do {
                    k = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, k);
                } while (k == buffer.length);
            }
        } finally {
            deflater.end();
        }
        return new Band(out.toByteArray(), adler.getValue(), (long) (y1 - y0) * row.length);
    }

    /**
     * The Adler-32 of bytes X then Y from adler(X), adler(Y) and |Y|: with A = 1 + the sum of the bytes and B = the
     * sum of the A after each byte (both mod 65521), A(XY) = A(X) + A(Y) - 1 and B(XY) = B(X) + B(Y) + |Y|·(A(X) - 1).
     */
    static long combineAdler(long adlerX, long adlerY, long lengthY) {
        long aX = adlerX & 0xFFFF;
        long bX = adlerX >>> 16;
        long aY = adlerY & 0xFFFF;
        long bY = adlerY >>> 16;
        long a = Math.floorMod(aX + aY - 1, ADLER_BASE);
        long b = Math.floorMod(bX + bY + (lengthY % ADLER_BASE) * Math.floorMod(aX - 1, ADLER_BASE), ADLER_BASE);
        return b << 16 | a;
    }

    // length, type, data[0, n), CRC-32 of type and data
    private static void chunk(ImageOutputStream stream, String type, byte[] data, int n) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, n);
        stream.writeInt(n);
        stream.write(name);
        stream.write(data, 0, n);
        stream.writeInt((int) crc.getValue());
    }
}
