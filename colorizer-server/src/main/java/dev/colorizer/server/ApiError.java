package dev.colorizer.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error answer: {@code {"error": "busy", "detail": "...", "warnings": [...]}}.
 *
 * @param error a short stable code a program can switch on, e.g. {@code too_many_pixels}
 * @param detail one sentence for a person: what was wrong and what to do
 * @param warnings what the decoder reported on the picture before the error (damaged data, pages not read), as
 *                 header {@value ColorizeEndpoint#WARNINGS_HEADER} of a success lists them; left out when empty
 */
public record ApiError(String error, String detail,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
    public ApiError {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public ApiError(String error, String detail) {
        this(error, detail, List.of());
    }
}
