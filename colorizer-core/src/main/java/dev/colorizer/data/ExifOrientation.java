package dev.colorizer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The EXIF orientation of a JPEG (tag 0x0112: how the stored pixels must be turned to look as the camera held them,
 * e.g. 6 for a phone held upright), read from the file's APP1 "Exif" segment, or of a TIFF page (the same tag, 274,
 * in the page's own directory, as a scanner or a camera writes it), and the turn itself. Every viewer
 * applies it, so pictures are decoded upright: the output of an upright-looking input is upright, without a tag.
 * Values: 1 as stored, 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed, 6 turned 90° clockwise, 7 transversed,
 * 8 turned 90° counter-clockwise.
 */
final class ExifOrientation {
    static final int AS_STORED = 1;
    /** Bytes at the start of a file that hold its EXIF segment, if any (APP1 is at most 64 KiB, near the start). */
    static final int HEADER_BYTES = 1 << 17;

    private ExifOrientation() {}

    /** The orientation (1..8) of a JPEG whose first bytes are {@code head}; 1 when there is none or it is invalid. */
    static int of(byte[] head, int length) {
        if (length < 4 || (head[0] & 0xFF) != 0xFF || (head[1] & 0xFF) != 0xD8) {
            return AS_STORED; // not a JPEG
        }
        int p = 2;
        while (p + 4 <= length && (head[p] & 0xFF) == 0xFF) {
            int marker = head[p + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break; // start of scan: no more metadata segments
            }
            int size = u16(head, p + 2, true); // includes its own two bytes
            int data = p + 4;
            if (marker == 0xE1 && data + 6 <= length && head[data] == 'E' && head[data + 1] == 'x'
                    && head[data + 2] == 'i' && head[data + 3] == 'f' && head[data + 4] == 0 && head[data + 5] == 0) {
                return fromTiff(head, data + 6, Math.min(length, p + 2 + size));
            }
            p += 2 + size;
        }
        return AS_STORED;
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
        if (!reader.getFormatName().toLowerCase(Locale.ROOT).contains("tif")) {
            return fileOrientation;
        }
        IIOMetadata metadata = reader.getImageMetadata(page);
        String format = metadata == null ? null : metadata.getNativeMetadataFormatName();
        if (format == null) {
            return AS_STORED;
        }
        // javax_imageio_tiff_image_1.0 (the JDK's reader and TwelveMonkeys'): TIFFIFD > TIFFField number="274" >
        // TIFFShorts > TIFFShort value="6"
        Element field = tiffField(metadata.getAsTree(format), "274");
        Element value = field == null ? null : firstWithValue(field);
        try {
            int orientation = value == null ? AS_STORED : Integer.parseInt(value.getAttribute("value").trim());
            return orientation >= 1 && orientation <= 8 ? orientation : AS_STORED;
        } catch (NumberFormatException e) {
            return AS_STORED;
        }
    }

    private static Element tiffField(Node node, String number) {
        if (node instanceof Element e && e.getNodeName().equals("TIFFField") && number.equals(e.getAttribute("number"))) {
            return e;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Element found = tiffField(child, number);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Element firstWithValue(Node node) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.hasAttribute("value")) {
                return e;
            }
            Element found = firstWithValue(child);
            if (found != null) {
                return found;
            }
        }
        return null;
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
        int[] stored = image.getRGB(0, 0, w, h, null, 0, w);
        boolean swap = swapsSides(orientation);
        int outW = swap ? h : w;
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
        BufferedImage out = new BufferedImage(outW, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, outW, swap ? w : h, upright, 0, outW);
        return out;
    }

    private static int u16(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF) : (b[i + 1] & 0xFF) << 8 | (b[i] & 0xFF);
    }

    private static long u32(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? (long) u16(b, i, true) << 16 | u16(b, i + 2, true)
                : (long) u16(b, i + 2, false) << 16 | u16(b, i, false);
    }
}
