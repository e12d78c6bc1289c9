package dev.colorizer.server;

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

    int status() {
        return status;
    }

    ApiError body() {
        return new ApiError(error, getMessage());
    }
}
