package dev.colorizer.server;

import dev.colorizer.ColorizerException;
import dev.colorizer.Setting;

/**
 * How the server words the core's {@link Setting}s in its answers: as the query parameter or form field a client
 * sends where there is one (format, quality, hints), else the library's plain name (no command-line flag: a client
 * of the API has none).
 */
final class Wording {
    private Wording() {}

    /** The parameter or field that sets it, or its plain name. */
    static String of(Setting setting) {
        return switch (setting) {
            case FORMAT -> "format";
            case QUALITY -> "quality";
            case HINTS -> "hints";
            default -> setting.plainName();
        };
    }

    /** A core error's message for a client. */
    static String message(ColorizerException e) {
        return e.message(Wording::of);
    }
}
