package dev.colorizer.server;

import dev.colorizer.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors the server answers without the API's own handlers, as the same JSON {@link ApiError} as every other
 * refusal: Jetty's (a malformed request line, a URI or headers over {@code maxHeaderBytes}, an HTTP version it does not
 * speak, a failure outside Javalin), which it would otherwise write as an HTML page, and Javalin's (no such path, a
 * method a path does not take), through {@link #describe}.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** Detail of a 500: what went wrong goes to the log, never to the client. */
    static final String INTERNAL_DETAIL = "the server failed unexpectedly; its log says why";

    private final long maxBodyBytes;
    private final int maxHeaderBytes;

    /**
     * @param maxBodyBytes the body limit, named by a 413
     * @param maxHeaderBytes Jetty's limit on the request line and headers together (its requestHeaderSize), named by
     *                       a 414 or 431
     */
    JsonErrorHandler(long maxBodyBytes, int maxHeaderBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** The error for a status that Jetty or Javalin chose, with its reason (null or a bare reason phrase: none). */
    ApiError describe(int status, String reason) {
        String limit = "the request line and headers may have " + HttpProblem.bytes(maxHeaderBytes) + " together, the"
                + " most this server accepts";
        return switch (status) {
            case 400 -> new ApiError("bad_request", "the request is malformed" + because(status, reason)
                    + ": send a well-formed HTTP/1.1 request");
            case 404 -> new ApiError("not_found", "no such page or API path; the API is described at /openapi.json");
            case 405 -> new ApiError("method_not_allowed", "this path does not take that method; see /openapi.json");
            case 413 -> HttpProblem.bodyTooLarge(maxBodyBytes).body();
            case 417 -> new ApiError("expectation_failed", "this server meets only 'Expect: 100-continue': send that"
                    + " or no Expect header");
            case 426 -> new ApiError("upgrade_required", "this server speaks plain HTTP/1.1 and HTTP/1.0, not HTTP/2"
                    + " nor TLS: send the request in HTTP/1.1");
            case 414 -> new ApiError("uri_too_long", "the URL is too long: " + limit + ": shorten it");
            case 431 -> new ApiError("headers_too_large", "the request headers are too large: " + limit + ": send"
                    + " fewer or shorter headers (cookies, for one)");
            case 500 -> new ApiError("internal", INTERNAL_DETAIL);
            case 503 -> HttpProblem.busy("the server is overloaded or stopping: try again in a moment").body();
            case 505 -> new ApiError("http_version_not_supported", "this server speaks HTTP/1.1 and HTTP/1.0: send"
                    + " the request in one of them");
            // a 5xx reason can carry an exception's message: only its standard phrase is told
            default -> new ApiError("http_" + status, status >= 500 ? HttpStatus.getMessage(status)
                    : reason == null ? HttpStatus.getMessage(status) : reason);
        };
    }

    // Jetty's own words when they say more than the status line does, e.g. "Illegal character SPACE=' '"
    private static String because(int status, String reason) {
        return reason == null || reason.isBlank() || reason.equalsIgnoreCase(HttpStatus.getMessage(status)) ? ""
                : " (" + reason + ")";
    }

    // Jetty writes an error body for GET, POST and HEAD only; here for every method but HEAD, whose answer has none
    @Override
    public boolean errorPageForMethod(String method) {
        return !"HEAD".equals(method);
    }

    // in place of Jetty's choice among HTML, JSON of its own shape and plain text by the Accept header
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        byte[] body = Json.MAPPER.writeValueAsBytes(describe(code, message));
        ColorizeServer.SECURITY_HEADERS.forEach(response.getHeaders()::put);
        if (code == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(HttpProblem.RETRY_AFTER_SECONDS));
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
