package dev.colorizer.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colorizer.ColorizerException;
import dev.colorizer.DjlSetup;
import dev.colorizer.data.ImageDecodeException;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.io.Json;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The colorizer over HTTP: the API under {@code /api/}, its OpenAPI description at {@code /openapi.json} and the web
 * page at {@code /}, all served from the jar (no CDN). It listens at once and loads the model in the background;
 * {@code GET /api/health} answers 200 only once the model is loaded. Every refusal is a JSON {@link ApiError} with a
 * 4xx or 503 status, Jetty's and Javalin's own included ({@link JsonErrorHandler}); an unexpected failure is a 500
 * whose details go to the log, never to the client. A body announced larger than the limit is refused from its
 * Content-Length alone, before any of it is read.
 */
public final class ColorizeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ColorizeServer.class);
    // the page loads only its own files; pictures it shows are blob: URLs made from the upload and the answer
    private static final String CSP = "default-src 'self'; img-src 'self' blob: data:; object-src 'none';"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** Sent with every answer, Jetty's error answers included. */
    static final Map<String, String> SECURITY_HEADERS = Map.of("Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
    // Jetty's default, set here so that the 414 and 431 answers name the limit in force
    private static final int MAX_HEADER_BYTES = 8192;

    /** A loaded model and the batcher that runs it. */
    record Model(Colorizer colorizer, Batcher batcher, ModelInfo info) {}

    /** What {@code GET /api/health} answers once the model is loaded (before: 503 and an {@link ApiError}). */
    record Health(String status, String model) {}

    private final ServerConfig config;
    private final JsonErrorHandler errors;
    private final CompletableFuture<Model> model = new CompletableFuture<>();
    private final Javalin app;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ColorizeServer(ServerConfig config) {
        this.config = config;
        this.errors = new JsonErrorHandler(config.maxBodyBytes(), MAX_HEADER_BYTES);
        ColorizeEndpoint colorize = new ColorizeEndpoint(config, this::ready);
        this.app = Javalin.create(cfg -> {
            configure(cfg);
            cfg.routes.get("/api/health", ctx -> ctx.json(new Health("ready", ready().info().name())));
            cfg.routes.get("/api/model", ctx -> ctx.json(ready().info()));
            cfg.routes.post("/api/colorize", colorize::handle);
            cfg.routes.post("/api/suggest", colorize::suggest);
        });
    }

    /**
     * Starts listening on {@code config.host():config.port()} and loads the model of {@code runDir} in the
     * background; see {@link #awaitReady()}.
     */
    public static ColorizeServer start(ServerConfig config, Path runDir) {
        DjlSetup.offline();
        ColorizeServer server = new ColorizeServer(config);
        try {
            server.app.start(config.host(), config.port());
        } catch (RuntimeException e) { // binding: the port is taken or privileged, or the host is not this machine's
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new ColorizerException(null, "cannot listen on " + config.host() + ":" + config.port() + " (" + cause
                    + "): choose another port, or a host address of this machine", e);
        }
        Thread loader = new Thread(() -> server.load(runDir), "model-loader");
        loader.setDaemon(true);
        loader.start();
        return server;
    }

    /** Waits until the model is loaded; throws what kept it from loading (e.g. a ColorizerException). */
    public void awaitReady() {
        try {
            model.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The port listened on (the one picked when the config asked for 0). */
    public int port() {
        return app.port();
    }

    /**
     * Drains, then frees: stops accepting connections, lets the requests in flight finish (for at most the config's
     * timeout; a request that arrives on an open connection meanwhile gets 503), then stops the workers and frees the
     * model (once loaded, if it is still loading). Only the first call does anything, so a shutdown hook and a
     * try-with-resources may both call it.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        app.stop();
        model.thenAccept(m -> {
            m.batcher().close();
            m.colorizer().close();
        });
    }

    private void load(Path runDir) {
        try {
            Colorizer colorizer = Colorizer.load(runDir);
            Batcher batcher = new Batcher(colorizer::forward, config.workers(), config.maxBatch(),
                    config.batchWait(), config.maxInFlight());
            model.complete(new Model(colorizer, batcher, ModelInfo.of(runDir, colorizer)));
        } catch (RuntimeException e) {
            model.completeExceptionally(e); // awaitReady() throws it for the one who started the server
        }
    }

    // the model, or 503 while it loads (or when it failed to)
    private Model ready() {
        if (!model.isDone()) {
            throw new HttpProblem(503, "loading", "the model is still loading: try again in a moment");
        }
        if (model.isCompletedExceptionally()) {
            throw new HttpProblem(503, "no_model", "the model failed to load: the server must be restarted with a"
                    + " trained model");
        }
        return model.join();
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = config.maxBodyBytes(); // for Javalin's own body reads; the API bounds its own
        cfg.http.prefer405over404 = true;
        cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
        // Jetty answers some requests itself (a bad request line, headers over the limit): as JSON too. The servlet
        // context Javalin runs in has no error handler of its own, so errors raised in it come here as well
        cfg.jetty.modifyServer(server -> {
            server.setErrorHandler(errors);
            // stopping drains: the connectors stop accepting, and Jetty waits for the requests in flight to finish,
            // for at most the stop timeout (0, its default, would cut them off), before the server stops
            server.setStopTimeout(config.timeout().toMillis());
            // the connections' idle timeout, after which a blocked read of a stalled upload gives up (408). Set on the
            // connector, not as HttpConfiguration's: Jetty swaps that one in for each request and puts the connector's
            // back when the request completes, which undid stopping's cut of idle connections' timeout to 1 s when a
            // request completed just after stopping began: stopping then waited on that kept-alive connection for the
            // whole stop timeout, and failed
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) { // Javalin has added its connector by now
                    for (Connector connector : server.getConnectors()) {
                        if (connector instanceof AbstractConnector c) {
                            c.setIdleTimeout(config.timeout().toMillis());
                        }
                    }
                }
            });
        });
        cfg.jsonMapper(new JsonMapper() {
            @Override
            public String toJsonString(Object obj, Type type) {
                try {
                    return Json.MAPPER.writeValueAsString(obj);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot write " + type + " as JSON", e);
                }
            }
        });
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
        });
        cfg.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
        cfg.routes.before(this::refuseAnnouncedOversize);
        cfg.routes.before(ColorizeServer::refuseOtherMethodsOnPages);
        cfg.routes.before(ColorizeServer::refuseBadQuery);
        cfg.routes.before(ColorizeServer::refuseEncodedBody);
        cfg.routes.exception(HttpProblem.class, (e, ctx) -> answer(ctx, e.status(), e.body()));
        cfg.routes.exception(ImageDecodeException.class, (e, ctx) -> {
            switch (e.kind()) {
                case UNSUPPORTED -> answer(ctx, 415, new ApiError("unsupported_media_type", Wording.message(e)));
                case CORRUPT -> answer(ctx, 422, new ApiError("corrupt_image", Wording.message(e)));
                // refused by the decoder from the header: over its limit, so over this server's, which
                // ServerConfig keeps within it
                case TOO_LARGE -> answer(ctx, 413, HttpProblem.tooManyPixels(e.size().orElseThrow().width,
                        e.size().orElseThrow().height, config.maxPixels()).body());
            }
        });
        // bad data and bad usage (a UsageException: a parameter out of range) alike: the request is to change
        cfg.routes.exception(ColorizerException.class, (e, ctx) ->
                answer(ctx, 400, new ApiError("bad_request", Wording.message(e))));
        // Javalin's own refusals (no such path, a method a path does not take) read as Jetty's do
        cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                answer(ctx, e.getStatus(), errors.describe(e.getStatus(), e.getMessage())));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, 500, new ApiError("internal", JsonErrorHandler.INTERNAL_DETAIL));
        });
    }

    /**
     * 413 from the headers alone when the Content-Length is over the limit: none of the body is read, so a client
     * that sent {@code Expect: 100-continue} gets the 413 in place of {@code 100 Continue} and never sends the body,
     * and one already sending gets it after its first bytes. A chunked body has no length to check: the endpoint stops
     * reading it at the limit.
     */
    private void refuseAnnouncedOversize(Context ctx) {
        if (announcedOversize(ctx)) {
            throw HttpProblem.bodyTooLarge(config.maxBodyBytes());
        }
    }

    /** The web page's files (resources under /web), which take GET and HEAD only. */
    static final java.util.Set<String> PAGES = java.util.Set.of("/", "/index.html", "/app.js", "/app.css",
            "/openapi.json");

    // the static files answer GET and HEAD; another method on their paths is 405, as on the API's paths, not 404
    private static void refuseOtherMethodsOnPages(Context ctx) {
        String method = ctx.method().name();
        if (PAGES.contains(ctx.path()) && !method.equals("GET") && !method.equals("HEAD")) {
            ctx.header("Allow", "GET, HEAD");
            throw new HttpProblem(405, "method_not_allowed", ctx.path() + " takes GET (and HEAD) only, not "
                    + method + "; see /openapi.json");
        }
    }

    /**
     * 400 for a query string that would otherwise be read wrong in silence: a percent sign not followed by two hex
     * digits (the servlet drops such a parameter), or a parameter given twice (only the first would count).
     */
    private static void refuseBadQuery(Context ctx) {
        String query = ctx.queryString();
        if (query == null) {
            return;
        }
        java.util.regex.Matcher bad = BAD_ESCAPE.matcher(query);
        if (bad.find()) {
            throw HttpProblem.badRequest("the query string has a bad percent-escape at '" + query.substring(
                    bad.start(), Math.min(query.length(), bad.start() + 3)) + "': a % must be followed by two hex "
                    + "digits (write a literal % as %25)");
        }
        ctx.queryParamMap().forEach((name, values) -> {
            if (values.size() > 1) {
                throw HttpProblem.badRequest("parameter '" + name + "' is given " + values.size() + " times: give it"
                        + " once");
            }
        });
    }

    // a compressed body would be taken for the picture's own bytes and refused as "not an image": say why instead
    private static void refuseEncodedBody(Context ctx) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new HttpProblem(415, "unsupported_media_type", "Content-Encoding " + encoding.trim() + " is not "
                    + "taken: send the picture's bytes as they are (PNG and JPEG are compressed already)");
        }
    }

    private static final java.util.regex.Pattern BAD_ESCAPE = java.util.regex.Pattern.compile(
            "%(?![0-9A-Fa-f]{2})");

    private boolean announcedOversize(Context ctx) {
        return ctx.req().getContentLengthLong() > config.maxBodyBytes();
    }

    private void answer(Context ctx, int status, ApiError refusal) {
        List<String> warnings = ctx.attribute(ColorizeEndpoint.WARNINGS); // set once the picture was decoded
        ApiError error = warnings == null ? refusal : new ApiError(refusal.error(), refusal.detail(), warnings);
        if (status == 408) { // the upload stalled: reading the rest would stall again; the connection is done
            ctx.header("Connection", "close");
        } else if (announcedOversize(ctx)) {
            // the body stays unread, so the connection cannot carry another request: Jetty closes it after the
            // answer, which is sent at once, before any of the body is read
            ctx.header("Connection", "close");
            if (!"100-continue".equalsIgnoreCase(ctx.header("Expect"))) {
                answerThenDrainBriefly(ctx, status, error);
                return;
            }
        } else {
            dropUnreadBody(ctx);
        }
        if (status == 503) {
            ctx.header("Retry-After", String.valueOf(HttpProblem.RETRY_AFTER_SECONDS));
        }
        ctx.status(status).json(error);
    }

    // the most of an oversize body read (and dropped) after its 413 was sent, and for how long
    private static final long DRAIN_BYTES = 8L << 20;
    private static final long DRAIN_NANOS = 2_000_000_000L;

    /**
     * Sends the answer now, then reads and drops a little of the body a client is still sending (at most
     * {@link #DRAIN_BYTES}, for at most {@link #DRAIN_NANOS}) before the connection closes. Closing a socket with
     * unread bytes in it makes the kernel reset the connection, and a reset can discard the answer before a client
     * that is still uploading reads it (seen with Java's HttpClient now and then); a client that has already sent its
     * whole body, as most small uploads have, reads the answer cleanly.
     */
    private void answerThenDrainBriefly(Context ctx, int status, ApiError error) {
        try {
            byte[] json = ctx.jsonMapper().toJsonString(error, ApiError.class).getBytes(StandardCharsets.UTF_8);
            ctx.res().setStatus(status);
            ctx.res().setContentType("application/json");
            ctx.res().setContentLength(json.length);
            ctx.res().getOutputStream().write(json);
            ctx.res().flushBuffer();
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[64 * 1024];
            long end = System.nanoTime() + DRAIN_NANOS;
            for (long left = DRAIN_BYTES; left > 0 && System.nanoTime() < end; ) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone: nothing more to tell it
        }
    }

    /**
     * Reads and drops what is left of a request body within the limit (a chunked one: up to twice the limit) before a
     * refusal is sent, so that the connection stays open for the client's next request (Jetty closes one whose body
     * is left unread). Past that, the connection is closed after the answer.
     */
    private void dropUnreadBody(Context ctx) {
        byte[] sink = new byte[64 * 1024];
        try {
            InputStream in = ctx.req().getInputStream();
            for (long left = 2 * config.maxBodyBytes(); left > 0; ) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the body was already taken: nothing left to drop
        }
    }
}
