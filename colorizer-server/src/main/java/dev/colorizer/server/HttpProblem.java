package dev.colorizer.server;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A request the server refuses, with its HTTP status and {@link ApiError}; thrown by handlers and turned into the
 * JSON answer in one place ({@link ColorizeServer}).
 */
final class HttpProblem extends RuntimeException {
    /** Seconds a client should wait before trying again, sent as Retry-After with 503. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final int status;
    private final String error;

    HttpProblem(int status, String error, String detail) {
        super(detail, null, false, false); // an answer, not a failure: no stack trace
        this.status = status;
        this.error = error;
    }

    static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "bad_request", detail);
    }

    static HttpProblem busy(String detail) {
        return new HttpProblem(503, "busy", detail);
    }

    /** 413: a body over {@code maxBytes}, announced by its Content-Length or found reading it. */
    static HttpProblem bodyTooLarge(long maxBytes) {
        return new HttpProblem(413, "body_too_large", "the upload is larger than " + bytes(maxBytes) + ", the most"
                + " this server accepts: send a smaller picture");
    }

    /** 413: a picture of {@code width}×{@code height} pixels, over {@code maxPixels}. */
    static HttpProblem tooManyPixels(int width, int height, long maxPixels) {
        return new HttpProblem(413, "too_many_pixels", "the picture has " + width + "x" + height + " pixels, more"
                + " than the " + pixels(maxPixels) + " this server accepts: downscale it");
    }

    /** A byte count as limits are told: exact, and in KiB or MiB beside it, e.g. "65536 bytes (64 KiB)". */
    static String bytes(long count) {
        if (count < 1024) {
            return count + " bytes";
        }
        return count < 1L << 20 ? count + " bytes (" + significant(count / 1024.0) + " KiB)"
                : count + " bytes (" + significant(count / 1048576.0) + " MiB)";
    }

    /** A pixel count as limits are told: exact and in megapixels, e.g. "16777216 pixels (16.8 megapixels)". */
    static String pixels(long count) {
        return count + " pixels (" + significant(count / 1e6) + " megapixels)";
    }

    // three significant digits, no trailing zeros: 16.8, 0.0625, 32, 268 (the exact count is always beside it)
    private static String significant(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    int status() {
        return status;
    }

    ApiError body() {
        return new ApiError(error, getMessage());
    }
}
