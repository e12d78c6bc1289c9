package dev.colorizer.data;

import dev.colorizer.UsageException;
import java.util.Locale;

/**
 * The formats colorized pictures are written in ({@link ImageFiles#writeImage}, {@link ImageFiles#encode}): PNG,
 * lossless, or JPEG at quality 0.95. One parser of the name a user gives, for every front end ({@code predict
 * --format}, {@code spark --format}, the API's {@code ?format=}).
 */
public enum OutputFormat {
    PNG("png", "image/png"),
    JPEG("jpg", "image/jpeg");

    private final String extension;
    private final String mediaType;

    OutputFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The outputs' file name extension, without the dot: "png" or "jpg". */
    public String extension() {
        return extension;
    }

    /** The media type of the encoded bytes, e.g. "image/jpeg". */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The format a user names: png, jpg or jpeg, ignoring case.
     *
     * @param option what names it in the message, e.g. "--format"
     * @throws UsageException for any other name
     */
    public static OutputFormat of(String name, String option) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "png" -> PNG;
            case "jpg", "jpeg" -> JPEG;
            default -> throw new UsageException(option + " " + name + " is not an output format: use png or jpg");
        };
    }
}
