package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.IFD;
import com.twelvemonkeys.imageio.metadata.tiff.Rational;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageMetadataTest {
    @TempDir
    Path dir;

    private static final String XMP_IN = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
            + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" "
            + "tiff:Orientation=\"6\"><dc:creator><rdf:Seq><rdf:li>Ann Archivist</rdf:li></rdf:Seq></dc:creator>"
            + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    // IPTC-IIM: record 2 (application), dataset 120 (caption), length 12, "Family album"
    private static final byte[] IPTC_IN = concat(new byte[] {0x1C, 2, 120, 0, 12},
            "Family album".getBytes(StandardCharsets.ISO_8859_1));

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"PNG", "JPEG", "TIFF"})
    void aCameraJpegsMetadataIsKeptUprightInEveryFormat(OutputFormat format) throws Exception {
        Path input = cameraJpeg(dir.resolve("camera.jpg"), 40, 30); // stored 40 × 30, orientation 6: upright 30 × 40
        Picture read = ImageFiles.readPicture(input);
        assertThat(read.rgb().getWidth()).isEqualTo(30);
        assertThat(read.metadata().dpi()).isCloseTo(300, org.assertj.core.data.Offset.offset(0.01));

        Path output = dir.resolve("out." + format.extension());
        ImageFiles.writeImage(read.rgb(), read.metadata(), output, format, 0.9f, true);

        Picture back = ImageFiles.readPicture(output);
        assertThat(back.rgb().getWidth()).as("written upright, orientation 1: not turned again").isEqualTo(30);
        assertThat(back.rgb().getHeight()).isEqualTo(40);
        Map<Integer, Object> ifd0 = byTag(back.metadata().exif());
        assertThat(ifd0).containsEntry(271, "Canon").containsEntry(272, "EOS 5D").containsEntry(315, "Ann Artist")
                .containsEntry(33432, "(c) Ann Artist");
        Map<Integer, Object> exif = byTag(subdirectory(back.metadata().exif(), ImageMetadata.EXIF_IFD));
        assertThat(exif).containsEntry(36867, "2001:02:03 04:05:06");
        assertThat(exif).doesNotContainKey(37500); // the maker note's offsets pointed into the original
        Map<Integer, Object> gps = byTag(subdirectory(back.metadata().exif(), ImageMetadata.GPS_IFD));
        assertThat(gps).containsEntry(1, "N");
        assertThat(back.metadata().dpi()).isCloseTo(300, org.assertj.core.data.Offset.offset(0.01));
        assertThat(back.metadata().xmp()).contains("Ann Archivist").doesNotContain("Orientation");
        if (format == OutputFormat.PNG) {
            assertThat(back.metadata().iptc()).as("PNG has no place for IPTC").isNull();
        } else {
            assertThat(back.metadata().iptc()).isEqualTo(IPTC_IN);
        }
        assertThat(back.metadata().sourceFormat()).isEqualTo(format);
    }

    @Test
    void aRecordWrittenIntoTheXmpIsReadBackBesideTheInputsFieldsAndReplacedNotRepeated() {
        String once = Xmp.merged(XMP_IN, "urn:test:ns", "t", Map.of("Model", "m1"));
        String twice = Xmp.merged(once, "urn:test:ns", "t", Map.of("Model", "m2"));
        assertThat(Xmp.fields(twice, "urn:test:ns")).containsExactly(Map.entry("Model", "m2"));
        assertThat(twice).contains("Ann Archivist").doesNotContain("m1");
        assertThat(Xmp.fields("not xml <", "urn:test:ns")).isEmpty();
    }

    @Test
    void damagedMetadataIsAWarningAndThePictureIsStillRead() throws Exception {
        Path file = cameraJpeg(dir.resolve("camera.jpg"), 16, 12);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int tiff = text.indexOf("Exif\0\0") + 6;
        bytes[tiff + 4] = 0x7F; // IFD0's offset far past the end of the segment
        Files.write(file, bytes);
        Picture read = ImageFiles.readPicture(file);
        assertThat(read.rgb().getWidth() * read.rgb().getHeight()).isEqualTo(16 * 12);
        assertThat(read.warnings()).singleElement().asString().startsWith(file + ": its metadata cannot be read (")
                .endsWith("): the output is written without the input's EXIF, XMP and IPTC");
        assertThat(read.metadata().exif()).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gif", "bmp", "png", "jpg", "tiff"})
    void readingTheMetadataBesideThePixelsLeavesThePixelsAsTheyAre(String format) {
        Path file = TestImages.write(TestImages.noise(9, 7, 3), format, dir.resolve("p." + format));
        Picture read = ImageFiles.readPicture(file);
        BufferedImage alone = ImageFiles.readRgb(file);
        assertThat(read.rgb().getRGB(0, 0, 9, 7, null, 0, 9)).isEqualTo(alone.getRGB(0, 0, 9, 7, null, 0, 9));
        assertThat(read.metadata().sourceFormat()).isEqualTo(OutputFormat.KEEP.forInput(file.toString()));
        assertThat(read.warnings()).isEmpty();
    }

    @Test
    void aCmykJpegsMetadataIsReadWithoutWarnings() {
        int[][] stored = {{255, 255, 255, 255}, {0, 255, 255, 255}};
        Path file = TestImages.fourChannelJpeg(TestImages.stripes(32, 16, stored), 0, dir.resolve("cmyk.jpg"));
        Picture read = ImageFiles.readPicture(file);
        assertThat(read.warnings()).isEmpty();
        assertThat(read.rgb().getRGB(0, 0, 32, 16, null, 0, 32))
                .isEqualTo(ImageFiles.readRgb(file).getRGB(0, 0, 32, 16, null, 0, 32));
    }

    @Test
    void aPictureWithoutMetadataGetsOnlyWhatSaysItsPixelsAreSrgb() throws Exception {
        Path input = TestImages.write(TestImages.noise(8, 6, 1), "png", dir.resolve("plain.png"));
        Picture read = ImageFiles.readPicture(input);
        assertThat(read.metadata().exif()).isEmpty();
        byte[] png = ImageFiles.encode(read.rgb(), read.metadata(), OutputFormat.PNG, 1f);
        assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains("sRGB").doesNotContain("eXIf")
                .doesNotContain("iTXt");
        // JPEG: an EXIF whose ColorSpace (40961) is 1, sRGB
        Path jpeg = dir.resolve("plain.jpg");
        ImageFiles.writeImage(read.rgb(), read.metadata(), jpeg, OutputFormat.JPEG, 0.9f, true);
        try (var in = ImageIO.createImageInputStream(jpeg.toFile())) {
            var segment = com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil.readSegments(in,
                    com.twelvemonkeys.imageio.metadata.jpeg.JPEG.APP1, "Exif").get(0);
            byte[] tiff = segment.data().readAllBytes(); // "\0" (the id's second NUL), then the TIFF structure
            Directory ifd0 = new com.twelvemonkeys.imageio.metadata.tiff.TIFFReader().read(
                    ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(tiff, 1, tiff.length - 1)));
            Directory exif = (Directory) ifd0.getEntryById(ImageMetadata.EXIF_IFD).getValue();
            assertThat(((Number) exif.getEntryById(40961).getValue()).intValue()).isEqualTo(1);
        }
        assertThat(new String(Files.readAllBytes(jpeg), StandardCharsets.ISO_8859_1)).doesNotContain("ICC_PROFILE");
    }

    /**
     * A camera's JPEG, w × h as stored: JFIF at 300 dpi, EXIF (camera, artist, copyright, orientation 6, date
     * taken, a maker note, GPS; a thumbnail directory), XMP and IPTC, written by the JDK's writer.
     */
    static Path cameraJpeg(Path file, int w, int h) throws Exception {
        List<Entry> exifIfd = List.of(new TIFFEntry(36867, "2001:02:03 04:05:06"),
                new TIFFEntry(37500, TIFF.TYPE_UNDEFINED, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                pad(2));
        List<Entry> gps = List.of(new TIFFEntry(1, "N"), new TIFFEntry(2, new Rational[] {new Rational(52, 1),
                new Rational(1, 1), new Rational(0, 1)}), pad(2));
        List<Entry> ifd0 = List.of(new TIFFEntry(271, "Canon"), new TIFFEntry(272, "EOS 5D"),
                new TIFFEntry(274, TIFF.TYPE_SHORT, 6), new TIFFEntry(315, "Ann Artist"),
                new TIFFEntry(33432, "(c) Ann Artist"), new TIFFEntry(34665, TIFF.TYPE_LONG, new IFD(exifIfd)),
                new TIFFEntry(34853, TIFF.TYPE_LONG, new IFD(gps)));
        byte[] tiff = ImageMetadata.written(s -> new TIFFWriter().write(ifd0, s));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        IIOMetadataNode jfif = (IIOMetadataNode) root.getElementsByTagName("app0JFIF").item(0);
        jfif.setAttribute("resUnits", "1");
        jfif.setAttribute("Xdensity", "300");
        jfif.setAttribute("Ydensity", "300");
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        byte[] photoshop = concat("Photoshop 3.0\08BIM".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {4, 4, 0, 0, 0, 0, 0, (byte) IPTC_IN.length}, IPTC_IN, new byte[IPTC_IN.length % 2]);
        for (byte[] data : List.of(concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff),
                concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1),
                        XMP_IN.getBytes(StandardCharsets.UTF_8)), photoshop)) {
            IIOMetadataNode segment = new IIOMetadataNode("unknown");
            segment.setAttribute("MarkerTag", data[0] == 'P' ? "237" : "225");
            segment.setUserObject(data);
            markers.insertBefore(segment, markers.getFirstChild());
        }
        metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, metadata), param);
        } finally {
            writer.dispose();
        }
        return file;
    }

    // the padding entry a sub-directory written by TIFFWriter needs before another one (see exifEntries)
    private static Entry pad(int entries) {
        return new TIFFEntry(0xEA1C, TIFF.TYPE_UNDEFINED, new byte[2 + 12 * (entries + 1)]);
    }

    private static List<Entry> subdirectory(List<Entry> entries, int tag) {
        List<Entry> out = new ArrayList<>();
        entries.stream().filter(e -> e.getIdentifier().equals(tag)).findFirst()
                .ifPresent(e -> ((Directory) e.getValue()).forEach(out::add));
        return out;
    }

    private static Map<Integer, Object> byTag(List<Entry> entries) {
        Map<Integer, Object> map = new java.util.HashMap<>();
        entries.forEach(e -> map.put((Integer) e.getIdentifier(), e.getValue() instanceof Number n
                && !(e.getValue() instanceof Rational) ? (Object) n.longValue() : e.getValue()));
        return map;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
