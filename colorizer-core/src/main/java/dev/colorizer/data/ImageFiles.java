package dev.colorizer.data;

import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.color.Lab;
import dev.colorizer.io.AtomicFiles;
import java.awt.Dimension;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads image files into clean 8-bit sRGB {@link BufferedImage#TYPE_INT_RGB} images (with their metadata and deeper
 * samples: {@link #readPicture}) and writes PNG/JPEG/TIFF with metadata atomically.
 *
 * <p>Decoding is ImageIO plus the TwelveMonkeys plugins (CMYK/YCCK JPEG, WebP, BMP). Every failure a user can fix
 * (missing, empty, truncated, corrupt, unsupported, zero-size, huge) is a {@link ColorizerException} naming the file
 * and the fix; decoder exceptions never escape raw. A failure to decode is an {@link ImageDecodeException} that says
 * of what kind it is. Images in memory (uploads) are read and written in memory only, never through a cache file.
 */
public final class ImageFiles {
    private static final String SUPPORTED = "supported: JPEG, PNG, BMP, GIF, WebP, TIFF";
    // 268 megapixels: about 1 GiB as TYPE_INT_RGB; anything larger is a decompression bomb or needs downscaling first
    private static final long MAX_PIXELS = 1L << 28;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageFiles.class);

    static {
        // registers the TwelveMonkeys readers also where the context class loader is not the application one
        ImageIO.scanForPlugins();
    }

    private ImageFiles() {
    }

    /**
     * Decodes the first image of the file to TYPE_INT_RGB, 8-bit sRGB. Gray becomes R = G = B (8 or 16 bit, scaled to
     * 0..255, taken as sRGB-encoded like every viewer and OpenCV do); alpha is composited over white, the background
     * a transparent picture is usually shown on; palettes are looked up; CMYK/YCCK JPEG are converted by TwelveMonkeys
     * (with the embedded ICC profile, or its default CMYK profile); other ICC color spaces are converted to sRGB.
     */
    public static BufferedImage readRgb(Path file) {
        return withReader(file, (reader, in, orientation) -> picture(reader, in, 0, true, file, null, orientation,
                false).rgb());
    }

    /**
     * {@link #readRgb(Path)} of page {@code page} (0-based) of a multi-page TIFF or frame of a GIF, without the notice
     * that the other pages are not read; page 0 of any other picture.
     *
     * @throws ColorizerException if the file has no such page
     */
    public static BufferedImage readRgb(Path file, int page) {
        return withReader(file, (reader, in, orientation) -> picture(reader, in, page, false, file, null,
                orientation, false).rgb());
    }

    /**
     * The picture of the file as {@link #readRgb(Path)} reads it, with its samples beyond 8 bits, the metadata its
     * output keeps ({@link ImageMetadata}) and the warnings on it.
     */
    public static Picture readPicture(Path file) {
        return withReader(file, (reader, in, orientation) -> picture(reader, in, 0, true, file, null, orientation,
                true));
    }

    /** Only the metadata {@link #readPicture(Path)} reads, without decoding the pixels (e.g. for colorize info). */
    public static ImageMetadata readMetadata(Path file) {
        return withReader(file, (reader, in, orientation) -> {
            try {
                return ImageMetadata.read(in, reader, 0);
            } catch (IOException | RuntimeException e) {
                throw new ColorizerException(file, "its metadata cannot be read (" + reason(e) + ")", e);
            }
        });
    }

    /** {@link #readPicture(Path)} of page {@code page} (0-based), as {@link #readRgb(Path, int)} reads it. */
    public static Picture readPicture(Path file, int page) {
        return withReader(file, (reader, in, orientation) -> picture(reader, in, page, false, file, null,
                orientation, true));
    }

    /** {@link #readPicture(Path)} for an image held in memory, e.g. an upload; {@code name} stands for it. */
    public static Picture readPicture(byte[] bytes, String name) {
        return withReader(bytes, name, (reader, in, orientation) -> picture(reader, in, 0, true, null, name,
                orientation, true));
    }

    // the page decoded and turned upright; full: also its deep samples and metadata (else only the 8-bit pixels)
    private static Picture picture(ImageReader reader, ImageInputStream in, int page, boolean noticeOtherPages,
                                   Path file, String name, int fileOrientation, boolean full) throws IOException {
        List<String> warnings = new ArrayList<>();
        ImageMetadata metadata = ImageMetadata.NONE;
        if (full) {
            try {
                metadata = ImageMetadata.read(in, reader, page);
            } catch (IOException | RuntimeException e) { // the picture is still colorized, without it
                warn(warnings, (file != null ? file : name) + ": its metadata cannot be read (" + reason(e)
                        + "): the output is written without the input's EXIF, XMP and IPTC");
            }
        }
        in.seek(0);
        BufferedImage decoded = decode(reader, page, noticeOtherPages, file, name, warnings);
        int orientation = ExifOrientation.ofPage(reader, page, fileOrientation);
        BufferedImage rgb = ExifOrientation.apply(toRgb(decoded), orientation);
        if (!full) {
            return new Picture(rgb, null, ImageMetadata.NONE, warnings);
        }
        int[] deep = deepGray(decoded);
        return new Picture(rgb, deep == null ? null
                : ExifOrientation.apply(deep, decoded.getWidth(), decoded.getHeight(), orientation),
                metadata, warnings);
    }

    /**
     * The gray of a picture whose integer samples have more than 8 bits, opaque gray or sRGB: (H, W) row-major in
     * 0..65535 (the luma 0.299 R + 0.587 G + 0.114 B of a color one, rounded); null for any other picture.
     */
    private static int[] deepGray(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        if (!(cm instanceof ComponentColorModel) || cm.hasAlpha() || cm.getTransferType() != DataBuffer.TYPE_USHORT
                || cm.getComponentSize(0) <= 8 || !(cs.getType() == ColorSpace.TYPE_GRAY || cs.isCS_sRGB())) {
            return null;
        }
        Raster raster = img.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        double scale = 65535.0 / ((1 << cm.getComponentSize(0)) - 1);
        int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
        int[] gray = new int[w * h];
        for (int i = 0, p = 0; i < gray.length; i++, p += bands) {
            double v = bands == 1 ? samples[p] : 0.299 * samples[p] + 0.587 * samples[p + 1] + 0.114 * samples[p + 2];
            gray[i] = (int) Math.min(65535, Math.round(v * scale));
        }
        return gray;
    }

    /**
     * The number of pages (TIFF) or frames (GIF) of the file, 1 for the formats that hold one picture. A GIF is read
     * to its end to count them.
     */
    public static int pageCount(Path file) {
        return withReader(file, (reader, in, orientation) -> pages(reader));
    }

    /**
     * {@link #readRgb(Path)} for an image held in memory, e.g. an upload; {@code name} stands for it in messages.
     * Check {@link #readSize(byte[], String)} first where the pixel count must be limited below the built-in one.
     */
    public static BufferedImage readRgb(byte[] bytes, String name) {
        return withReader(bytes, name, (reader, in, orientation) -> picture(reader, in, 0, true, null, name,
                orientation, false).rgb());
    }

    /** The image's width and height, read from the header without decoding pixels. */
    public static Dimension readSize(Path file) {
        return withReader(file, (reader, in, orientation) -> upright(headerSize(reader, file, null),
                ExifOrientation.ofPage(reader, 0, orientation)));
    }

    /** {@link #readSize(Path)} of page {@code page} (0-based) of a multi-page TIFF or frame of a GIF. */
    public static Dimension readSize(Path file, int page) {
        return withReader(file, (reader, in, orientation) ->
                upright(headerSize(reader, page, file, null), ExifOrientation.ofPage(reader, page, orientation)));
    }

    /** {@link #readSize(Path)} for an image held in memory; {@code name} stands for it in messages. */
    public static Dimension readSize(byte[] bytes, String name) {
        return withReader(bytes, name, (reader, in, orientation) -> upright(headerSize(reader, null, name),
                ExifOrientation.ofPage(reader, 0, orientation)));
    }

    // the size as shown: sides swapped for an EXIF orientation that turns the picture by 90°
    private static Dimension upright(Dimension stored, int orientation) {
        return ExifOrientation.swapsSides(orientation) ? new Dimension(stored.height, stored.width) : stored;
    }

    // file or name: the one that names the image in messages (see ImageDecodeException)
    private static Dimension headerSize(ImageReader reader, Path file, String name) throws IOException {
        return headerSize(reader, 0, file, name);
    }

    private static Dimension headerSize(ImageReader reader, int page, Path file, String name) throws IOException {
        Dimension size = GifFrames.isGif(reader) ? GifFrames.canvasSize(reader)
                : new Dimension(reader.getWidth(page), reader.getHeight(page));
        checkDimensions(file, name, size.width, size.height);
        return size;
    }

    // pages or frames of the formats that hold several pictures (TIFF, GIF), else 1 without asking the reader
    private static int pages(ImageReader reader) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        return format.contains("tif") || format.contains("gif") ? reader.getNumImages(true) : 1;
    }

    // TwelveMonkeys' notices on a missing or odd ICC profile ("No embedded ICC color profile, will convert using
    // inaccurate CMYK profile"): the pixels are intact and converted as usual (ICC handling is kept as it is)
    private static boolean isAboutColorProfile(String warning) {
        String lower = warning.toLowerCase(Locale.ROOT);
        return lower.contains("icc") || lower.contains("color profile") || lower.contains("colour profile");
    }

    // page: 0-based; noticeOtherPages: warn when the file holds more pages than the one read
    // warnings: where the decoder's warnings and the notice of pages not read are added, as they are logged
    private static BufferedImage decode(ImageReader reader, int page, boolean noticeOtherPages, Path file,
                                        String name, List<String> warnings) throws IOException {
        if (page > 0 && page >= pages(reader)) {
            throw new ColorizerException(file, "has no page " + (page + 1) + " (it has " + pages(reader) + ")");
        }
        headerSize(reader, page, file, name);
        String[] truncation = new String[1];
        String[] damage = new String[1];
        reader.addIIOReadWarningListener((source, warning) -> {
            // libjpeg (both JPEG readers) only warns on a cut-off file and fills the rest with gray, and only warns on
            // damaged data inside it ("Corrupt JPEG data: 65 extraneous bytes before marker"), decoding what it can
            if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                truncation[0] = warning;
            } else if (warning != null && damage[0] == null && !isAboutColorProfile(warning)) {
                damage[0] = warning;
            }
        });
        BufferedImage img = GifFrames.isGif(reader) ? GifFrames.composed(reader, page)
                : reader.read(page, reader.getDefaultReadParam());
        if (img.getColorModel().hasAlpha() && img.getColorModel() instanceof ComponentColorModel
                && TiffTags.isTiff(reader) && unspecifiedExtraSamples(reader, page)) {
            img = colorBandsOnly(img);
        }
        if (noticeOtherPages) {
            int pages = pages(reader);
            if (pages > 1) {
                // a file is predict's or spark's (which can take each page); bytes are an upload, which cannot
                warn(warnings, (file != null ? file : name) + ": " + pages + " "
                        + (reader.getFormatName().toLowerCase(Locale.ROOT).contains("gif") ? "frames" : "pages")
                        + ": only the first is colorized" + (file != null ? " (predict --all-pages colorizes each)"
                        : ""));
            }
        }
        if (truncation[0] != null) {
            throw new ImageDecodeException(ImageDecodeException.Kind.CORRUPT, file, name, "the image is truncated ("
                + oneLine(truncation[0]) + "): re-export or re-download it, or remove it", null);
        }
        if (damage[0] != null) {
            warn(warnings, (file != null ? file : name) + ": the decoder reports damaged data (" + oneLine(damage[0])
                    + "): parts of the picture may come out wrong; re-export or re-download it");
        }
        return img;
    }

    private static void warn(List<String> warnings, String warning) {
        LOG.warn("{}", warning);
        warnings.add(warning);
    }

    // a TIFF page whose samples beyond the color ones are all of unspecified meaning (ExtraSamples = 0: a scanner's
    // or an editor's spare channel, not transparency; both TIFF readers take it for alpha, which would paint an
    // all-zero channel white)
    private static boolean unspecifiedExtraSamples(ImageReader reader, int page) throws IOException {
        int[] extra = TiffTags.values(reader, page, TiffTags.EXTRA_SAMPLES);
        return extra.length > 0 && Arrays.stream(extra).allMatch(v -> v == 0);
    }

    // the color bands of a component image (alpha is its last band) as an opaque image sharing the same pixels
    private static BufferedImage colorBandsOnly(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        int colors = cm.getNumColorComponents();
        WritableRaster raster = img.getRaster();
        WritableRaster colorBands = raster.createWritableChild(raster.getMinX(), raster.getMinY(), raster.getWidth(),
                raster.getHeight(), 0, 0, IntStream.range(0, colors).toArray());
        ColorModel opaque = new ComponentColorModel(cm.getColorSpace(), Arrays.copyOf(cm.getComponentSize(), colors),
                false, false, Transparency.OPAQUE, cm.getTransferType());
        return new BufferedImage(opaque, colorBands, false, null);
    }

    /**
     * A picture read as the true colors of a training or evaluation pair: refused when it has none (every pixel
     * R = G = B), since a gray truth teaches gray and scores the gray baseline perfect (MSE 0, PSNR capped).
     */
    public static BufferedImage readColorTruth(Path file) {
        BufferedImage rgb = readRgb(file);
        int[] row = new int[rgb.getWidth()];
        for (int y = 0; y < rgb.getHeight(); y++) {
            rgb.getRGB(0, y, row.length, 1, row, 0, row.length);
            for (int p : row) {
                int r = (p >> 16) & 0xFF;
                if (r != ((p >> 8) & 0xFF) || r != (p & 0xFF)) {
                    return rgb;
                }
            }
        }
        throw new ColorizerException(file, "is a gray picture (no pixel has color): there are no true colors to "
                + "learn or score against; take it out of the color pictures");
    }

    /**
     * Writes the image as PNG, JPEG (quality 0.95, alpha composited over white) or TIFF atomically, with no input's
     * metadata (only what says its pixels are sRGB): into a temp file in the same directory, then renamed over
     * {@code file}. Parent directories are created.
     */
    public static void writeImage(BufferedImage img, Path file, OutputFormat format) {
        writeImage(img, ImageMetadata.NONE, file, format, OutputFormat.DEFAULT_JPEG_QUALITY, true);
    }

    /**
     * Writes the image in {@code format} with {@code metadata} atomically (see
     * {@link #writeImage(BufferedImage, Path, OutputFormat)}); with {@code replace} false a file that is at
     * {@code file} when the picture is put in place (one that appeared since the caller looked) is kept, and the
     * error says so.
     *
     * @param img         TYPE_INT_RGB, or 16 bits a sample opaque sRGB ({@link #deepRgb}): TIFF keeps 16 bits, PNG
     *                    and JPEG take 8
     * @param jpegQuality 0..1, for JPEG ({@link OutputFormat#DEFAULT_JPEG_QUALITY})
     */
    public static void writeImage(BufferedImage img, ImageMetadata metadata, Path file, OutputFormat format,
                                  float jpegQuality, boolean replace) {
        try {
            AtomicFiles.writeFile(file, AtomicFiles.Durability.RENAMED, replace, temp -> {
                try (FileImageOutputStream stream = new FileImageOutputStream(temp.toFile())) {
                    write(img, metadata, stream, format, jpegQuality);
                }
            });
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!file.toAbsolutePath().toString().equals(e.getFile())) { // a parent folder's name is a file's
                throw new ColorizerException(file, Message.of("cannot write the image: " + e.getFile() + " is a file "
                        + "where a folder is needed; move it away or choose another ", Setting.OUT), e);
            }
            throw new ColorizerException(file, Message.of("a file appeared there while the picture was being made, "
                    + "not written by colorize: it is kept; move it away or choose another ", Setting.OUT), e);
        } catch (IOException | RuntimeException e) {
            throw new ColorizerException(file, "cannot write the image (" + reason(e)
                + "): check that the folder is writable and the disk has space", e);
        }
    }

    /** The bytes {@link #writeImage(BufferedImage, Path, OutputFormat)} would write, encoded in memory. */
    public static byte[] encode(BufferedImage img, OutputFormat format) {
        return encode(img, ImageMetadata.NONE, format, OutputFormat.DEFAULT_JPEG_QUALITY);
    }

    /** The bytes {@link #writeImage(BufferedImage, ImageMetadata, Path, OutputFormat, float, boolean)} writes. */
    public static byte[] encode(BufferedImage img, ImageMetadata metadata, OutputFormat format, float jpegQuality) {
        return ImageMetadata.written(stream -> write(img, metadata, stream, format, jpegQuality));
    }

    /**
     * A w × h image of 16-bit sRGB samples (R, G, B interleaved, 0..65535) as a BufferedImage: what a colorized
     * 16-bit picture is written from.
     */
    public static BufferedImage deepRgb(short[] samples, int w, int h) {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferUShort(samples, samples.length), w, h,
                3 * w, 3, new int[] {0, 1, 2}, null);
        return new BufferedImage(cm, raster, false, null);
    }

    private static void write(BufferedImage img, ImageMetadata metadata, ImageOutputStream stream,
                              OutputFormat format, float jpegQuality) throws IOException {
        switch (format) {
            case PNG -> {
                if (img.getColorModel().hasAlpha()) { // e.g. an evaluation grid: kept as it is, without metadata
                    writeWith("png", img, null, stream, null);
                } else {
                    PngEncoder.write(toRgb(img), metadata, metadata.xmp(), stream);
                }
            }
            case JPEG -> {
                BufferedImage bgr = toBgrBytes(toRgb(img));
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
                writeWith(writer, bgr, OutputMetadata.jpeg(writer, bgr, param, metadata), stream, param);
            }
            case TIFF -> {
                boolean deep = img.getColorModel().getComponentSize(0) > 8;
                BufferedImage pixels = deep ? img : toBgrBytes(toRgb(img));
                ImageWriter writer = OutputMetadata.tiffWriter();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate"); // lossless, and smaller than LZW on photographs
                writeWith(writer, pixels, OutputMetadata.tiff(metadata, img.getWidth(), img.getHeight()), stream,
                        param);
            }
            default -> throw new IllegalArgumentException("resolve " + format + " for the picture first");
        }
    }

    private static void writeWith(String format, BufferedImage img, IIOMetadata metadata, ImageOutputStream stream,
                                  ImageWriteParam param) throws IOException {
        writeWith(ImageIO.getImageWritersByFormatName(format).next(), img, metadata, stream, param);
    }

    private static void writeWith(ImageWriter writer, BufferedImage img, IIOMetadata metadata,
                                  ImageOutputStream stream, ImageWriteParam param) throws IOException {
        try {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(img, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A TYPE_INT_RGB image as TYPE_3BYTE_BGR, rows copied in parallel bands: ImageIO's JPEG writer takes a byte
     * raster as it is, but converts an int one pixel by pixel through its color model (the same file, in about half
     * the time with the copy included; docs/BENCHMARKS.md).
     */
    private static BufferedImage toBgrBytes(BufferedImage rgb) {
        int w = rgb.getWidth();
        BufferedImage bgr = new BufferedImage(w, rgb.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData(); // fresh: no offset, no stride
        Raster src = rgb.getRaster();
        Lab.forEachBand(rgb.getHeight(), w, (y0, y1) -> {
            int[] pixels = (int[]) src.getDataElements(src.getMinX(), src.getMinY() + y0, w, y1 - y0, null);
            for (int i = 0, o = 3 * y0 * w; i < pixels.length; i++, o += 3) {
                int p = pixels[i];
                dst[o] = (byte) p;
                dst[o + 1] = (byte) (p >> 8);
                dst[o + 2] = (byte) (p >> 16);
            }
        });
        return bgr;
    }

    /**
     * The image as TYPE_INT_RGB 8-bit sRGB, converted as {@link #readRgb} describes; the argument itself when it
     * already is TYPE_INT_RGB.
     */
    public static BufferedImage toRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        ColorModel cm = img.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        int transfer = cm.getTransferType();
        boolean integral = transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT;
        boolean floating = transfer == DataBuffer.TYPE_FLOAT || transfer == DataBuffer.TYPE_DOUBLE;
        if (cm instanceof IndexColorModel || (cm instanceof DirectColorModel && cs.isCS_sRGB())) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, row, 0, w); // non-premultiplied ARGB
                for (int x = 0; x < w; x++) {
                    dst[y * w + x] = overWhite(row[x]);
                }
            }
        } else if (cm instanceof ComponentColorModel && (integral || floating)
            && (cs.getType() == ColorSpace.TYPE_GRAY || cs.isCS_sRGB())) {
            componentsToRgb(img.getRaster(), cm, floating, dst);
        } else {
            // any other color space (an embedded ICC profile, linear RGB): Java2D converts it
            BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            new ColorConvertOp(null).filter(img, argb);
            int[] src = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < src.length; i++) {
                dst[i] = overWhite(src[i]);
            }
        }
        return out;
    }

    // gray or sRGB samples of any bit depth, with or without alpha; gray is NOT put through Java2D's linear-gray
    // conversion (which would brighten it), its codes are the sRGB codes; floating: samples 0..1 (a float TIFF),
    // taken as codes / 255 like the integer ones, clamped
    private static void componentsToRgb(Raster raster, ColorModel cm, boolean floating, int[] dst) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int colors = cm.getNumColorComponents(); // 1 (gray) or 3 (RGB); the alpha band, if any, follows
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        double[] scale = new double[bands];
        for (int b = 0; b < bands; b++) {
            scale[b] = floating ? 1.0 : 1.0 / ((1L << cm.getComponentSize(b)) - 1);
        }
        double[] rgb = new double[3];
        boolean plain8 = !alpha && !floating;
        for (int b = 0; b < bands; b++) {
            plain8 &= cm.getComponentSize(b) == 8;
        }
        if (plain8 && raster.getTransferType() == DataBuffer.TYPE_BYTE) {
            // 8-bit gray or RGB in bytes, opaque (every JPEG): each row's samples copied at once in band order (R, G,
            // B or gray), not through getPixels' per-sample calls; the samples are the codes
            byte[] samples = new byte[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getDataElements(raster.getMinX(), raster.getMinY() + y, w, 1, samples);
                for (int x = 0, p = 0, o = y * w; x < w; x++, p += bands, o++) {
                    dst[o] = colors == 1 ? (samples[p] & 0xFF) * 0x010101
                            : (samples[p] & 0xFF) << 16 | (samples[p + 1] & 0xFF) << 8 | samples[p + 2] & 0xFF;
                }
            }
            return;
        }
        if (plain8) { // 8-bit gray or RGB, opaque: the samples are the codes, v * scale * 255 = v
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int p = x * bands;
                    dst[y * w + x] = colors == 1 ? row[p] * 0x010101 : row[p] << 16 | row[p + 1] << 8 | row[p + 2];
                }
            }
            return;
        }
        double[] row = new double[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                double a = alpha ? Math.max(0, Math.min(1, row[p + colors] * scale[colors])) : 1.0;
                for (int c = 0; c < 3; c++) {
                    int band = colors == 1 ? 0 : c;
                    double v = Math.max(0, Math.min(1, row[p + band] * scale[band])); // 0..1
                    rgb[c] = (premultiplied ? v : v * a) + (1.0 - a);
                }
                dst[y * w + x] = to8(rgb[0]) << 16 | to8(rgb[1]) << 8 | to8(rgb[2]);
            }
        }
    }

    private static int to8(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v * 255.0)));
    }

    // non-premultiplied ARGB -> opaque RGB over white: c' = (c * a + 255 * (255 - a)) / 255, rounded
    private static int overWhite(int argb) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb & 0xFFFFFF;
        }
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (argb >> shift) & 0xFF;
            out |= ((c * a + 255 * (255 - a) + 127) / 255) << shift;
        }
        return out;
    }

    private interface ReaderAction<T> {
        /**
         * @param in          the stream the reader reads, for the metadata read beside the pixels
         * @param orientation the file's EXIF orientation (1 as stored; a TIFF page's: {@link ExifOrientation#ofPage})
         */
        T apply(ImageReader reader, ImageInputStream in, int orientation) throws IOException;
    }

    // opens the file and runs the action with each reader that claims the format, until one succeeds
    private static <T> T withReader(Path file, ReaderAction<T> action) {
        checkFile(file);
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            return withReader(in, file, null, action);
        } catch (IOException e) {
            throw new ColorizerException(file, "cannot read the file (" + reason(e) + "): check that it is readable",
                e);
        }
    }

    private static <T> T withReader(byte[] bytes, String name, ReaderAction<T> action) {
        if (bytes.length == 0) {
            throw new ImageDecodeException(ImageDecodeException.Kind.UNSUPPORTED, null, name,
                "empty (0 bytes), not an image: send the bytes of a picture", null);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return withReader(in, null, name, action);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e); // no I/O happens: a bug, not bad input
        }
    }

    // file or name: the one that names the image in messages (see ImageDecodeException)
    private static <T> T withReader(ImageInputStream in, Path file, String name, ReaderAction<T> action)
        throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageDecodeException(ImageDecodeException.Kind.UNSUPPORTED, file, name,
                "not an image or an unsupported format (" + SUPPORTED + "): convert it to PNG or JPEG, or remove it",
                null);
        }
        int orientation = ExifOrientation.of(in);
        Exception failure = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                in.seek(0);
                // a PNG's metadata is never asked of its reader (PngChunks reads the chunks kept), since the JDK
                // reader would inflate every zTXt/iTXt chunk in full: a 0.6 MB file of 0.06 MP could take gigabytes
                reader.setInput(in, false, reader.getFormatName().equalsIgnoreCase("png"));
                return action.apply(reader, in, orientation);
            } catch (ColorizerException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // e.g. the JDK JPEG reader after TwelveMonkeys: another decoder may cope; report the first error
                failure = failure == null ? e : failure;
            } finally {
                reader.dispose();
            }
        }
        throw new ImageDecodeException(ImageDecodeException.Kind.CORRUPT, file, name,
            "cannot decode the image, the file is truncated or corrupt (" + reason(failure)
                + "): re-export or re-download it, or remove it", failure);
    }

    private static void checkFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new ColorizerException(file, "is a folder, not an image file: give the path of an image file");
        }
        if (!Files.exists(file)) {
            throw new ColorizerException(file, "no such file: check the path");
        }
        if (!Files.isReadable(file)) {
            throw new ColorizerException(file, "the file is not readable: check its permissions");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ColorizerException(file, "the file is empty (0 bytes): re-export or re-download the image,"
                    + " or remove it");
            }
        } catch (IOException e) {
            throw new ColorizerException(file, "cannot read the file (" + reason(e) + "): check that it is readable",
                e);
        }
    }

    private static void checkDimensions(Path file, String name, int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new ImageDecodeException(ImageDecodeException.Kind.CORRUPT, file, name, "the image is empty (" + w
                + "x" + h + " pixels): re-export it with its pixels, or remove it", null);
        }
        if ((long) w * h > MAX_PIXELS) {
            throw new ImageDecodeException(ImageDecodeException.Kind.TOO_LARGE, file, name, "the image is too large ("
                + w + "x" + h + " pixels, at most " + (MAX_PIXELS / 1_000_000) + " megapixels): downscale it first",
                null, new java.awt.Dimension(w, h));
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
