package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.ColorizerException;
import java.awt.Dimension;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void gray8BitPngKeepsItsCodes() {
        BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 256; i++) {
            gray.getRaster().setSample(i % 16, i / 16, 0, i);
        }
        BufferedImage rgb = ImageFiles.readRgb(TestImages.write(gray, "png", dir.resolve("g8.png")));
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 256; i++) {
            // no linear-gray "correction": code i stays i on all three channels
            assertThat(rgb.getRGB(i % 16, i / 16) & 0xFFFFFF).isEqualTo(i << 16 | i << 8 | i);
        }
    }

    @Test
    void gray16BitPngScalesTo8Bit() {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSample(0, 0, 0, 0);
        gray.getRaster().setSample(1, 0, 0, 100 * 257);
        gray.getRaster().setSample(2, 0, 0, 65535);
        BufferedImage rgb = ImageFiles.readRgb(TestImages.write(gray, "png", dir.resolve("g16.png")));
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x000000);
        assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x646464);
        assertThat(rgb.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void rgb16BitPngScalesTo8Bit() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
            Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {65535, 128 * 257, 0});
        raster.setPixel(1, 0, new int[] {10 * 257, 20 * 257, 30 * 257});
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        BufferedImage rgb = ImageFiles.readRgb(TestImages.write(img, "png", dir.resolve("rgb16.png")));
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF8000);
        assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x0A141E);
    }

    @Test
    void rgbaPngIsCompositedOverWhite() {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xFFFF0000); // opaque red stays red
        argb.setRGB(1, 0, 0x80FF0000); // half red: 255 * 127 / 255 of white left in G and B
        argb.setRGB(2, 0, 0x00000000); // transparent: white
        BufferedImage rgb = ImageFiles.readRgb(TestImages.write(argb, "png", dir.resolve("rgba.png")));
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF7F7F);
        assertThat(rgb.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void grayAlphaPngIsCompositedOverWhiteWithoutGammaChange() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
            Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 1);
        raster.setPixel(0, 0, new int[] {100, 255});
        raster.setPixel(1, 0, new int[] {0, 128});
        raster.setPixel(2, 0, new int[] {0, 0});
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        BufferedImage rgb = ImageFiles.readRgb(TestImages.write(img, "png", dir.resolve("ga.png")));
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x646464);
        assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x7F7F7F);
        assertThat(rgb.getRGB(2, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void paletteGifAndPngLookUpTheirColors() {
        int[] palette = {0x102030, 0xFF0000, 0x00FF80, 0xFEFEFE};
        IndexColorModel icm = new IndexColorModel(8, 4, palette, 0, false, -1, DataBuffer.TYPE_BYTE);
        // 8 rows: the JDK writes interlaced GIFs, and its reader garbles interlaced ones only 2 rows high
        BufferedImage indexed = new BufferedImage(4, 8, BufferedImage.TYPE_BYTE_INDEXED, icm);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                indexed.getRaster().setSample(x, y, 0, (x + y) % 4);
            }
        }
        for (String format : new String[] {"gif", "png"}) {
            BufferedImage rgb = ImageFiles.readRgb(TestImages.write(indexed, format, dir.resolve("p." + format)));
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat(rgb.getRGB(x, y) & 0xFFFFFF).as(format).isEqualTo(palette[(x + y) % 4]);
                }
            }
        }
    }

    @Test
    void bmpIsExact() {
        BufferedImage noise = TestImages.noise(7, 5, 1);
        BufferedImage rgb = ImageFiles.readRgb(TestImages.write(noise, "bmp", dir.resolve("n.bmp")));
        assertThat(TestImages.planarRgb(rgb)).isEqualTo(TestImages.planarRgb(noise));
    }

    @Test
    void rgbJpegIsCloseToItsColors() {
        int[] colors = {0xFF0000, 0x00FF00, 0x0000FF, 0x808080};
        BufferedImage img = new BufferedImage(64, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 16; y++) {
                img.setRGB(x, y, colors[x / 16]);
            }
        }
        BufferedImage rgb = ImageFiles.readRgb(TestImages.write(img, "jpg", dir.resolve("c.jpg")));
        for (int i = 0; i < colors.length; i++) {
            assertClose(rgb.getRGB(i * 16 + 8, 8), colors[i], 8);
        }
    }

    @Test
    void grayJpegGivesEqualChannels() {
        BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                gray.getRaster().setSample(x, y, 0, 100);
            }
        }
        BufferedImage rgb = ImageFiles.readRgb(TestImages.write(gray, "jpg", dir.resolve("g.jpg")));
        assertClose(rgb.getRGB(8, 8), 0x646464, 2);
    }

    @Test
    void cmykJpegIsConverted() {
        // stored bytes are 255 - ink (Adobe): white (no ink), cyan, magenta, 50% black
        int[][] stored = {{255, 255, 255, 255}, {0, 255, 255, 255}, {255, 0, 255, 255}, {255, 255, 255, 128}};
        Path file = TestImages.fourChannelJpeg(TestImages.stripes(64, 16, stored), 0, dir.resolve("cmyk.jpg"));
        BufferedImage rgb = ImageFiles.readRgb(file);
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        // TwelveMonkeys' CMYK conversion without an embedded profile; the bounds also hold for a press profile
        assertClose(rgb.getRGB(8, 8), 0xFFFFFF, 12);
        assertChannels(rgb.getRGB(24, 8), 0, 80, 140, 255, 180, 255); // cyan
        assertChannels(rgb.getRGB(40, 8), 180, 255, 0, 80, 80, 255); // magenta
        int half = rgb.getRGB(56, 8);
        assertChannels(half, 90, 170, 90, 170, 90, 170); // mid gray
    }

    @Test
    void ycckJpegIsConverted() {
        // YCCK: Y, Cb, Cr of the inks' (C, M, Y) read as RGB, then 255 - K; white = (0, 128, 128, 255),
        // cyan = YCbCr(255, 0, 0) = (76, 85, 255) with K 255
        int[][] stored = {{0, 128, 128, 255}, {76, 85, 255, 255}};
        Path file = TestImages.fourChannelJpeg(TestImages.stripes(32, 16, stored), 2, dir.resolve("ycck.jpg"));
        BufferedImage rgb = ImageFiles.readRgb(file);
        assertClose(rgb.getRGB(8, 8), 0xFFFFFF, 12);
        assertChannels(rgb.getRGB(24, 8), 0, 80, 140, 255, 180, 255);
    }

    @Test
    void webpIsDecoded() throws IOException {
        // quadrants.webp: 8x8 lossless (cwebp 1.2.4 -lossless -exact), quadrants red, green, blue, black at alpha 128
        Path file = dir.resolve("quadrants.webp");
        try (InputStream in = getClass().getResourceAsStream("quadrants.webp")) {
            Files.copy(in, file);
        }
        BufferedImage rgb = ImageFiles.readRgb(file);
        assertThat(rgb.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(rgb.getRGB(6, 1) & 0xFFFFFF).isEqualTo(0x00FF00);
        assertThat(rgb.getRGB(1, 6) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(rgb.getRGB(6, 6) & 0xFFFFFF).isEqualTo(0x7F7F7F);
        assertThat(ImageFiles.readSize(file)).isEqualTo(new Dimension(8, 8));
    }

    // a 40×20 JPEG, left half red, right half blue, with an EXIF APP1 segment saying `orientation`
    private static byte[] orientedJpeg(int orientation) {
        return orientedJpeg(orientation, 0);
    }

    // the same with `before` APP2 segments of 60 KB (as an ICC profile or XMP would be) before the EXIF one
    private static byte[] orientedJpeg(int orientation, int before) {
        byte[] jpeg = ImageFiles.encode(halfRed(), OutputFormat.JPEG);
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 36 + before * 60_002).order(ByteOrder.BIG_ENDIAN);
        out.put(jpeg, 0, 2); // SOI
        for (int i = 0; i < before; i++) {
            out.putShort((short) 0xFFE2).putShort((short) 60_000).put(new byte[59_998]);
        }
        out.putShort((short) 0xFFE1).putShort((short) 34).put("Exif".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 0).put(exifOrientation(orientation));
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    // a TIFF structure whose IFD0 holds one entry, Orientation = `orientation` (26 bytes)
    private static byte[] exifOrientation(int orientation) {
        return ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN)
                .put(new byte[] {'M', 'M', 0, 42}).putInt(8)                       // TIFF header, IFD0 at 8
                .putShort((short) 1)                                               // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1)            // Orientation, SHORT, 1 value
                .putShort((short) orientation).putShort((short) 0).putInt(0)       // value; no next IFD
                .array();
    }

    private static BufferedImage halfRed() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, x < 20 ? 0xE02020 : 0x2020E0);
            }
        }
        return img;
    }

    private static boolean red(int rgb) {
        return (rgb >> 16 & 0xFF) > 150 && (rgb & 0xFF) < 100;
    }

    @Test
    void exifAfterLargeSegmentsAndPngExifAreApplied() {
        // three 60 KB segments first: the EXIF segment starts 180 KB into the file
        BufferedImage late = ImageFiles.readRgb(orientedJpeg(6, 3), "late.jpg");
        assertThat(late.getWidth()).isEqualTo(20);
        assertThat(red(late.getRGB(10, 5))).as("top").isTrue();
        // a PNG with an eXIf chunk (PNG 1.5) after IHDR: the same tag, the same turn
        byte[] png = ImageFiles.encode(halfRed(), OutputFormat.PNG);
        byte[] tagged = withChunk(png, "eXIf", exifOrientation(6));
        assertThat(ImageFiles.readSize(tagged, "tagged.png")).isEqualTo(new Dimension(20, 40));
        BufferedImage upright = ImageFiles.readRgb(tagged, "tagged.png");
        assertThat(red(upright.getRGB(10, 5))).as("top").isTrue();
        assertThat(red(upright.getRGB(10, 35))).as("bottom").isFalse();
    }

    @Test
    void exifOrientationIsAppliedSoThePictureIsUpright() throws IOException {
        // 6: stored as the camera's sensor saw it, shown turned 90° clockwise: the stored left (red) is the top
        Path six = Files.write(dir.resolve("six.jpg"), orientedJpeg(6));
        BufferedImage upright = ImageFiles.readRgb(six);
        assertThat(upright.getWidth()).isEqualTo(20);
        assertThat(upright.getHeight()).isEqualTo(40);
        assertThat(ImageFiles.readSize(six)).isEqualTo(new Dimension(20, 40));
        assertThat(red(upright.getRGB(10, 5))).as("top").isTrue();
        assertThat(red(upright.getRGB(10, 35))).as("bottom").isFalse();
        BufferedImage eight = ImageFiles.readRgb(orientedJpeg(8), "eight.jpg");
        assertThat(red(eight.getRGB(10, 35))).as("8: the stored left is the bottom").isTrue();
        BufferedImage three = ImageFiles.readRgb(orientedJpeg(3), "three.jpg");
        assertThat(three.getWidth()).isEqualTo(40);
        assertThat(red(three.getRGB(35, 10))).as("3: turned 180°, red on the right").isTrue();
        BufferedImage one = ImageFiles.readRgb(orientedJpeg(1), "one.jpg");
        assertThat(red(one.getRGB(5, 10))).as("1: as stored").isTrue();
        for (int o = 1; o <= 8; o++) { // every value maps the 800 pixels onto the shown picture one to one
            BufferedImage shown = ImageFiles.readRgb(orientedJpeg(o), o + ".jpg");
            assertThat((long) shown.getWidth() * shown.getHeight()).isEqualTo(800);
            int reds = 0;
            for (int y = 0; y < shown.getHeight(); y++) {
                for (int x = 0; x < shown.getWidth(); x++) {
                    reds += red(shown.getRGB(x, y)) ? 1 : 0;
                }
            }
            assertThat(reds).as("orientation %d", o).isBetween(380, 420);
        }
    }

    @Test
    void aTiffPagesOwnOrientationTagIsApplied() throws IOException {
        // a scanner's TIFF: pages of 40×20 (left half red), the first tagged 6 (shown turned 90° clockwise), the
        // second untagged; the tag lives in each page's directory, not in an EXIF segment
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, x < 20 ? 0xE02020 : 0x2020E0);
            }
        }
        Path file = dir.resolve("scan.tif");
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
        try (var out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int orientation : new int[] {6, 1}) {
                javax.imageio.metadata.IIOMetadata metadata = writer.getDefaultImageMetadata(
                        javax.imageio.ImageTypeSpecifier.createFromRenderedImage(img), writer.getDefaultWriteParam());
                javax.imageio.plugins.tiff.TIFFDirectory ifd =
                        javax.imageio.plugins.tiff.TIFFDirectory.createFromMetadata(metadata);
                ifd.addTIFFField(new javax.imageio.plugins.tiff.TIFFField(
                        javax.imageio.plugins.tiff.BaselineTIFFTagSet.getInstance().getTag(
                                javax.imageio.plugins.tiff.BaselineTIFFTagSet.TAG_ORIENTATION),
                        javax.imageio.plugins.tiff.TIFFTag.TIFF_SHORT, 1, new char[] {(char) orientation}));
                writer.writeToSequence(new javax.imageio.IIOImage(img, null, ifd.getAsMetadata()),
                        writer.getDefaultWriteParam());
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertThat(ImageFiles.readSize(file)).isEqualTo(new Dimension(20, 40));
        BufferedImage upright = ImageFiles.readRgb(file);
        assertThat(upright.getWidth()).isEqualTo(20);
        assertThat(red(upright.getRGB(10, 5))).as("top: the stored left").isTrue();
        assertThat(red(upright.getRGB(10, 35))).as("bottom").isFalse();
        assertThat(ImageFiles.readSize(file, 1)).as("page 2 has no tag").isEqualTo(new Dimension(40, 20));
        assertThat(red(ImageFiles.readRgb(file, 1).getRGB(5, 10))).isTrue();
    }

    @Test
    void tiffIsReadAndAMultiPageOneGivesItsFirstPage() throws IOException {
        Path file = dir.resolve("pages.tif");
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
        try (var out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int page = 0; page < 2; page++) {
                BufferedImage img = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 12; x++) {
                        img.setRGB(x, y, page == 0 ? 0xC83C28 : 0x2850E0);
                    }
                }
                writer.writeToSequence(new javax.imageio.IIOImage(img, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertThat(InputNames.isPicture(file.getFileName().toString())).isTrue();
        BufferedImage first = ImageFiles.readRgb(file);
        assertThat(first.getRGB(3, 3) & 0xFFFFFF).isEqualTo(0xC83C28);
    }

    @Test
    void tiffExtraSamplesOfUnspecifiedMeaningAreNotTakenForTransparency() {
        // RGB plus a fourth channel tagged ExtraSamples = 0 (unspecified), all zero: as alpha it would be all white
        byte[] samples = new byte[8 * 4 * 4];
        for (int i = 0; i < samples.length; i += 4) {
            samples[i] = 100;
            samples[i + 1] = (byte) 150;
            samples[i + 2] = (byte) 200;
        }
        Path spare = TestImages.rawTiff(dir.resolve("spare.tif"), 8, 4, samples,
                new int[] {258, 8, 8, 8, 8}, new int[] {259, 1}, new int[] {262, 2}, new int[] {277, 4},
                new int[] {338, 0});
        assertThat(ImageFiles.readRgb(spare).getRGB(3, 2) & 0xFFFFFF).isEqualTo(0x6496C8);
        // the same with ExtraSamples = 2 (straight alpha) is transparent: composited over white
        Path alpha = TestImages.rawTiff(dir.resolve("alpha.tif"), 8, 4, samples,
                new int[] {258, 8, 8, 8, 8}, new int[] {259, 1}, new int[] {262, 2}, new int[] {277, 4},
                new int[] {338, 2});
        assertThat(ImageFiles.readRgb(alpha).getRGB(3, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void cmykTiffIsConvertedToItsGray() {
        // C = M = Y = 0, K = 106 of 255: no profile, so 1 - K, as every viewer shows it (the JDK's reader: 230)
        byte[] samples = new byte[8 * 4 * 4];
        for (int i = 3; i < samples.length; i += 4) {
            samples[i] = 106;
        }
        Path file = TestImages.rawTiff(dir.resolve("cmyk.tif"), 8, 4, samples,
                new int[] {258, 8, 8, 8, 8}, new int[] {259, 1}, new int[] {262, 5}, new int[] {277, 4});
        assertChannels(ImageFiles.readRgb(file).getRGB(3, 2), 147, 151, 147, 151, 147, 151);
    }

    @Test
    void floatGrayTiffKeepsItsCodes() {
        // 32-bit float samples 0..1, taken as codes / 255 like 8-bit gray, not brightened as linear gray (was 201)
        ByteBuffer samples = ByteBuffer.allocate(8 * 4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 32; i++) {
            samples.putFloat(i < 16 ? 150 / 255f : 1.5f); // above 1: clamped to white
        }
        Path file = TestImages.rawTiff(dir.resolve("float.tif"), 8, 4, samples.array(),
                new int[] {258, 32}, new int[] {259, 1}, new int[] {262, 1}, new int[] {277, 1}, new int[] {339, 3});
        BufferedImage img = ImageFiles.readRgb(file);
        assertThat(img.getRGB(3, 0) & 0xFFFFFF).isEqualTo(0x969696);
        assertThat(img.getRGB(3, 3) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void gifFramesAreComposedOnTheirLogicalScreen() throws IOException {
        // a 20×10 screen: frame 1 all red; frame 2 a 6×4 blue patch at (10, 3) over it (the red stays: doNotDispose)
        Path file = gif(dir.resolve("anim.gif"), 20, 10,
                new int[] {0, 0, 20, 10, 0xD02020}, new int[] {10, 3, 6, 4, 0x2020D0});
        assertThat(ImageFiles.readSize(file, 1)).isEqualTo(new Dimension(20, 10));
        BufferedImage second = ImageFiles.readRgb(file, 1);
        assertThat(second.getWidth()).isEqualTo(20);
        assertThat(second.getHeight()).isEqualTo(10);
        assertThat(second.getRGB(12, 5) & 0xFFFFFF).as("the patch").isEqualTo(0x2020D0);
        assertThat(second.getRGB(2, 2) & 0xFFFFFF).as("frame 1 around it").isEqualTo(0xD02020);
        // one 8×4 frame at (4, 2) of a 16×8 screen: shown at the screen's size, white (transparent) around it
        Path patch = gif(dir.resolve("patch.gif"), 16, 8, new int[] {4, 2, 8, 4, 0x20A020});
        BufferedImage shown = ImageFiles.readRgb(patch);
        assertThat(ImageFiles.readSize(patch)).isEqualTo(new Dimension(16, 8));
        assertThat(shown.getWidth()).isEqualTo(16);
        assertThat(shown.getRGB(6, 3) & 0xFFFFFF).isEqualTo(0x20A020);
        assertThat(shown.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    // a GIF of the given logical screen, one frame per {left, top, width, height, rgb} (at most 2), each kept
    // (doNotDispose), all colors in one global table as many writers do
    private static Path gif(Path file, int screenW, int screenH, int[]... frames) throws IOException {
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("gif").next();
        try (var out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            javax.imageio.metadata.IIOMetadata stream = writer.getDefaultStreamMetadata(param);
            javax.imageio.metadata.IIOMetadataNode streamTree = new javax.imageio.metadata.IIOMetadataNode(
                    "javax_imageio_gif_stream_1.0");
            javax.imageio.metadata.IIOMetadataNode screen = new javax.imageio.metadata.IIOMetadataNode(
                    "LogicalScreenDescriptor");
            screen.setAttribute("logicalScreenWidth", Integer.toString(screenW));
            screen.setAttribute("logicalScreenHeight", Integer.toString(screenH));
            screen.setAttribute("colorResolution", "8");
            screen.setAttribute("pixelAspectRatio", "0");
            streamTree.appendChild(screen);
            int[] palette = Arrays.stream(frames).mapToInt(f -> f[4]).toArray(); // one global table: frame i, color i
            javax.imageio.metadata.IIOMetadataNode table = new javax.imageio.metadata.IIOMetadataNode(
                    "GlobalColorTable");
            table.setAttribute("sizeOfGlobalColorTable", "2");
            table.setAttribute("backgroundColorIndex", "0");
            table.setAttribute("sortFlag", "FALSE");
            for (int i = 0; i < 2; i++) {
                javax.imageio.metadata.IIOMetadataNode entry = new javax.imageio.metadata.IIOMetadataNode(
                        "ColorTableEntry");
                int rgb = i < palette.length ? palette[i] : 0;
                entry.setAttribute("index", Integer.toString(i));
                entry.setAttribute("red", Integer.toString(rgb >> 16 & 0xFF));
                entry.setAttribute("green", Integer.toString(rgb >> 8 & 0xFF));
                entry.setAttribute("blue", Integer.toString(rgb & 0xFF));
                table.appendChild(entry);
            }
            streamTree.appendChild(table);
            stream.mergeTree("javax_imageio_gif_stream_1.0", streamTree);
            writer.prepareWriteSequence(stream);
            for (int i = 0; i < frames.length; i++) {
                int[] f = frames[i];
                IndexColorModel colors = new IndexColorModel(8, 2, Arrays.copyOf(palette, 2), 0, false, -1,
                        DataBuffer.TYPE_BYTE);
                BufferedImage img = new BufferedImage(f[2], f[3], BufferedImage.TYPE_BYTE_INDEXED, colors);
                for (int y = 0; y < f[3]; y++) {
                    for (int x = 0; x < f[2]; x++) {
                        img.getRaster().setSample(x, y, 0, i);
                    }
                }
                javax.imageio.metadata.IIOMetadata metadata = writer.getDefaultImageMetadata(
                        javax.imageio.ImageTypeSpecifier.createFromRenderedImage(img), param);
                String format = metadata.getNativeMetadataFormatName();
                javax.imageio.metadata.IIOMetadataNode tree =
                        (javax.imageio.metadata.IIOMetadataNode) metadata.getAsTree(format);
                javax.imageio.metadata.IIOMetadataNode descriptor =
                        (javax.imageio.metadata.IIOMetadataNode) tree.getElementsByTagName("ImageDescriptor").item(0);
                descriptor.setAttribute("imageLeftPosition", Integer.toString(f[0]));
                descriptor.setAttribute("imageTopPosition", Integer.toString(f[1]));
                javax.imageio.metadata.IIOMetadataNode control = (javax.imageio.metadata.IIOMetadataNode)
                        tree.getElementsByTagName("GraphicControlExtension").item(0);
                control.setAttribute("disposalMethod", "doNotDispose");
                org.w3c.dom.Node local = tree.getElementsByTagName("LocalColorTable").item(0);
                if (local != null) {
                    tree.removeChild(local); // the default one is a web palette: the global table holds the colors
                }
                metadata.setFromTree(format, tree);
                writer.writeToSequence(new javax.imageio.IIOImage(img, null, metadata), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return file;
    }

    @Test
    void readSizeReadsTheHeader() {
        assertThat(ImageFiles.readSize(TestImages.write(TestImages.noise(37, 21, 2), "jpg", dir.resolve("s.jpg"))))
            .isEqualTo(new Dimension(37, 21));
        assertThat(ImageFiles.readSize(TestImages.write(TestImages.noise(5, 9, 3), "png", dir.resolve("s.png"))))
            .isEqualTo(new Dimension(5, 9));
    }

    @Test
    void missingFileIsReported() {
        assertBad(dir.resolve("nope.jpg"), "no such file", ImageFiles::readRgb);
        assertBad(dir.resolve("nope.jpg"), "no such file", ImageFiles::readSize);
    }

    @Test
    void folderIsReported() throws IOException {
        assertBad(Files.createDirectory(dir.resolve("folder.jpg")), "is a folder", ImageFiles::readRgb);
    }

    @Test
    void emptyFileIsReported() throws IOException {
        assertBad(Files.createFile(dir.resolve("empty.png")), "empty", ImageFiles::readRgb);
    }

    @Test
    void notAnImageIsReportedWithTheSupportedFormats() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "these are not pixels");
        assertBad(text, "JPEG, PNG, BMP, GIF, WebP", ImageFiles::readRgb);
        assertBad(text, "unsupported format", ImageFiles::readSize);
    }

    @Test
    void truncatedPngIsReported() throws IOException {
        Path file = TestImages.write(TestImages.noise(32, 32, 4), "png", dir.resolve("cut.png"));
        cutInHalf(file);
        assertBad(file, "truncated or corrupt", ImageFiles::readRgb);
    }

    @Test
    void truncatedJpegIsReportedNotGrayFilled() throws IOException {
        Path file = TestImages.write(TestImages.noise(64, 64, 5), "jpg", dir.resolve("cut.jpg"));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 8 / 10)); // cut inside the entropy-coded data
        assertBad(file, "truncated", ImageFiles::readRgb);
    }

    @Test
    void corruptHeaderIsReported() throws IOException {
        Path file = TestImages.write(TestImages.noise(8, 8, 6), "png", dir.resolve("bad.png"));
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 12, 40, (byte) 0x55); // IHDR and beyond overwritten, PNG signature kept
        Files.write(file, bytes);
        assertBad(file, "corrupt", ImageFiles::readRgb);
    }

    @Test
    void zeroSizeImageIsReported() throws IOException {
        Path file = Files.write(dir.resolve("zero.bmp"), zeroSizeBmp());
        assertBad(file, "0x0 pixels", ImageFiles::readRgb);
        assertBad(file, "0x0 pixels", ImageFiles::readSize);
    }

    @Test
    void bytesAreDecodedLikeTheirFile() throws IOException {
        Path png = TestImages.write(TestImages.noise(9, 7, 8), "png", dir.resolve("m.png"));
        byte[] bytes = Files.readAllBytes(png);
        assertThat(TestImages.planarRgb(ImageFiles.readRgb(bytes, "upload")))
            .isEqualTo(TestImages.planarRgb(ImageFiles.readRgb(png)));
        assertThat(ImageFiles.readSize(bytes, "upload")).isEqualTo(new Dimension(9, 7));
    }

    @Test
    void badBytesSayWhatKindOfProblemTheyAre() throws IOException {
        assertBadBytes(new byte[0], ImageDecodeException.Kind.UNSUPPORTED, "empty (0 bytes)", true);
        assertBadBytes("these are not pixels".getBytes(StandardCharsets.UTF_8), ImageDecodeException.Kind.UNSUPPORTED,
            "JPEG, PNG, BMP, GIF, WebP", true);
        byte[] png = Files.readAllBytes(TestImages.write(TestImages.noise(32, 32, 4), "png", dir.resolve("h.png")));
        assertBadBytes(Arrays.copyOf(png, png.length / 2), ImageDecodeException.Kind.CORRUPT, "truncated or corrupt",
            false);
        assertBadBytes(zeroSizeBmp(), ImageDecodeException.Kind.CORRUPT, "0x0 pixels", true);
        // 20000 x 20000 announced by a 33-byte header: refused before any pixel is decoded
        assertBadBytes(pngHeader(20_000, 20_000), ImageDecodeException.Kind.TOO_LARGE, "too large", true);
        assertThat(ImageFiles.readSize(pngHeader(5000, 4000), "upload")).isEqualTo(new Dimension(5000, 4000));
    }

    @Test
    void encodeGivesTheBytesWriteImageWrites() throws IOException {
        BufferedImage noise = TestImages.noise(9, 7, 9);
        Path png = dir.resolve("e.png");
        ImageFiles.writeImage(noise, png, OutputFormat.PNG);
        assertThat(ImageFiles.encode(noise, OutputFormat.PNG)).isEqualTo(Files.readAllBytes(png));
        byte[] jpg = ImageFiles.encode(TestImages.solid(16, 16, 0x3366CC), OutputFormat.JPEG);
        assertClose(ImageFiles.readRgb(jpg, "upload").getRGB(8, 8), 0x3366CC, 3);
    }

    @Test
    void writesPngExactlyAndJpegClosely() {
        BufferedImage noise = TestImages.noise(9, 7, 7);
        Path png = dir.resolve("out/deeper/n.png");
        ImageFiles.writeImage(noise, png, OutputFormat.PNG);
        assertThat(TestImages.planarRgb(ImageFiles.readRgb(png))).isEqualTo(TestImages.planarRgb(noise));

        BufferedImage flat = TestImages.solid(16, 16, 0x3366CC);
        Path jpg = dir.resolve("out/f.jpg");
        ImageFiles.writeImage(flat, jpg, OutputFormat.JPEG);
        assertClose(ImageFiles.readRgb(jpg).getRGB(8, 8), 0x3366CC, 3);
    }

    @Test
    void ourPngEncoderWritesPicturesOfManyIdatChunksThatTheJdkDecodesExactly() throws IOException {
        // 640 x 480 of noise: 0.9 MB of rows that barely compress, about fifteen 64 KB IDAT chunks
        BufferedImage noise = TestImages.noise(640, 480, 3);
        Path png = dir.resolve("big.png");
        ImageFiles.writeImage(noise, png, OutputFormat.PNG);
        BufferedImage back = javax.imageio.ImageIO.read(png.toFile());
        assertThat(back.getWidth()).isEqualTo(640);
        assertThat(back.getHeight()).isEqualTo(480);
        assertThat(TestImages.planarRgb(back)).isEqualTo(TestImages.planarRgb(noise));
    }

    @Test
    void writeReplacesTheFileAndLeavesNoTempFile() throws IOException {
        Path file = dir.resolve("r.png");
        ImageFiles.writeImage(TestImages.solid(4, 4, 0xFF0000), file, OutputFormat.PNG);
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        ImageFiles.writeImage(TestImages.solid(4, 4, 0x00FF00), file, OutputFormat.PNG);
        assertThat(ImageFiles.readRgb(file).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x00FF00);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeIntoAFileAsFolderIsReported() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        Path file = blocker.resolve("x.png");
        assertThatThrownBy(() -> ImageFiles.writeImage(TestImages.solid(1, 1, 0), file, OutputFormat.PNG))
            .isInstanceOf(ColorizerException.class).hasMessageContaining("x.png")
            .hasMessageContaining("cannot write the image");
    }

    private static void cutInHalf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static void assertBad(Path file, String expected, Consumer<Path> read) {
        assertThatThrownBy(() -> read.accept(file))
            .isInstanceOf(ColorizerException.class)
            .hasMessageContaining(file.getFileName().toString())
            .hasMessageContaining(expected)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
            .satisfies(e -> assertThat(((ColorizerException) e).file()).isEqualTo(file));
    }

    // readRgb fails; so does readSize where the header is already bad
    private static void assertBadBytes(byte[] bytes, ImageDecodeException.Kind kind, String expected, boolean header) {
        List<Consumer<byte[]>> reads = new ArrayList<>();
        reads.add(b -> ImageFiles.readRgb(b, "upload"));
        if (header) {
            reads.add(b -> ImageFiles.readSize(b, "upload"));
        }
        for (Consumer<byte[]> read : reads) {
            assertThatThrownBy(() -> read.accept(bytes))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageStartingWith("upload: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((ImageDecodeException) e).kind()).isEqualTo(kind))
                .satisfies(e -> assertThat(((ImageDecodeException) e).file()).isNull());
        }
    }

    // a 24-bit BMP whose header says 0 x 0 pixels
    private static byte[] zeroSizeBmp() {
        ByteBuffer bmp = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
        bmp.putInt(40).putInt(0).putInt(0).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
            .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return bmp.array();
    }

    @Test
    void aWebpsExifAndAPngsExifAfterItsPixelsAreApplied() {
        // a 4 x 2 lossless WebP, red left half, blue right half (written by Pillow 9.4: 42 bytes, simple format)
        byte[] webp = java.util.HexFormat.of().parseHex("5249464622000000574542505650384c160000002f034000000f10f3bf"
                + "fff31f0e140208808226a2fff1");
        byte[] exif = exifOrientation(6);
        ByteBuffer tagged = ByteBuffer.allocate(webp.length + 8 + exif.length).order(ByteOrder.LITTLE_ENDIAN);
        tagged.put(webp).put("EXIF".getBytes(StandardCharsets.US_ASCII)).putInt(exif.length).put(exif);
        tagged.putInt(4, tagged.capacity() - 8); // the RIFF size: all after its first 8 bytes
        assertThat(ImageFiles.readSize(tagged.array(), "phone.webp")).isEqualTo(new Dimension(2, 4));
        BufferedImage upright = ImageFiles.readRgb(tagged.array(), "phone.webp");
        assertThat(red(upright.getRGB(0, 0))).as("the left half turned to the top").isTrue();
        assertThat(red(upright.getRGB(1, 3))).isFalse();

        byte[] png = ImageFiles.encode(halfRed(), OutputFormat.PNG); // 40 x 20 as stored
        int iend = png.length - 12;
        ByteBuffer chunk = ByteBuffer.wrap(withChunk(png, "eXIf", exif)); // then moved from IHDR's side to IEND's
        byte[] inserted = Arrays.copyOfRange(chunk.array(), 33, 33 + 12 + exif.length);
        byte[] late = ByteBuffer.allocate(png.length + inserted.length).put(png, 0, iend).put(inserted)
                .put(png, iend, 12).array();
        assertThat(ImageFiles.readSize(late, "late.png")).as("turned upright").isEqualTo(new Dimension(20, 40));
    }

    // the PNG with one more chunk right after IHDR (signature and IHDR are its first 33 bytes)
    private static byte[] withChunk(byte[] png, String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length); // type and data
        chunk.putInt((int) crc.getValue());
        return ByteBuffer.allocate(png.length + chunk.capacity()).put(png, 0, 33).put(chunk.array())
                .put(png, 33, png.length - 33).array();
    }

    @Test
    void aPngsTextChunksAreNotInflated() {
        // a zTXt chunk whose compressed text is not a zlib stream: the JDK reader, asked for metadata, fails on it
        // (and inflates a valid one in full, however large: a text bomb); the picture itself is fine
        byte[] png = ImageFiles.encode(halfRed(), OutputFormat.PNG);
        byte[] text = new byte[1000];
        byte[] keyword = "Comment".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(keyword, 0, text, 0, keyword.length); // then NUL, method 0 (deflate), then garbage
        Arrays.fill(text, keyword.length + 2, text.length, (byte) 0x5A);
        byte[] bomb = withChunk(png, "zTXt", text);
        BufferedImage read = ImageFiles.readRgb(bomb, "text.png");
        assertThat(read.getRGB(10, 5)).isEqualTo(ImageFiles.readRgb(png, "plain.png").getRGB(10, 5));
        assertThat(read.getWidth()).isEqualTo(halfRed().getWidth());
    }

    // the PNG signature and a valid IHDR chunk (8-bit gray) announcing w x h, with no pixel data after it
    private static byte[] pngHeader(int w, int h) {
        ByteBuffer png = ByteBuffer.allocate(33); // big-endian, as PNG is
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
            .put(new byte[] {8, 0, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(png.array(), 12, 17); // type and data
        png.putInt((int) crc.getValue());
        return png.array();
    }

    private static void assertClose(int actual, int expected, int tolerance) {
        for (int shift = 16; shift >= 0; shift -= 8) {
            assertThat((actual >> shift) & 0xFF).as("channel at bit %d of %06x vs %06x", shift,
                actual & 0xFFFFFF, expected).isCloseTo((expected >> shift) & 0xFF,
                within(tolerance));
        }
    }

    private static void assertChannels(int rgb, int rMin, int rMax, int gMin, int gMax, int bMin, int bMax) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        assertThat(r).as("red of %06x", rgb & 0xFFFFFF).isBetween(rMin, rMax);
        assertThat(g).as("green of %06x", rgb & 0xFFFFFF).isBetween(gMin, gMax);
        assertThat(b).as("blue of %06x", rgb & 0xFFFFFF).isBetween(bMin, bMax);
    }
}
