package dev.colorizer.data;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.iptc.IPTCWriter;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.psd.PSDReader;
import com.twelvemonkeys.imageio.metadata.tiff.IFD;
import com.twelvemonkeys.imageio.metadata.tiff.Rational;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Element;

/**
 * What an output keeps of its input's metadata, read by the TwelveMonkeys metadata readers: the EXIF fields that
 * still hold for the colorized picture (camera, date taken, artist, copyright, GPS, exposure...; see
 * {@link #keptExif}), the XMP packet, the IPTC records, the resolution, and the input's own format (for
 * {@code --format keep}). Read from JPEG (APP1 Exif and XMP, APP13 IPTC, JFIF density), PNG (eXIf, iTXt XMP,
 * pHYs) and TIFF (the page's own tags, its EXIF and GPS directories, XMP tag 700, IPTC tag 33723); of the other
 * inputs (BMP, GIF, WebP) only the resolution. Immutable.
 *
 * <p>What is not kept, and why: the EXIF orientation (the pixels are turned upright when read, so it is written
 * as 1), thumbnails (IFD1, XMP thumbnails: they show the gray picture), maker notes (their offsets point into the
 * original file), the interoperability directory, the tags that describe the stored pixels (size, depth,
 * compression, the input's color space and ICC profile: the output is sRGB and says so), Photoshop resources other
 * than IPTC.
 */
public final class ImageMetadata {
    /** Nothing kept: an input without metadata, or one read without. */
    public static final ImageMetadata NONE = new ImageMetadata(List.of(), null, null, Double.NaN, OutputFormat.PNG);

    static final int EXIF_IFD = TIFF.TAG_EXIF_IFD; // 34665
    static final int GPS_IFD = TIFF.TAG_GPS_IFD; // 34853
    static final int ORIENTATION = TIFF.TAG_ORIENTATION; // 274
    static final int X_RESOLUTION = TIFF.TAG_X_RESOLUTION; // 282
    static final int Y_RESOLUTION = TIFF.TAG_Y_RESOLUTION; // 283
    static final int RESOLUTION_UNIT = TIFF.TAG_RESOLUTION_UNIT; // 296: 2 inch, 3 centimetre
    static final int XMP = TIFF.TAG_XMP; // 700
    static final int IPTC = TIFF.TAG_IPTC; // 33723
    static final int ICC_PROFILE = TIFF.TAG_ICC_PROFILE; // 34675
    static final int PADDING = 0xEA1C; // Microsoft's EXIF padding tag, see exifEntries
    private static final int COLOR_SPACE = 40961; // EXIF: 1 sRGB
    private static final int PIXEL_X = 40962; // EXIF: the picture's width and height
    private static final int PIXEL_Y = 40963;
    /** IFD0 tags that describe the stored pixels (or are kept apart): never copied as they were. */
    private static final Set<Integer> PIXEL_TAGS = Set.of(254, 255, 256, 257, 258, 259, 262, 263, 266, 273,
            ORIENTATION, 277, 278, 279, 280, 281, X_RESOLUTION, Y_RESOLUTION, 284, 292, 293, RESOLUTION_UNIT, 301, 317,
            318, 319, 320, 321, 322, 323, 324, 325, 330, 338, 339, 340, 341, 347, 512, 513, 514, 515, 517, 518, 519,
            520, 521, 529, 530, 531, 532, XMP, IPTC, 34377, ICC_PROFILE, PADDING);
    /** EXIF-directory tags that no longer hold: maker notes, interoperability, compression, color space, size. */
    private static final Set<Integer> STALE_EXIF_TAGS = Set.of(37500, 40965, 37122, COLOR_SPACE, PIXEL_X, PIXEL_Y,
            PADDING);
    static final String XMP_JPEG_ID = "http://ns.adobe.com/xap/1.0/";
    static final String XMP_PNG_KEYWORD = "XML:com.adobe.xmp";
    static final String PHOTOSHOP_JPEG_ID = "Photoshop 3.0";
    private static final int PHOTOSHOP_IPTC = 0x0404; // the Photoshop resource that holds IPTC-IIM records

    private final List<Entry> exif; // IFD0 entries kept, EXIF and GPS directories as IFD values; empty: none
    private final String xmp; // the XMP packet (RDF/XML), or null
    private final byte[] iptc; // IPTC-IIM records, or null
    private final double dpi; // pixels per inch (the horizontal; pictures with other vertical ones are rare), or NaN
    private final OutputFormat sourceFormat;

    private ImageMetadata(List<Entry> exif, String xmp, byte[] iptc, double dpi, OutputFormat sourceFormat) {
        this.exif = List.copyOf(exif);
        this.xmp = xmp;
        this.iptc = iptc;
        this.dpi = dpi;
        this.sourceFormat = sourceFormat;
    }

    /**
     * The EXIF fields kept: IFD0's (camera, artist, copyright, ...), the EXIF directory (date taken, exposure...) and
     * the GPS directory as entries whose values are directories; empty when the input had none.
     */
    public List<Entry> exif() {
        return exif;
    }

    /** The XMP packet, or null. */
    public String xmp() {
        return xmp;
    }

    /** The IPTC-IIM records, or null. */
    public byte[] iptc() {
        return iptc == null ? null : iptc.clone();
    }

    /** Pixels per inch, or NaN when the input did not say. */
    public double dpi() {
        return dpi;
    }

    /** The format the input was read from where an output can be written in it, else PNG. */
    public OutputFormat sourceFormat() {
        return sourceFormat;
    }

    /** The same metadata with another XMP packet (e.g. with a record of what made the output). */
    public ImageMetadata withXmp(String packet) {
        return new ImageMetadata(exif, packet, iptc, dpi, sourceFormat);
    }

    // ---- reading

    /**
     * The metadata of page {@code page} of the picture {@code reader} (set to {@code in}) reads, to be read before
     * its pixels (a reader may flush the stream behind it). Leaves the stream at an unspecified position.
     *
     * @throws IOException or a RuntimeException of the metadata readers when the metadata is damaged
     */
    static ImageMetadata read(ImageInputStream in, ImageReader reader, int page) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (format.contains("jpeg") || format.contains("jpg")) {
            return readJpeg(in, reader);
        }
        if (format.contains("png")) {
            return readPng(in);
        }
        if (format.contains("tif")) {
            return readTiff(in, page);
        }
        // BMP, GIF, WebP: the resolution, where the reader's standard metadata gives one
        return new ImageMetadata(List.of(), null, null, dpi(reader, List.of()), OutputFormat.PNG);
    }

    private static ImageMetadata readJpeg(ImageInputStream in, ImageReader reader) throws IOException {
        in.seek(0);
        List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, Map.of(JPEG.APP1, List.of("Exif",
                XMP_JPEG_ID), JPEG.APP13, List.of(PHOTOSHOP_JPEG_ID)));
        List<Entry> exif = List.of();
        String xmp = null;
        byte[] iptc = null;
        for (JPEGSegment segment : segments) {
            byte[] data = segment.data().readAllBytes();
            if (segment.marker() == JPEG.APP1 && "Exif".equals(segment.identifier()) && exif.isEmpty()) {
                exif = ifd0(data, exifStart(data));
            } else if (segment.marker() == JPEG.APP1 && xmp == null) {
                xmp = Xmp.withoutStale(new String(data, StandardCharsets.UTF_8));
            } else if (segment.marker() == JPEG.APP13 && iptc == null) {
                iptc = iptcOfPhotoshop(data);
            }
        }
        return new ImageMetadata(keptExif(exif), xmp, iptc, dpi(reader, exif), OutputFormat.JPEG);
    }

    private static ImageMetadata readPng(ImageInputStream in) throws IOException {
        Map<String, List<byte[]>> chunks = PngChunks.read(in, Set.of("eXIf", "iTXt", "pHYs"));
        List<Entry> exif = chunks.containsKey("eXIf") ? ifd0(chunks.get("eXIf").get(0), 0) : List.of();
        String xmp = null;
        for (byte[] text : chunks.getOrDefault("iTXt", List.of())) {
            xmp = xmp != null ? xmp : Xmp.withoutStale(PngEncoder.xmpOfText(text));
        }
        double dpi = chunks.containsKey("pHYs") ? PngEncoder.dpiOfPhys(chunks.get("pHYs").get(0)) : Double.NaN;
        return new ImageMetadata(keptExif(exif), xmp, null, Double.isNaN(dpi) ? exifDpi(exif) : dpi,
                OutputFormat.PNG);
    }

    private static ImageMetadata readTiff(ImageInputStream in, int page) throws IOException {
        in.seek(0);
        Directory all = new TIFFReader().read(in);
        Directory ifd = all instanceof CompoundDirectory pages ? pages.getDirectory(page) : all;
        List<Entry> entries = new ArrayList<>();
        ifd.forEach(entries::add);
        Entry xmp = ifd.getEntryById(XMP);
        Entry iptc = ifd.getEntryById(IPTC);
        return new ImageMetadata(keptExif(entries),
                xmp != null && xmp.getValue() instanceof byte[] b
                        ? Xmp.withoutStale(new String(b, StandardCharsets.UTF_8)) : null,
                iptc != null && iptc.getValue() instanceof byte[] b ? b : null, exifDpi(entries), OutputFormat.TIFF);
    }

    // where the TIFF structure starts in an APP1 Exif segment's data: after the "\0" (or "\0\0") ending its id
    private static int exifStart(byte[] data) {
        int start = 0;
        while (start < data.length && data[start] == 0) {
            start++;
        }
        return start;
    }

    // the entries of IFD0 of a TIFF structure (EXIF), sub-directories as IFD values
    private static List<Entry> ifd0(byte[] tiff, int start) throws IOException {
        Directory read = new TIFFReader().read(new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff, start,
                tiff.length - start)));
        Directory first = read instanceof CompoundDirectory c ? c.getDirectory(0) : read; // IFD1: the thumbnail
        List<Entry> entries = new ArrayList<>();
        first.forEach(entries::add);
        return entries;
    }

    // the IPTC records of a JPEG's Photoshop resources (APP13), or null
    private static byte[] iptcOfPhotoshop(byte[] resources) throws IOException {
        Directory psd = new PSDReader().read(new MemoryCacheImageInputStream(new ByteArrayInputStream(resources)));
        Entry entry = psd.getEntryById(PHOTOSHOP_IPTC);
        if (entry == null) {
            return null;
        }
        if (entry.getValue() instanceof byte[] bytes) {
            return bytes;
        }
        if (entry.getValue() instanceof Directory records) {
            return written(stream -> new IPTCWriter().write(records, stream));
        }
        return null;
    }

    // the horizontal resolution in the reader's standard metadata (Dimension/HorizontalPixelSize, millimetres a
    // pixel), else the EXIF's
    private static double dpi(ImageReader reader, List<Entry> exif) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        if (metadata != null && metadata.isStandardMetadataFormatSupported()) {
            Element size = MetadataTree.first(metadata.getAsTree("javax_imageio_1.0"),
                    e -> e.getNodeName().equals("HorizontalPixelSize"));
            if (size != null) {
                try {
                    double mm = Double.parseDouble(size.getAttribute("value"));
                    if (mm > 0) {
                        return 25.4 / mm;
                    }
                } catch (NumberFormatException e) {
                    // not a number: the EXIF's, if any
                }
            }
        }
        return exifDpi(exif);
    }

    // XResolution in ResolutionUnit (2 inch, the default; 3 centimetre), or NaN
    private static double exifDpi(List<Entry> entries) {
        double x = Double.NaN;
        int unit = 2;
        for (Entry e : entries) {
            if (Integer.valueOf(X_RESOLUTION).equals(e.getIdentifier()) && e.getValue() instanceof Rational r) {
                x = r.doubleValue();
            } else if (Integer.valueOf(RESOLUTION_UNIT).equals(e.getIdentifier())
                    && e.getValue() instanceof Number n) {
                unit = n.intValue();
            }
        }
        return unit == 3 ? x * 2.54 : unit == 2 && x > 0 ? x : Double.NaN;
    }

    /**
     * The IFD0 entries that still hold for the colorized picture: not those of {@link #PIXEL_TAGS}; its EXIF
     * directory without {@link #STALE_EXIF_TAGS}; its GPS directory; no other sub-directory, nor one left empty. Entries that cannot be
     * written back (a type the writer does not know) are left out.
     */
    static List<Entry> keptExif(List<Entry> ifd0) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : ifd0) {
            int tag = (Integer) e.getIdentifier();
            if (tag == EXIF_IFD || tag == GPS_IFD) {
                if (e.getValue() instanceof Directory sub) {
                    List<Entry> subEntries = new ArrayList<>();
                    for (Entry s : sub) {
                        if ((tag == GPS_IFD || !STALE_EXIF_TAGS.contains((Integer) s.getIdentifier()))
                                && (Integer) s.getIdentifier() != PADDING && !(s.getValue() instanceof Directory)
                                && writable(s)) {
                            subEntries.add(s);
                        }
                    }
                    if (!subEntries.isEmpty()) { // one that held only what is written anew says nothing
                        kept.add(new TIFFEntry(tag, TIFF.TYPE_LONG, new IFD(subEntries)));
                    }
                }
            } else if (!PIXEL_TAGS.contains(tag) && !(e.getValue() instanceof Directory) && writable(e)) {
                kept.add(e);
            }
        }
        return kept;
    }

    private static boolean writable(Entry e) {
        try {
            written(stream -> new TIFFWriter().write(List.of(e), stream));
            return true;
        } catch (RuntimeException ex) {
            return false;
        }
    }

    // ---- writing

    /**
     * The EXIF of a w × h output as IFD0 entries, EXIF and GPS directories as IFD values: the kept fields,
     * orientation 1 (upright), the resolution, color space sRGB and the output's size; when the input had no EXIF,
     * these alone if {@code always} (the format has no other place to say sRGB), else none. The TIFF writer advances past a sub-directory by its data alone, not its entries, so the next one would
     * overwrite them: each sub-directory ends with a padding entry (0xEA1C, as Microsoft's EXIF writers add) as long
     * as its entries, whose bytes the next one overwrites instead.
     */
    List<Entry> exifEntries(int w, int h, boolean always) {
        if (exif.isEmpty() && !always) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        boolean hasExifIfd = false;
        for (Entry e : exif) {
            int tag = (Integer) e.getIdentifier();
            if (tag == EXIF_IFD && e.getValue() instanceof Directory sub) {
                List<Entry> subEntries = entries(sub);
                subEntries.addAll(outputExifFields(w, h));
                out.add(new TIFFEntry(tag, TIFF.TYPE_LONG, padded(subEntries)));
                hasExifIfd = true;
            } else if (tag == GPS_IFD && e.getValue() instanceof Directory sub) {
                out.add(new TIFFEntry(tag, TIFF.TYPE_LONG, padded(entries(sub))));
            } else {
                out.add(e);
            }
        }
        if (!hasExifIfd) {
            out.add(new TIFFEntry(EXIF_IFD, TIFF.TYPE_LONG, padded(outputExifFields(w, h))));
        }
        out.add(new TIFFEntry(ORIENTATION, TIFF.TYPE_SHORT, 1));
        out.addAll(resolutionEntries());
        return out;
    }

    /** XResolution, YResolution and ResolutionUnit (inch) of {@link #dpi()}; none when it is unknown. */
    private List<Entry> resolutionEntries() {
        if (!(dpi > 0)) {
            return List.of();
        }
        Rational r = new Rational(Math.round(dpi * 100), 100);
        return List.of(new TIFFEntry(X_RESOLUTION, TIFF.TYPE_RATIONAL, r),
                new TIFFEntry(Y_RESOLUTION, TIFF.TYPE_RATIONAL, r),
                new TIFFEntry(RESOLUTION_UNIT, TIFF.TYPE_SHORT, 2));
    }

    private static List<Entry> outputExifFields(int w, int h) {
        return List.of(new TIFFEntry(COLOR_SPACE, TIFF.TYPE_SHORT, 1), new TIFFEntry(PIXEL_X, TIFF.TYPE_LONG, w),
                new TIFFEntry(PIXEL_Y, TIFF.TYPE_LONG, h));
    }

    private static List<Entry> entries(Directory directory) {
        List<Entry> list = new ArrayList<>();
        directory.forEach(list::add);
        return list;
    }

    private static IFD padded(List<Entry> entries) {
        List<Entry> withPadding = new ArrayList<>(entries);
        withPadding.add(new TIFFEntry(PADDING, TIFF.TYPE_UNDEFINED, new byte[2 + 12 * (entries.size() + 1)]));
        return new IFD(withPadding);
    }

    /**
     * The EXIF of a w × h output ({@link #exifEntries}) as a TIFF structure (a PNG's eXIf, a JPEG's APP1 after
     * "Exif\0\0"), or null when there is none.
     */
    byte[] exifBlock(int w, int h, boolean always) {
        List<Entry> entries = exifEntries(w, h, always);
        return entries.isEmpty() ? null : written(stream -> new TIFFWriter().write(entries, stream));
    }

    /** Something written to an in-memory stream. */
    interface Writing {
        void to(ImageOutputStream stream) throws IOException;
    }

    static byte[] written(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writing.to(stream);
        } catch (IOException e) {
            throw new UncheckedIOException("writing in memory failed", e); // no I/O happens: a bug
        }
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        return "ImageMetadata[" + exif.size() + " EXIF fields, XMP " + (xmp != null) + ", IPTC "
                + (iptc == null ? 0 : iptc.length) + " bytes, " + dpi + " dpi, from " + sourceFormat + "]";
    }
}
