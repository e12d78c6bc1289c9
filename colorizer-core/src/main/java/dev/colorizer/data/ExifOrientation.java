package dev.colorizer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The EXIF orientation of a JPEG (tag 0x0112: how the stored pixels must be turned to look as the camera held them,
 * e.g. 6 for a phone held upright), read from the file's APP1 "Exif" segment, of a PNG (its eXIf chunk), of a WebP
 * (its EXIF chunk), or of a TIFF page (the same tag, 274, in the page's own directory, as a scanner or a camera
 * writes it), and the turn itself. Every viewer applies it, so pictures are decoded upright: the output of an
 * upright-looking input is upright, without a tag.
 * Values: 1 as stored, 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed, 6 turned 90° clockwise, 7 transversed,
 * 8 turned 90° counter-clockwise.
 */
final class ExifOrientation {
    static final int AS_STORED = 1;
    /** The most bytes of one EXIF block read (a JPEG APP1 segment is at most 64 KiB; a PNG eXIf chunk as large). */
    private static final int MAX_EXIF_BYTES = 1 << 16;

    private ExifOrientation() {}

    /**
     * The orientation (1..8) of the JPEG, PNG (eXIf chunk) or WebP (EXIF chunk) {@code in} holds, read from its
     * metadata segments by seeking past the others, however much precedes the EXIF block (ICC profiles, XMP, thumbnails); 1 when there is
     * none, it is invalid, or the stream is another format. Leaves the stream at an unspecified position.
     */
    static int of(ImageInputStream in) throws IOException {
        in.seek(0);
        byte[] signature = new byte[8];
        int length = PngChunks.readFully(in, signature);
        if (length >= 4 && (signature[0] & 0xFF) == 0xFF && (signature[1] & 0xFF) == 0xD8) {
            return ofJpeg(in);
        }
        if (PngChunks.isPng(signature, length)) {
            return ofPng(in);
        }
        if (length == 8 && signature[0] == 'R' && signature[1] == 'I' && signature[2] == 'F' && signature[3] == 'F') {
            return ofWebp(in);
        }
        return AS_STORED;
    }

    // RIFF "WEBP": after the 12-byte header, chunks of a FourCC, a little-endian length and the data (padded to
    // even); the EXIF chunk holds a TIFF structure (some writers put JPEG's "Exif\0\0" before it)
    private static int ofWebp(ImageInputStream in) throws IOException {
        byte[] form = new byte[4];
        in.seek(8);
        if (PngChunks.readFully(in, form) < 4 || form[0] != 'W' || form[1] != 'E' || form[2] != 'B'
                || form[3] != 'P') {
            return AS_STORED;
        }
        long p = 12;
        byte[] header = new byte[8];
        while (true) {
            in.seek(p);
            if (PngChunks.readFully(in, header) < 8) {
                return AS_STORED;
            }
            long size = u32(header, 4, false);
            if (header[0] == 'E' && header[1] == 'X' && header[2] == 'I' && header[3] == 'F' && size >= 8) {
                byte[] data = new byte[(int) Math.min(size, MAX_EXIF_BYTES)];
                int n = PngChunks.readFully(in, data);
                boolean prefixed = n >= 6 && data[0] == 'E' && data[1] == 'x' && data[2] == 'i' && data[3] == 'f';
                return fromTiff(data, prefixed ? 6 : 0, n);
            }
            p += 8 + size + (size & 1);
        }
    }

    // JPEG segments from the one after SOI: FF marker, then a big-endian length that includes its own two bytes
    private static int ofJpeg(ImageInputStream in) throws IOException {
        long p = 2;
        byte[] header = new byte[4];
        while (true) {
            in.seek(p);
            if (PngChunks.readFully(in, header) < 4 || (header[0] & 0xFF) != 0xFF) {
                return AS_STORED;
            }
            int marker = header[1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return AS_STORED; // start of scan: no more metadata segments
            }
            int size = u16(header, 2, true);
            if (marker == 0xE1 && size > 8) {
                byte[] data = new byte[size - 2];
                int n = PngChunks.readFully(in, data);
                if (n >= 6 && data[0] == 'E' && data[1] == 'x' && data[2] == 'i' && data[3] == 'f' && data[4] == 0
                        && data[5] == 0) {
                    return fromTiff(data, 6, n);
                }
            }
            p += 2 + size;
        }
    }

    // the PNG's eXIf chunk (PngChunks: walked up to IEND, wherever it is)
    private static int ofPng(ImageInputStream in) throws IOException {
        List<byte[]> exif = PngChunks.read(in, Set.of("eXIf")).getOrDefault("eXIf", List.of());
        return exif.isEmpty() ? AS_STORED : fromTiff(exif.get(0), 0, exif.get(0).length);
    }

    // the Orientation entry of IFD0 of the TIFF structure in [start, end)
    private static int fromTiff(byte[] b, int start, int end) {
        if (start + 8 > end) {
            return AS_STORED;
        }
        boolean bigEndian;
        if (b[start] == 'M' && b[start + 1] == 'M') {
            bigEndian = true;
        } else if (b[start] == 'I' && b[start + 1] == 'I') {
            bigEndian = false;
        } else {
            return AS_STORED;
        }
        long ifd = start + u32(b, start + 4, bigEndian);
        if (ifd + 2 > end) {
            return AS_STORED;
        }
        int entries = u16(b, (int) ifd, bigEndian);
        for (int i = 0; i < entries; i++) {
            int e = (int) ifd + 2 + 12 * i;
            if (e + 12 > end) {
                break;
            }
            if (u16(b, e, bigEndian) == 0x0112 && u16(b, e + 2, bigEndian) == 3) { // SHORT
                int value = u16(b, e + 8, bigEndian);
                return value >= 1 && value <= 8 ? value : AS_STORED;
            }
        }
        return AS_STORED;
    }

    /**
     * The orientation of page {@code page} as {@code reader} (set to its input) reads it: for a TIFF its own
     * Orientation tag (1 when absent or invalid), for any other format {@code fileOrientation} ({@link #of}).
     */
    static int ofPage(ImageReader reader, int page, int fileOrientation) throws IOException {
        if (!TiffTags.isTiff(reader)) {
            return fileOrientation;
        }
        int[] values = TiffTags.values(reader, page, TiffTags.ORIENTATION);
        return values.length == 1 && values[0] >= 1 && values[0] <= 8 ? values[0] : AS_STORED;
    }

    /** Whether the orientation swaps width and height (5..8). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }

    /** The picture turned upright (TYPE_INT_RGB in, TYPE_INT_RGB out); the same object for orientation 1. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= AS_STORED || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] upright = apply(image.getRGB(0, 0, w, h, null, 0, w), w, h, orientation);
        boolean swap = swapsSides(orientation);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, out.getWidth(), out.getHeight(), upright, 0, out.getWidth());
        return out;
    }

    /**
     * A plane of one value a pixel (w × h stored, row-major) turned upright: h × w when the orientation swaps the
     * sides; the same array for orientation 1.
     */
    static int[] apply(int[] stored, int w, int h, int orientation) {
        if (orientation <= AS_STORED || orientation > 8) {
            return stored;
        }
        int outW = swapsSides(orientation) ? h : w;
        int[] upright = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx; // where stored pixel (x, y) is shown
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }          // mirrored
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }  // turned 180°
                    case 4 -> { tx = x; ty = h - 1 - y; }          // flipped
                    case 5 -> { tx = y; ty = x; }                  // transposed
                    case 6 -> { tx = h - 1 - y; ty = x; }          // turned 90° clockwise
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }  // transversed
                    default -> { tx = y; ty = w - 1 - x; }         // 8: turned 90° counter-clockwise
                }
                upright[ty * outW + tx] = stored[y * w + x];
            }
        }
        return upright;
    }

    private static int u16(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF) : (b[i + 1] & 0xFF) << 8 | (b[i] & 0xFF);
    }

    private static long u32(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? (long) u16(b, i, true) << 16 | u16(b, i + 2, true)
                : (long) u16(b, i + 2, false) << 16 | u16(b, i, false);
    }
}
