package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorizer.SyntheticImages;
import dev.colorizer.TrainedRuns;
import dev.colorizer.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server as a raw connection sees it: a body announced over the limit refused from its headers, before any of it
 * is read, and the errors Jetty answers itself (a malformed request, a URI or headers too long, an HTTP version it
 * does not speak) as the same JSON as the API's. The default pixel limit, a small body limit.
 */
class RawHttpTest {
    private static final long MAX_BODY = 64 * 1024;
    private static final String HEADER_LIMIT = "8192 bytes (8 KiB)"; // Jetty's default, as ColorizeServer sets it
    private static final int TIMEOUT_MS = 10_000; // a server that waits for the body makes the test fail, not hang

    private static ColorizeServer server;

    @BeforeAll
    static void start() {
        server = ColorizeServer.start(ApiTest.config().optMaxBodyBytes(MAX_BODY).build(), TrainedRuns.tiny("unet"));
        server.awaitReady();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One answer read off the connection: status, headers by lower-case name, body. */
    private record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    @Test
    void anAnnouncedOversizeBodyWaitingFor100ContinueGets413InsteadAndIsNeverSent() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 1000000000\r\nExpect: 100-continue\r\n\r\n");
            Answer answer = read(socket.getInputStream());
            assertError(answer, 413, "body_too_large",
                    "larger than 65536 bytes (64 KiB), the most this server accepts");
            assertThat(answer.headers()).containsEntry("connection", "close");
            assertThat(socket.getInputStream().read()).as("the connection is closed after the answer").isEqualTo(-1);
        }
    }

    @Test
    void anAnnouncedOversizeBodyIsRefusedAfterItsFirstBytesNotReadToItsEnd() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 1000000000\r\n\r\n" + "x".repeat(1000));
            Answer answer = read(socket.getInputStream()); // 1000 of the 10^9 bytes sent, and no more
            assertError(answer, 413, "body_too_large", "larger than 65536 bytes (64 KiB)");
            assertThat(answer.headers()).containsEntry("connection", "close");
            assertThat(endOf(socket.getInputStream())).as("the connection is closed after the answer").isTrue();
        }
    }

    @Test
    void aMalformedRequestLineIs400Json() throws IOException {
        assertError(exchange("GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 400, "bad_request",
                "the request is malformed (");
        assertError(exchange("GET / HTTP/1.1\r\n\r\n"), 400, "bad_request", "(No Host)");
        assertError(exchange("GET / HTTP/2.5\r\nHost: 127.0.0.1\r\n\r\n"), 505, "http_version_not_supported",
                "HTTP/1.1");
    }

    @Test
    void aUriOverTheHeaderLimitIs414Json() throws IOException {
        assertError(exchange("GET /api/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 414,
                "uri_too_long", "may have " + HEADER_LIMIT + " together");
    }

    @Test
    void headersOverTheLimitAre431JsonWhateverTheMethodButHeadWhichHasNoBody() throws IOException {
        String padding = " /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(9000) + "\r\n\r\n";
        for (String method : new String[] {"GET", "PUT"}) { // Jetty writes no error body for PUT on its own
            assertError(exchange(method + padding), 431, "headers_too_large", "may have " + HEADER_LIMIT + " together");
        }
        Answer head = exchange("HEAD" + padding);
        assertThat(head.status()).isEqualTo(431);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void unknownPathsAreJsonWhateverTheClientAccepts() throws IOException {
        Answer answer = exchange("GET /api/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");
        assertError(answer, 404, "not_found", "no such page or API path");
        assertThat(answer.headers()).containsEntry("x-content-type-options", "nosniff");
        assertError(exchange("DELETE /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n"), 405, "method_not_allowed", "/openapi.json");
    }

    @Test
    void aPictureTheDecoderRefusesNamesThisServersPixelLimit() throws IOException {
        byte[] bomb = ApiTest.pngHeader(20_000, 20_000); // 400 megapixels: over the decoder's own limit as well
        try (Socket socket = connect()) {
            send(socket, "POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: "
                    + bomb.length + "\r\nConnection: close\r\n\r\n");
            socket.getOutputStream().write(bomb);
            assertError(read(socket.getInputStream()), 413, "too_many_pixels",
                    "has 20000x20000 pixels, more than the 16777216 pixels (16.8 megapixels) this server accepts");
        }
    }

    @Test
    void aQueryReadWrongInSilenceIs400() throws IOException {
        String head = " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: 1\r\n"
                + "Connection: close\r\n\r\nx";
        assertError(exchange("POST /api/colorize?saturation=%zz" + head), 400, "bad_request",
                "bad percent-escape at '%zz'");
        assertError(exchange("POST /api/colorize?saturation=0&saturation=3" + head), 400, "bad_request",
                "parameter 'saturation' is given 2 times");
        assertError(exchange("POST /api/colorize?saturation=" + head), 400, "bad_request", "saturation is empty");
        assertError(exchange("POST /api/colorize?Saturation=0" + head), 400, "bad_request",
                "unknown parameter 'Saturation': this endpoint takes saturation, format, quality, size");
        assertError(exchange("POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: 1\r\nConnection: close\r\n\r\nx"), 415, "unsupported_media_type",
                "Content-Encoding gzip is not taken");
    }

    @Test
    void everyFileOfTheWebPageIsListedAsAPage() throws IOException {
        // ColorizeServer.PAGES is what answers 405 to other methods: a file added to the page must be listed there
        java.util.Set<String> files;
        try (java.util.stream.Stream<java.nio.file.Path> walk =
                     java.nio.file.Files.walk(java.nio.file.Path.of("src/main/resources/web"))) {
            files = walk.filter(java.nio.file.Files::isRegularFile)
                    .map(f -> "/" + java.nio.file.Path.of("src/main/resources/web").relativize(f).toString()
                            .replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toSet());
        }
        assertThat(files).isNotEmpty();
        java.util.Set<String> listed = new java.util.HashSet<>(files);
        listed.add("/");
        assertThat(ColorizeServer.PAGES).containsExactlyInAnyOrderElementsOf(listed);
        Http http = new Http(server.port());
        for (String page : ColorizeServer.PAGES) {
            assertThat(http.get(page).statusCode()).as(page).isEqualTo(200);
        }
    }

    @Test
    void thePagesTakeGetOnlyAndOtherExpectationsAreNamed() throws IOException {
        Answer post = exchange("POST /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertError(post, 405, "method_not_allowed", "/openapi.json takes GET (and HEAD) only, not POST");
        assertThat(post.headers()).containsEntry("allow", "GET, HEAD");
        assertError(exchange("POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: something-else\r\n"
                + "Content-Length: 10\r\nConnection: close\r\n\r\n"), 417, "expectation_failed",
                "'Expect: 100-continue'");
    }

    @Test
    void aStalledOrTrickledUploadIs408AfterTheTimeoutAndFreesItsRequestSlot() throws Exception {
        try (ColorizeServer strict = ColorizeServer.start(ApiTest.config().optTimeout(java.time.Duration.ofSeconds(1))
                .optMaxInFlight(1).build(), TrainedRuns.tiny("unet"));
             Socket socket = new Socket("127.0.0.1", strict.port())) {
            strict.awaitReady();
            socket.setSoTimeout(TIMEOUT_MS);
            send(socket, "POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 1000\r\n\r\n" + "x".repeat(100)); // then nothing more
            assertError(read(socket.getInputStream()), 408, "upload_timeout", "no bytes came for 1 s");
            var next = new Http(strict.port()).colorize(Http.encoded(dev.colorizer.SyntheticImages.scene(32, 24, 1),
                    "png"), "");
            assertThat(next.statusCode()).as("the slot is free again").isEqualTo(200);
            try (Socket trickle = new Socket("127.0.0.1", strict.port())) {
                trickle.setSoTimeout(TIMEOUT_MS);
                send(trickle, "POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                        + "Content-Length: 1000\r\n\r\n");
                Thread dripping = new Thread(() -> { // a byte every 300 ms: never idle for the 1 s timeout
                    try {
                        for (int i = 0; i < 40; i++) {
                            send(trickle, "x");
                            Thread.sleep(300);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the server answered and closed: the dripping ends
                    }
                });
                dripping.setDaemon(true);
                dripping.start();
                assertError(read(trickle.getInputStream()), 408, "upload_timeout", "longer than 1 s in all");
                dripping.interrupt();
            }
        }
    }

    @Test
    void closingDrainsTheRequestsInFlightAndRefusesNewConnections() throws Exception {
        byte[] png = Http.encoded(SyntheticImages.scene(24, 16, 5), "png");
        ColorizeServer draining = ColorizeServer.start(ApiTest.config().build(), TrainedRuns.tiny("unet"));
        draining.awaitReady();
        int port = draining.port();
        try (Socket socket = connect(port)) {
            send(socket, "POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: " + png.length + "\r\n\r\n");
            socket.getOutputStream().write(png, 0, png.length / 2); // in flight: half its picture sent
            socket.getOutputStream().flush();
            Thread.sleep(300);
            Thread closing = new Thread(draining::close, "closing"); // what SIGTERM's hook does
            closing.start();
            Thread.sleep(500);
            assertThat(closing.isAlive()).as("close waits for the request in flight").isTrue();
            assertThatThrownBy(() -> connect(port).close()).as("no new connection while draining")
                    .isInstanceOf(IOException.class);
            socket.getOutputStream().write(png, png.length / 2, png.length - png.length / 2);
            socket.getOutputStream().flush();
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().get("content-type")).isEqualTo("image/png");
            closing.join(10_000);
            assertThat(closing.isAlive()).as("close ends once the request is answered").isFalse();
        } finally {
            draining.close(); // a second close does nothing
        }
    }

    private static Socket connect() throws IOException {
        return connect(server.port());
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Answer exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            send(socket, request);
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        assertThat(statusLine).startsWith("HTTP/1.1 ");
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        assertThat(headers).as(statusLine).containsKey("content-length");
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertThat(b).as("the connection ended in the middle of the answer's head: " + line).isNotNegative();
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    // the server closed the connection: the end of the stream, or a reset where body bytes it never read were left
    private static boolean endOf(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static void assertError(Answer answer, int status, String error, String detailPart) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).as(answer.body()).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json.get("error").asText()).as(answer.body()).isEqualTo(error);
        assertThat(json.get("detail").asText()).as(answer.body()).contains(detailPart);
    }
}
