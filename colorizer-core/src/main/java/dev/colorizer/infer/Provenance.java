package dev.colorizer.infer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.Version;
import dev.colorizer.data.ImageMetadata;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Xmp;
import dev.colorizer.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The record in a colorized picture's XMP of what made it: this software and its version, the model
 * ({@link Colorizer#identity()}: the digest of its weights and its calibrated policy), every setting that changes
 * the colors (working size, saturation factor, upsampling, framing, mirror averaging, the color hints) and the
 * encoding (format, JPEG quality).
 * Written into every output (predict, the server, Spark); read back by {@code colorize info} and by
 * {@code predict --settings-from}, which colors again with exactly these settings. Nothing in it changes from one
 * run to the next (no date, no path), so the same input colored again with the record's settings gives the same
 * bytes.
 *
 * @param hints the color hints, in input pixels, as the model took them (a/b, not the sRGB given)
 * @param format the output's format (PNG, JPEG or TIFF)
 * @param quality the JPEG quality, 1..100; 0 for the lossless formats
 */
public record Provenance(String version, String model, ColorSettings settings, List<ColorHint> hints,
                         OutputFormat format, int quality) {
    /** The XMP namespace of the record, an identifier only (nothing is ever fetched from it). */
    public static final String NAMESPACE = "https://colorizer.dev/xmp/provenance/1.0/";
    private static final String PREFIX = "colorizer";
    private static final String SOFTWARE = "colorize";

    public Provenance {
        hints = List.copyOf(hints);
        if (settings.workingSize() == null) {
            throw new IllegalArgumentException("a record names the working size used");
        }
        if (format == OutputFormat.KEEP) {
            throw new IllegalArgumentException("a record names the format written, not keep");
        }
    }

    /**
     * What {@code colorizer} did to a prepared picture (with its hints, if any), written in {@code format}
     * (resolved: not keep) at {@code jpegQuality} (0..1, for JPEG).
     */
    public static Provenance of(Colorizer colorizer, Colorizer.Prepared prepared, OutputFormat format,
                                float jpegQuality) {
        return new Provenance(Version.current(), colorizer.identity(),
                colorizer.settings().toBuilder().optWorkingSize(colorizer.size()).build(), prepared.hints(), format,
                format == OutputFormat.JPEG ? Math.round(jpegQuality * 100) : 0);
    }

    /** The working size the picture was colored at. */
    public int size() {
        return settings.workingSize();
    }

    /** The JPEG quality as ImageIO takes it, 0..1 ({@link OutputFormat#jpegQuality}). */
    public float jpegQuality() {
        return OutputFormat.jpegQuality(quality == 0 ? null : quality, Setting.QUALITY);
    }

    /** The metadata of an output: {@code kept} with this record in its XMP. */
    public ImageMetadata stamp(ImageMetadata kept) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Software", SOFTWARE);
        fields.put("Version", version);
        fields.put("Model", model);
        fields.put("WorkingSize", Integer.toString(size()));
        fields.put("Saturation", Float.toString(settings.saturation()));
        fields.put("Upsampling", settings.upsampling().name().toLowerCase(Locale.ROOT));
        fields.put("Framing", settings.framing().name().toLowerCase(Locale.ROOT));
        fields.put("MirrorAveraging", Boolean.toString(settings.mirrorAveraging()));
        fields.put("Hints", hintsJson(hints));
        fields.put("Format", format.extension());
        if (quality > 0) {
            fields.put("Quality", Integer.toString(quality));
        }
        return kept.withXmp(Xmp.merged(kept.xmp(), NAMESPACE, PREFIX, fields));
    }

    /**
     * The record in a picture's metadata; empty when it has none (not colorized by this software, or its metadata
     * was stripped since).
     *
     * @param source names the picture in the error
     * @throws ColorizerException when a record is there but damaged
     */
    public static Optional<Provenance> read(ImageMetadata metadata, Path source) {
        Map<String, String> f = Xmp.fields(metadata.xmp(), NAMESPACE);
        if (!SOFTWARE.equals(f.get("Software"))) {
            return Optional.empty();
        }
        try {
            ColorSettings settings = new ColorSettings(Float.parseFloat(require(f, "Saturation")),
                    Integer.parseInt(require(f, "WorkingSize")),
                    ColorSettings.Upsampling.valueOf(require(f, "Upsampling").toUpperCase(Locale.ROOT)),
                    ColorSettings.Framing.valueOf(require(f, "Framing").toUpperCase(Locale.ROOT)),
                    Boolean.parseBoolean(require(f, "MirrorAveraging")));
            return Optional.of(new Provenance(f.get("Version"), require(f, "Model"), settings,
                    parseHints(f.getOrDefault("Hints", "[]")),
                    OutputFormat.of(require(f, "Format"), Setting.FORMAT), Integer.parseInt(f.getOrDefault("Quality", "0"))));
        } catch (RuntimeException | JsonProcessingException e) { // a field missing or out of range
            throw new ColorizerException(source, "its colorizer record is damaged (" + e.getMessage() + "): "
                    + "colorize the original again with the settings wanted instead");
        }
    }

    /**
     * The loaded model with this record's settings, to color again as the record says.
     *
     * @param source the picture the record was read from, named in the error
     * @throws ColorizerException when the loaded model is not the record's (other weights or policy)
     */
    public Colorizer applyTo(Colorizer loaded, Path source) {
        if (!loaded.identity().equals(model)) {
            throw new ColorizerException(source, Message.of("was colorized by another model (" + model + ") than the "
                    + "one loaded (" + loaded.identity() + "): pass ", Setting.MODEL, " with the run that made it"));
        }
        return loaded.with(settings);
    }

    /** The record as "Name: value" lines, for {@code colorize info}. */
    public List<String> lines() {
        return List.of("colorized by: " + SOFTWARE + " " + version, "model: " + model, "working size: " + size(),
                "saturation: " + settings.saturation(),
                "upsampling: " + settings.upsampling().name().toLowerCase(Locale.ROOT),
                "framing: " + settings.framing().name().toLowerCase(Locale.ROOT),
                "mirror averaging: " + (settings.mirrorAveraging() ? "on" : "off"),
                "hints: " + (hints.isEmpty() ? "none (automatic)" : hints.size()
                        + (hints.size() == 1 ? " point " : " points ") + hintsJson(hints)),
                "format: " + format.extension() + (quality > 0 ? ", quality " + quality : ""));
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }

    // [{"x":..,"y":..,"a":..,"b":..,"radius":..}]: the hints exactly as the model took them (floats round-trip)
    private static String hintsJson(List<ColorHint> hints) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (ColorHint h : hints) {
            ObjectNode point = list.addObject().put("x", h.x()).put("y", h.y()).put("a", h.a()).put("b", h.b());
            if (!Double.isNaN(h.radius())) {
                point.put("radius", h.radius());
            }
        }
        return list.toString();
    }

    private static List<ColorHint> parseHints(String json) throws JsonProcessingException {
        List<ColorHint> hints = new ArrayList<>();
        for (JsonNode p : Json.MAPPER.readTree(json)) {
            hints.add(new ColorHint(p.get("x").asDouble(), p.get("y").asDouble(), (float) p.get("a").asDouble(),
                    (float) p.get("b").asDouble(), p.has("radius") ? p.get("radius").asDouble() : Double.NaN));
        }
        return hints;
    }
}
