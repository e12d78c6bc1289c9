package dev.colorizer.infer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.colorizer.ColorizerException;
import dev.colorizer.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one hint format, for the CLI, the API and the web page alike:
 * <pre>
 *   {"points": [{"x": 120, "y": 45, "color": "#c83c28"}, {"x": 30.5, "y": 80, "color": "#2050e0", "radius": 6}]}
 * </pre>
 * {@code x}, {@code y}: pixels of the input picture, origin top-left, fractional allowed; {@code color}: an sRGB hex
 * color, #rrggbb or #rgb, whose chroma (a/b) is used (the photo keeps its own lightness); {@code radius}: optional,
 * in input pixels (default {@link ColorHint#DEFAULT_RADIUS_FRACTION} of the longer side). Unknown fields are
 * ignored; an empty list means "colorize automatically". Read strictly: one JSON document, no key twice in an
 * object (a second {@code "points"} would silently replace the first), errors with their line and column.
 */
public final class HintFile {
    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})");
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private HintFile() {}

    /** Reads a hint file; errors name it. */
    public static List<ColorHint> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ColorizerException(file, "cannot read the hints file (" + e.getMessage() + ")", e);
        }
        return parse(bytes, file, null);
    }

    /**
     * Parses hints; {@code name} names the source in errors (a file, or "the hints field").
     *
     * @throws ColorizerException on bad JSON, a missing or bad field; the message says what to write instead
     */
    public static List<ColorHint> parse(byte[] json, String name) {
        return parse(json, null, name);
    }

    // errors name the file when there is one, else the source's label
    private static List<ColorHint> parse(byte[] json, Path file, String label) {
        Source name = new Source(file, label);
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw bad(name, syntaxError(e));
        } catch (IOException e) {
            throw bad(name, "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.has("points") || !root.get("points").isArray()) {
            throw bad(name, "needs a \"points\" list: {\"points\": [{\"x\": 10, \"y\": 20, \"color\": \"#c83c28\"}]}");
        }
        List<ColorHint> hints = new ArrayList<>();
        int i = 0;
        for (JsonNode point : root.get("points")) {
            String where = "point " + (i++ + 1);
            if (!point.isObject()) {
                throw bad(name, where + " is not an object with x, y and color");
            }
            double x = number(point, "x", name, where);
            double y = number(point, "y", name, where);
            double radius = point.has("radius") && !point.get("radius").isNull()
                    ? number(point, "radius", name, where) : Double.NaN;
            if (!Double.isNaN(radius) && radius < 0) {
                throw bad(name, where + " has radius " + radius + ": give a number of pixels >= 0, or leave it out");
            }
            JsonNode color = point.get("color");
            if (color == null || !color.isTextual() || !HEX.matcher(color.asText()).matches()) {
                throw bad(name, where + " has color " + (color == null ? "missing" : color)
                        + ": give an sRGB hex color such as \"#c83c28\"");
            }
            hints.add(ColorHint.ofRgb(x, y, rgb(color.asText()), radius));
        }
        return hints;
    }

    /** The points of a picture's hints checked against its size; the message names the file and the point. */
    public static void checkInside(List<ColorHint> hints, int width, int height, Path file) {
        checkInside(hints, width, height, new Source(file, null));
    }

    /** {@link #checkInside(List, int, int, Path)} for hints from elsewhere, e.g. a Hadoop path, named by label. */
    public static void checkInside(List<ColorHint> hints, int width, int height, String name) {
        checkInside(hints, width, height, new Source(null, name));
    }

    private static void checkInside(List<ColorHint> hints, int width, int height, Source name) {
        for (int i = 0; i < hints.size(); i++) {
            try {
                hints.get(i).checkInside(width, height);
            } catch (ColorizerException e) {
                throw bad(name, "point " + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    private static int rgb(String text) {
        String hex = text.startsWith("#") ? text.substring(1) : text;
        if (hex.length() == 3) {
            hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
        }
        return Integer.parseInt(hex, 16);
    }

    private static double number(JsonNode point, String field, Source name, String where) {
        JsonNode v = point.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw bad(name, where + " needs a number \"" + field + "\" (pixels of the input picture)");
        }
        return v.asDouble();
    }

    // what is wrong with the JSON and where, in our words: Jackson's own message names its classes and features
    private static String syntaxError(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return "names " + message.substring("Duplicate field ".length()) + " twice in one object" + where
                    + ": keep one (a second would silently replace the first)";
        }
        if (message.startsWith("Trailing token")) {
            return "has more after its JSON document" + where + ": a hints file holds one {\"points\": [...]} object";
        }
        int detail = message.indexOf('\n'); // Jackson adds a hint on its own line (e.g. how to allow comments)
        String first = (detail < 0 ? message : message.substring(0, detail))
                .replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "") // where a list or object began
                .replaceAll("\\s*\\[Source:.*?\\]", "").trim();
        return "is not JSON" + where + " (" + first + "): check its brackets, braces, quotes and commas; a hints "
                + "file is {\"points\": [{\"x\": 10, \"y\": 20, \"color\": \"#c83c28\"}]}";
    }

    private record Source(Path file, String label) {}

    private static ColorizerException bad(Source source, String what) {
        return source.file() != null ? new ColorizerException(source.file(), what)
                : new ColorizerException(source.label() + " " + what);
    }
}
