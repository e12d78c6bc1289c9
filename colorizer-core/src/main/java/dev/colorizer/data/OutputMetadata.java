package dev.colorizer.data;

import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.Rational;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.ExifParentTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.plugins.tiff.TIFFTagSet;
import org.w3c.dom.Node;

/**
 * The ImageIO metadata an output is written with, built from what it keeps ({@link ImageMetadata}): for JPEG the
 * native tree of the JPEG writer (JFIF density; APP1 Exif, whose ColorSpace says sRGB; APP1 XMP; APP13 IPTC; no ICC
 * profile: the TwelveMonkeys reader then stops reporting damaged data, and converts every pixel), for TIFF the
 * JDK TIFF writer's fields (EXIF and GPS directories, resolution, XMP, IPTC, the sRGB ICC profile). PNG's
 * chunks are {@link PngEncoder}'s.
 */
final class OutputMetadata {
    private static final String JPEG_NATIVE = "javax_imageio_jpeg_image_1.0";
    private static final int APP1 = 0xE1;
    private static final int APP13 = 0xED;
    /** The most data one JPEG segment holds: its length field counts itself (2 bytes) and is 16 bits. */
    private static final int MAX_SEGMENT_DATA = 65533;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutputMetadata.class);

    private OutputMetadata() {}

    /**
     * The JPEG writer's metadata for {@code img} with the picture's: a segment too large for JPEG (an XMP packet
     * over 64 KB, which would need Extended XMP) is left out.
     */
    static IIOMetadata jpeg(ImageWriter writer, BufferedImage img, ImageWriteParam param, ImageMetadata kept)
            throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(JPEG_NATIVE);
        IIOMetadataNode jfif = (IIOMetadataNode) root.getElementsByTagName("app0JFIF").item(0);
        if (jfif != null && kept.dpi() > 0) {
            String density = Long.toString(Math.max(1, Math.min(65535, Math.round(kept.dpi()))));
            jfif.setAttribute("resUnits", "1"); // dots per inch
            jfif.setAttribute("Xdensity", density);
            jfif.setAttribute("Ydensity", density);
        }
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        List<IIOMetadataNode> segments = new ArrayList<>();
        byte[] exif = kept.exifBlock(img.getWidth(), img.getHeight(), true); // its ColorSpace says sRGB
        if (exif != null) {
            segments.add(segment(APP1, join("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exif)));
        }
        if (kept.xmp() != null) {
            segments.add(segment(APP1, join((ImageMetadata.XMP_JPEG_ID + "\0").getBytes(StandardCharsets.ISO_8859_1),
                    kept.xmp().getBytes(StandardCharsets.UTF_8))));
        }
        if (kept.iptc() != null) {
            segments.add(segment(APP13, photoshopIptc(kept.iptc())));
        }
        Node first = markers.getFirstChild();
        for (IIOMetadataNode segment : segments) {
            int length = ((byte[]) segment.getUserObject()).length;
            if (length <= MAX_SEGMENT_DATA) {
                markers.insertBefore(segment, first); // right after JFIF, before the tables
            } else {
                LOG.warn("a metadata segment of {} bytes does not fit a JPEG segment ({} at most): left out; write "
                        + "PNG or TIFF to keep it", length, MAX_SEGMENT_DATA);
            }
        }
        try {
            metadata.setFromTree(JPEG_NATIVE, root);
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("the JPEG writer refused its own tree with the segments added", e);
        }
        return metadata;
    }

    private static IIOMetadataNode segment(int marker, byte[] data) {
        IIOMetadataNode node = new IIOMetadataNode("unknown");
        node.setAttribute("MarkerTag", Integer.toString(marker));
        node.setUserObject(data);
        return node;
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * An APP13 segment's data holding IPTC records: "Photoshop 3.0\0", then one image resource "8BIM", id 0x0404,
     * an empty name (a zero length, padded to even), the data's length and the data, padded to even. No writer of
     * Photoshop resources is at hand (TwelveMonkeys only reads them); this one resource is all a reader looks for.
     */
    private static byte[] photoshopIptc(byte[] iptc) {
        return ImageMetadata.written(stream -> {
            stream.write((ImageMetadata.PHOTOSHOP_JPEG_ID + "\0").getBytes(StandardCharsets.ISO_8859_1));
            stream.write("8BIM".getBytes(StandardCharsets.ISO_8859_1));
            stream.writeShort(0x0404);
            stream.writeShort(0); // name: length 0, padded
            stream.writeInt(iptc.length);
            stream.write(iptc);
            if (iptc.length % 2 == 1) {
                stream.write(0);
            }
        });
    }

    /**
     * The JDK's TIFF writer: it writes 16-bit RGB, which TwelveMonkeys' does not (its issue 252), and takes
     * metadata as {@link TIFFDirectory} fields, sub-directories included.
     */
    static ImageWriter tiffWriter() {
        for (Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff"); writers.hasNext(); ) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.sun.imageio.")) {
                return writer;
            }
        }
        throw new IllegalStateException("the JDK's TIFF writer (java.desktop) is missing");
    }

    /** The TIFF fields of a w × h output: EXIF, XMP, IPTC and the sRGB ICC profile. */
    static IIOMetadata tiff(ImageMetadata kept, int w, int h) {
        List<Entry> entries = new ArrayList<>(kept.exifEntries(w, h, true));
        if (kept.xmp() != null) {
            entries.add(new TIFFEntry(ImageMetadata.XMP, TIFF.TYPE_BYTE, kept.xmp().getBytes(StandardCharsets.UTF_8)));
        }
        if (kept.iptc() != null) {
            entries.add(new TIFFEntry(ImageMetadata.IPTC, TIFF.TYPE_UNDEFINED, kept.iptc()));
        }
        entries.add(new TIFFEntry(ImageMetadata.ICC_PROFILE, TIFF.TYPE_UNDEFINED,
                ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        return directory(entries, null).getAsMetadata();
    }

    // TwelveMonkeys entries as a JDK TIFF directory, EXIF and GPS directories as sub-directories; entries whose
    // padding only served TwelveMonkeys' writer (see ImageMetadata.exifEntries) are not needed here
    private static TIFFDirectory directory(List<Entry> entries, TIFFTag parent) {
        TIFFDirectory directory = new TIFFDirectory(new TIFFTagSet[] {BaselineTIFFTagSet.getInstance(),
                ExifParentTIFFTagSet.getInstance()}, parent);
        for (Entry e : entries) {
            int number = (Integer) e.getIdentifier();
            if (number == ImageMetadata.PADDING) {
                continue;
            }
            if (e.getValue() instanceof com.twelvemonkeys.imageio.metadata.Directory sub) {
                TIFFTag tag = ExifParentTIFFTagSet.getInstance().getTag(number);
                List<Entry> subEntries = new ArrayList<>();
                sub.forEach(subEntries::add);
                directory.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_LONG, 1L, directory(subEntries, tag))); // placed by the writer
            } else {
                directory.addTIFFField(field(number, ((TIFFEntry) e).getType(), e.getValue()));
            }
        }
        return directory;
    }

    // one value of a TwelveMonkeys entry in the array type TIFFField takes for its TIFF type (the numbers agree)
    private static TIFFField field(int number, int type, Object value) {
        TIFFTag tag = new TIFFTag("tag" + number, number, 1 << type);
        Object data = switch (type) {
            case TIFFTag.TIFF_ASCII -> new String[] {(String) value};
            case TIFFTag.TIFF_BYTE, TIFFTag.TIFF_SBYTE, TIFFTag.TIFF_UNDEFINED -> value instanceof byte[] b ? b
                    : toBytes(numbers(value));
            case TIFFTag.TIFF_SHORT -> toChars(numbers(value));
            case TIFFTag.TIFF_SSHORT -> toShorts(numbers(value));
            case TIFFTag.TIFF_LONG -> numbers(value);
            case TIFFTag.TIFF_SLONG -> java.util.Arrays.stream(numbers(value)).mapToInt(v -> (int) v).toArray();
            case TIFFTag.TIFF_RATIONAL -> java.util.Arrays.stream(rationals(value))
                    .map(r -> new long[] {r.numerator(), r.denominator()}).toArray(long[][]::new);
            case TIFFTag.TIFF_SRATIONAL -> java.util.Arrays.stream(rationals(value))
                    .map(r -> new int[] {(int) r.numerator(), (int) r.denominator()}).toArray(int[][]::new);
            case TIFFTag.TIFF_FLOAT -> value instanceof float[] f ? f : new float[] {((Number) value).floatValue()};
            case TIFFTag.TIFF_DOUBLE -> value instanceof double[] d ? d : new double[] {((Number) value).doubleValue()};
            default -> throw new IllegalArgumentException("TIFF type " + type + " of tag " + number);
        };
        return new TIFFField(tag, type, java.lang.reflect.Array.getLength(data), data);
    }

    private static long[] numbers(Object value) {
        if (value instanceof Number n) {
            return new long[] {n.longValue()};
        }
        int length = java.lang.reflect.Array.getLength(value);
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = ((Number) java.lang.reflect.Array.get(value, i)).longValue();
        }
        return out;
    }

    private static Rational[] rationals(Object value) {
        return value instanceof Rational r ? new Rational[] {r} : (Rational[]) value;
    }

    private static byte[] toBytes(long[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static char[] toChars(long[] values) {
        char[] out = new char[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (char) values[i];
        }
        return out;
    }

    private static short[] toShorts(long[] values) {
        short[] out = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (short) values[i];
        }
        return out;
    }
}
