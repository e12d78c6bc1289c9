package dev.colorizer.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Small images generated in code for the data tests. */
final class TestImages {
    private TestImages() {
    }

    /** A TYPE_INT_RGB image of one color. */
    static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /** A TYPE_INT_RGB image of seeded uniform noise. */
    static BufferedImage noise(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return img;
    }

    /** Writes with ImageIO's writer for the format name, creating parent folders. */
    static Path write(BufferedImage img, String format, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for " + img);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A 4-channel JPEG: the raster's bands are written as they are by the JDK writer (no JFIF, no Adobe marker), then
     * an Adobe APP14 segment is put after SOI to say what they are: transform 0 = CMYK, 2 = YCCK. Adobe's convention
     * (which TwelveMonkeys follows) stores CMYK inverted: the byte is 255 - ink.
     */
    static Path fourChannelJpeg(Raster raster, int adobeTransform, Path file) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(raster, null, null), null);
            } finally {
                writer.dispose();
            }
            byte[] jpeg = bytes.toByteArray();
            // FFEE, length 14, "Adobe", version 100, flags0 0, flags1 0, transform
            byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
                (byte) adobeTransform};
            ByteArrayOutputStream result = new ByteArrayOutputStream();
            result.write(jpeg, 0, 2);
            result.write(app14);
            result.write(jpeg, 2, jpeg.length - 2);
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, result.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 4-band byte raster whose vertical stripes (each {@code w / values.length} wide) hold the given samples. */
    static WritableRaster stripes(int w, int h, int[][] values) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        int stripe = w / values.length;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, values[Math.min(x / stripe, values.length - 1)]);
            }
        }
        return raster;
    }

    /** The image's pixels as planar R, G, B bytes (3*w*h), the SampleCache layout. */
    static byte[] planarRgb(BufferedImage img) {
        int n = img.getWidth() * img.getHeight();
        byte[] out = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            int p = img.getRGB(i % img.getWidth(), i / img.getWidth());
            out[i] = (byte) (p >> 16);
            out[n + i] = (byte) (p >> 8);
            out[2 * n + i] = (byte) p;
        }
        return out;
    }

    /**
     * An uncompressed little-endian one-strip TIFF of {@code w}×{@code h} with the raw sample bytes {@code strip}
     * and the given tags (each {tag, value, value...}, stored as SHORTs), beside the size and strip tags: what the
     * JDK's TIFF writer cannot make (unspecified extra samples, CMYK, float samples).
     */
    static Path rawTiff(Path file, int w, int h, byte[] strip, int[]... shortTags) {
        java.util.TreeMap<Integer, long[]> tags = new java.util.TreeMap<>();
        for (int[] tag : shortTags) {
            tags.put(tag[0], java.util.Arrays.stream(tag, 1, tag.length).asLongStream().toArray());
        }
        int stripAt = 1024; // after the directory and its out-of-line values
        tags.put(256, new long[] {w});
        tags.put(257, new long[] {h});
        tags.put(273, new long[] {stripAt});
        tags.put(278, new long[] {h});
        tags.put(279, new long[] {strip.length});
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(stripAt + strip.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) tags.size());
        int outOfLine = 8 + 2 + 12 * tags.size() + 4;
        for (var tag : tags.entrySet()) {
            boolean asLong = tag.getKey() >= 256 && tag.getKey() <= 279 && tag.getKey() != 258 && tag.getKey() != 259
                    && tag.getKey() != 262 && tag.getKey() != 277;
            long[] v = tag.getValue();
            int size = asLong ? 4 : 2;
            b.putShort((short) (int) tag.getKey()).putShort((short) (asLong ? 4 : 3)).putInt(v.length);
            int at = b.position(); // the value field: the values themselves when they fit in 4 bytes, else their offset
            if (v.length * size > 4) {
                b.putInt(outOfLine);
                b.position(outOfLine);
                outOfLine += v.length * size;
            }
            for (long x : v) {
                if (asLong) {
                    b.putInt((int) x);
                } else {
                    b.putShort((short) x);
                }
            }
            b.position(at + 4);
        }
        b.putInt(0).position(stripAt);
        b.put(strip);
        try {
            return Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
