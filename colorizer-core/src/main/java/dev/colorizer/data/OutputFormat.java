package dev.colorizer.data;

import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The formats colorized pictures are written in ({@link ImageFiles#writeImage}, {@link ImageFiles#encode}): PNG,
 * lossless 8 bits a sample; JPEG at a quality (default {@link #DEFAULT_JPEG_QUALITY}); TIFF, lossless, 16 bits a
 * sample where the input had more than 8, else 8; or {@link #KEEP}, each output in its input's format where one of
 * these can write it. One parser of the names a user gives, for every front end ({@code predict --format
 * --quality}, {@code spark --format --quality}, the API's {@code ?format=&quality=}).
 */
public enum OutputFormat {
    PNG("png", "image/png"),
    JPEG("jpg", "image/jpeg"),
    TIFF("tif", "image/tiff"),
    /** Not a format of its own: each output takes its input's ({@link #forInput}), PNG where that is not writable. */
    KEEP(null, null);

    /** The JPEG quality when none is given: 0.95, in ImageIO's scale from 0 (smallest) to 1 (best). */
    public static final float DEFAULT_JPEG_QUALITY = 0.95f;

    private final String extension;
    private final String mediaType;

    OutputFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The outputs' file name extension, without the dot: "png", "jpg" or "tif" ({@link #KEEP}: resolve it first). */
    public String extension() {
        return concrete().extension;
    }

    /** The media type of the encoded bytes, e.g. "image/jpeg" ({@link #KEEP}: resolve it first). */
    public String mediaType() {
        return concrete().mediaType;
    }

    /**
     * The format an output of the input named {@code inputName} is written in: this one, or for {@link #KEEP} the
     * input's by its extension (jpg/jpeg, png, tif/tiff), PNG for the formats none of these is (BMP, GIF, WebP).
     */
    public OutputFormat forInput(String inputName) {
        if (this != KEEP) {
            return this;
        }
        int dot = inputName.lastIndexOf('.');
        String ext = dot < 0 ? "" : inputName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "jpg", "jpeg" -> JPEG;
            case "tif", "tiff" -> TIFF;
            default -> PNG;
        };
    }

    /** {@link #forInput} for a picture already read: {@link #KEEP} takes the format it was decoded from. */
    public OutputFormat forPicture(ImageMetadata metadata) {
        return this != KEEP ? this : metadata.sourceFormat();
    }

    /**
     * Whether an output in this format may be a JPEG ({@link #JPEG}, or {@link #KEEP} for a JPEG input): whether a
     * JPEG quality given with it has a use.
     */
    public boolean mayBeJpeg() {
        return this == JPEG || this == KEEP;
    }

    /**
     * The warning a front end prints (not an error: the outputs and their records are the same) when a JPEG quality
     * is given with a format that writes no JPEG, PNG or TIFF; null when the format {@link #mayBeJpeg}.
     *
     * @param wording how the front end words a {@link Setting}, e.g. as its flag
     */
    public String qualityIgnored(Function<Setting, String> wording) {
        return mayBeJpeg() ? null : "warning: " + wording.apply(Setting.QUALITY) + " applies to JPEG outputs only; "
                + "these are " + extension() + ", so it is ignored (JPEG outputs: " + wording.apply(Setting.FORMAT)
                + " jpg, or " + wording.apply(Setting.FORMAT) + " keep for JPEG inputs)";
    }

    private OutputFormat concrete() {
        if (this == KEEP) {
            throw new IllegalStateException("'keep' is resolved per input (forInput, forPicture) before it is used");
        }
        return this;
    }

    /**
     * The format a user names: png, jpg or jpeg, tif or tiff, or keep, ignoring case.
     *
     * @param option the setting that names it in the message, e.g. {@link Setting#FORMAT} (the front end words it)
     * @throws UsageException for any other name
     */
    public static OutputFormat of(String name, Setting option) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "png" -> PNG;
            case "jpg", "jpeg" -> JPEG;
            case "tif", "tiff" -> TIFF;
            case "keep" -> KEEP;
            default -> throw new UsageException(Message.of(option, " " + name + " is not an output format: use png, "
                    + "jpg, tiff or keep (each input's own)"));
        };
    }

    /**
     * A JPEG quality a user gives, from 1 (smallest) to 100 (best), as ImageIO's 0..1; null: the default.
     *
     * @param option the setting that names it in the message, e.g. {@link Setting#QUALITY} (the front end words it)
     * @throws UsageException outside 1..100
     */
    public static float jpegQuality(Integer percent, Setting option) {
        if (percent == null) {
            return DEFAULT_JPEG_QUALITY;
        }
        if (percent < 1 || percent > 100) {
            throw new UsageException(Message.of(option, " " + percent + " is out of range: give a JPEG quality from 1 "
                    + "(smallest file) to 100 (best), e.g. 95"));
        }
        return percent / 100f;
    }
}
