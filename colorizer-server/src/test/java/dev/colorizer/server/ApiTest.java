package dev.colorizer.server;

import static dev.colorizer.Pictures.maxChannelDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorizer.ColorizerException;
import dev.colorizer.SyntheticImages;
import dev.colorizer.TrainedRuns;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API against a real server on a random loopback port, with small limits so that each can be crossed. */
class ApiTest {
    private static final long MAX_BODY = 64 * 1024;
    private static final long MAX_PIXELS = 100 * 100;

    private static ColorizeServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = ColorizeServer.start(config().optMaxBodyBytes(MAX_BODY).optMaxPixels(MAX_PIXELS).build(),
                TrainedRuns.tiny("unet"));
        server.awaitReady();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ServerConfig.Builder config() {
        return ServerConfig.builder().optPort(0).optTimeout(Duration.ofSeconds(20));
    }

    @Test
    void healthIsReadyAndModelDescribesTheRunWithoutPaths() {
        HttpResponse<byte[]> health = http.get("/api/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Http.json(health).get("status").asText()).isEqualTo("ready");

        HttpResponse<byte[]> model = http.get("/api/model");
        assertThat(model.statusCode()).isEqualTo(200);
        JsonNode info = Http.json(model);
        assertThat(info.get("name").asText()).isEqualTo("run");
        assertThat(info.get("architecture").asText()).isEqualTo("unet");
        assertThat(info.get("size").asInt()).isEqualTo(TrainedRuns.SIZE);
        assertThat(info.get("takesHints").asBoolean()).as("a unet model").isFalse();
        assertThat(info.get("suggests").asBoolean()).as("a unet model").isFalse();
        assertThat(info.at("/sizes/min").asInt()).isEqualTo(16);
        assertThat(info.at("/sizes/max").asInt()).isEqualTo(32);
        assertThat(info.at("/train/epochs").asInt()).isEqualTo(1);
        assertThat(info.at("/data/images").asInt()).isEqualTo(TrainedRuns.PICTURES);
        assertThat(info.at("/lastEpoch/epoch").asInt()).isEqualTo(1);
        assertThat(info.at("/lastEpoch/train_mse").asDouble()).isPositive();
        assertThat(info.at("/lastEpoch/val_mse").isNull()).as("no validation split: NaN in metrics.csv").isTrue();
        assertThat(new String(model.body(), StandardCharsets.UTF_8))
                .doesNotContain(TrainedRuns.tiny("unet").getParent().toString());
    }

    @Test
    void rawBodyIsColorizedAtFullResolutionAsPng() throws IOException {
        BufferedImage input = SyntheticImages.scene(50, 30, 1);
        HttpResponse<byte[]> response = http.colorize(Http.encoded(input, "png"), "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(out.getWidth()).isEqualTo(50);
        assertThat(out.getHeight()).isEqualTo(30);
    }

    @Test
    void multipartJpegAnswerAndOtherWorkingSize() throws IOException {
        byte[] gif = Http.encoded(SyntheticImages.scene(41, 23, 2), "gif");
        HttpResponse<byte[]> response = http.colorizeMultipart(gif, "image", "?format=jpg&size=32");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(out.getWidth()).isEqualTo(41);
        assertThat(out.getHeight()).isEqualTo(23);
    }

    @Test
    void badRequestsAre400() {
        byte[] png = Http.encoded(SyntheticImages.scene(20, 20, 3), "png");
        assertError(http.colorize(new byte[0], ""), 400, "bad_request", "no picture");
        assertError(http.colorizeMultipart(png, "photo", ""), 400, "bad_request", "unknown field 'photo': this "
                + "endpoint takes the fields image, ");
        // a parameter out of range (a UsageException in the library, exit code 64 on the CLI) is a 400 too
        assertError(http.colorize(png, "?format=gif"), 400, "bad_request", "png, jpg, tiff or keep");
        assertError(http.colorize(png, "?size=big"), 400, "bad_request", "whole number");
        assertError(http.colorize(png, "?size=12"), 400, "bad_request", "from 16 to 32");
        assertError(http.colorize(png, "?size=64"), 400, "bad_request", "from 16 to 32");
        assertError(http.colorize(png, "?saturation=lots"), 400, "bad_request", "not a number");
        assertError(http.colorize(png, "?saturation=3"), 400, "bad_request", "0 (gray) to 2");
    }

    @Test
    void saturationZeroAnswersTheGrayPictureAndTwoMoreColorThanOne() throws IOException {
        byte[] png = Http.encoded(SyntheticImages.scene(40, 40, 4), "png");
        BufferedImage gray = ImageIO.read(new ByteArrayInputStream(http.colorize(png, "?saturation=0").body()));
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                int p = gray.getRGB(x, y);
                assertThat(Math.abs((p >> 16 & 0xFF) - (p & 0xFF))).isLessThanOrEqualTo(1);
                assertThat(Math.abs((p >> 8 & 0xFF) - (p & 0xFF))).isLessThanOrEqualTo(1);
            }
        }
        BufferedImage one = ImageIO.read(new ByteArrayInputStream(http.colorize(png, "?saturation=1").body()));
        BufferedImage two = ImageIO.read(new ByteArrayInputStream(http.colorize(png, "?saturation=2").body()));
        assertThat(dev.colorizer.eval.ImageMetrics.colorfulness(two))
                .isGreaterThan(1.5 * dev.colorizer.eval.ImageMetrics.colorfulness(one));
    }

    @Test
    void bodiesOverTheLimitAre413AnnouncedOrNot() {
        byte[] big = new byte[(int) MAX_BODY + 1];
        assertError(http.colorize(big, ""), 413, "body_too_large", "larger than " + MAX_BODY + " bytes (64 KiB)");
        assertError(http.colorizeMultipart(big, "image", ""), 413, "body_too_large", "larger than");
        // chunked: no Content-Length, the server stops reading at the limit
        HttpResponse<byte[]> chunked = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/colorize"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertError(chunked, 413, "body_too_large", "larger than");
        HttpResponse<byte[]> chunkedForm = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/colorize"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n"
                                + "x".repeat((int) MAX_BODY) + "\r\n--xyz--\r\n").getBytes(StandardCharsets.UTF_8)))));
        assertError(chunkedForm, 413, "body_too_large", "larger than");
    }

    @Test
    void aBrokenFormIs400() {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/colorize"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nno headers, no end")));
        assertError(response, 400, "bad_request", "form");
        String part = "--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nx\r\n";
        HttpResponse<byte[]> twice = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/colorize"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString(part + part + "--xyz--\r\n")));
        assertError(twice, 400, "bad_request", "field 'image' is given more than once");
    }

    @Test
    void picturesOverThePixelLimitAre413BeforeDecoding() {
        byte[] png = Http.encoded(SyntheticImages.scene(101, 100, 4), "png");
        assertError(http.colorize(png, ""), 413, "too_many_pixels",
                "101x100 pixels, more than the 10000 pixels (0.01 megapixels) this server accepts");
        // a decompression bomb: 33 bytes announcing 100000 x 100000 pixels, which the decoder refuses by itself
        assertError(http.colorize(pngHeader(100_000, 100_000), ""), 413, "too_many_pixels",
                "more than the 10000 pixels (0.01 megapixels) this server accepts");
    }

    @Test
    void notAnImageIs415AndCorruptIs422() {
        assertError(http.colorize("just some text, no pixels".getBytes(StandardCharsets.UTF_8), ""), 415,
                "unsupported_media_type", "not an image");
        byte[] png = Http.encoded(SyntheticImages.scene(40, 40, 5), "png");
        assertError(http.colorize(java.util.Arrays.copyOf(png, png.length / 2), ""), 422, "corrupt_image",
                "truncated or corrupt");
    }

    @Test
    void unknownPathsAndMethodsAreJsonErrors() {
        assertError(http.get("/api/nothing"), 404, "not_found", "no such");
        assertError(http.get("/api/colorize"), 405, "method_not_allowed", "method");
    }

    @Test
    void pageAndOpenApiAreServedWithStrictHeaders() {
        HttpResponse<byte[]> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<title>colorizer</title>")
                .doesNotContain("http://", "https://"); // no CDN
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(http.get("/app.js").statusCode()).isEqualTo(200);
        assertThat(http.get("/app.css").statusCode()).isEqualTo(200);
        JsonNode api = Http.json(http.get("/openapi.json"));
        assertThat(api.get("openapi").asText()).startsWith("3.");
        assertThat(api.get("paths").has("/api/colorize")).isTrue();
        JsonNode colorize = api.at("/paths/~1api~1colorize/post");
        JsonNode form = colorize.at("/requestBody/content/multipart~1form-data/schema/properties");
        assertThat(form.has("image") && form.has("image_id") && form.has("hints")).as(form.toString()).isTrue();
        assertThat(colorize.at("/responses/200/headers").has(ColorizeEndpoint.IMAGE_ID_HEADER)).isTrue();
    }

    @Test
    void hintsOnAModelThatTakesNoneAre400ButNoPointsColorizeAutomatically() throws IOException {
        byte[] png = Http.encoded(SyntheticImages.scene(30, 20, 8), "png");
        assertError(http.colorizeForm(Map.of("image", png, "hints",
                        utf8("{\"points\": [{\"x\": 1, \"y\": 2, \"color\": \"#c83c28\"}]}")), ""), 400,
                "hints_not_supported", "field 'hints' has 1 point, but model unet takes no color hints");
        assertError(http.colorizeForm(Map.of("image", png, "hints", utf8("points: none")), ""), 400, "bad_hints",
                "field 'hints' is not JSON");
        HttpResponse<byte[]> none = http.colorizeForm(Map.of("image", png, "hints", utf8("{\"points\": []}")), "");
        assertThat(none.statusCode()).as(new String(none.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(maxChannelDifference(read(none), read(http.colorize(png, "")))).isZero();
    }

    @Test
    void theAnswerCarriesAnIdThatStandsForThePictureAfterwards() throws IOException {
        byte[] png = Http.encoded(SyntheticImages.scene(30, 20, 9), "png");
        HttpResponse<byte[]> uploaded = http.colorize(png, "");
        String id = imageId(uploaded);
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(imageId(http.colorizeMultipart(png, "image", ""))).as("the same picture, the same id").isEqualTo(id);
        assertThat(imageId(http.colorize(Http.encoded(SyntheticImages.scene(30, 20, 10), "png"), ""))).isNotEqualTo(id);

        HttpResponse<byte[]> byId = http.colorizeForm(Map.of("image_id", utf8(id)), "");
        assertThat(byId.statusCode()).as(new String(byId.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(imageId(byId)).isEqualTo(id);
        assertThat(maxChannelDifference(read(byId), read(uploaded))).isZero();
        assertThat(read(http.colorizeForm(Map.of("image_id", utf8(id)), "?saturation=0&format=jpg")).getWidth())
                .isEqualTo(30);

        assertError(http.colorizeForm(Map.of("image_id", utf8("A".repeat(22))), ""), 410, "image_gone",
                "send the picture again as the field 'image'");
        assertError(http.colorizeForm(Map.of("image_id", utf8("../../etc/passwd")), ""), 400, "bad_request",
                "field 'image_id' is not an id this server gives out");
        assertError(http.colorizeForm(Map.of("image_id", utf8(id), "image", png), ""), 400, "bad_request",
                "not both");
        assertError(http.colorizeForm(Map.of("hints", utf8("{\"points\": []}")), ""), 400, "bad_request",
                "no field 'image'");
    }

    @Test
    void keptPicturesStayWithinTheirPixelBoundLeastRecentlyUsedOutFirst() throws IOException {
        try (ColorizeServer small = ColorizeServer.start(config().optImageCachePixels(2 * 40 * 40).build(),
                TrainedRuns.tiny("unet"))) {
            small.awaitReady();
            Http client = new Http(small.port());
            String a = imageId(client.colorize(Http.encoded(SyntheticImages.scene(40, 40, 11), "png"), ""));
            String b = imageId(client.colorize(Http.encoded(SyntheticImages.scene(40, 40, 12), "png"), ""));
            assertThat(client.colorizeForm(Map.of("image_id", utf8(a)), "").statusCode()).isEqualTo(200);
            String c = imageId(client.colorize(Http.encoded(SyntheticImages.scene(40, 40, 13), "png"), ""));
            assertError(client.colorizeForm(Map.of("image_id", utf8(b)), ""), 410, "image_gone", b);
            HttpResponse<byte[]> big = client.colorize(Http.encoded(SyntheticImages.scene(60, 60, 14), "png"), "");
            assertThat(big.statusCode()).isEqualTo(200);
            assertThat(big.headers().firstValue(ColorizeEndpoint.IMAGE_ID_HEADER))
                    .as("larger than the whole cache: answered, not kept").isEmpty();
            for (String kept : List.of(a, c)) {
                assertThat(read(client.colorizeForm(Map.of("image_id", utf8(kept)), "")).getWidth()).isEqualTo(40);
            }
        }
    }

    private static String imageId(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.headers().firstValue(ColorizeEndpoint.IMAGE_ID_HEADER).orElseThrow();
    }

    private static BufferedImage read(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(response.body()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void concurrentRequestsEachGetTheirOwnPicture() throws Exception {
        List<BufferedImage> inputs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            inputs.add(SyntheticImages.scene(30 + i, 20 + 2 * i, i));
        }
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (BufferedImage input : inputs) {
                answers.add(clients.submit(() -> http.colorize(Http.encoded(input, "png"), "")));
            }
            for (int i = 0; i < inputs.size(); i++) {
                HttpResponse<byte[]> response = answers.get(i).get();
                assertThat(response.statusCode()).isEqualTo(200);
                BufferedImage out = ImageIO.read(new ByteArrayInputStream(response.body()));
                assertThat(out.getWidth()).isEqualTo(inputs.get(i).getWidth());
                assertThat(out.getHeight()).isEqualTo(inputs.get(i).getHeight());
                BufferedImage alone = ImageIO.read(new ByteArrayInputStream(
                        http.colorize(Http.encoded(inputs.get(i), "png"), "").body()));
                assertThat(maxChannelDifference(out, alone)).as("picture %d, batched or alone", i)
                        .isLessThanOrEqualTo(2);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void tooManyRequestsInFlightAre503WithRetryAfter() throws Exception {
        try (ColorizeServer one = ColorizeServer.start(config().optMaxInFlight(1).build(), TrainedRuns.tiny("unet"))) {
            one.awaitReady();
            Http client = new Http(one.port());
            byte[] png = Http.encoded(SyntheticImages.scene(20, 20, 6), "png");
            HttpResponse<byte[]> response = null;
            // a slow upload holds the only place: headers and 10 of the 1000 bytes it announces; should the client
            // come first after all, the slow one is refused instead, and they try again
            for (int i = 0; i < 20 && (response == null || response.statusCode() != 503); i++) {
                try (Socket slow = new Socket("127.0.0.1", one.port())) {
                    OutputStream out = slow.getOutputStream();
                    out.write(("POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                            + "Content-Length: 1000\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100);
                    response = client.colorize(png, "");
                } // closing the socket cuts the upload off, which frees its place
            }
            assertError(response, 503, "busy", "try again");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            for (int i = 0; i < 100 && response.statusCode() == 503; i++) {
                Thread.sleep(20);
                response = client.colorize(png, "");
            }
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRequestPastItsTimeoutIs503() {
        try (ColorizeServer impatient = ColorizeServer.start(config().optTimeout(Duration.ofNanos(1)).build(),
                TrainedRuns.tiny("unet"))) {
            impatient.awaitReady();
            HttpResponse<byte[]> response = new Http(impatient.port())
                    .colorize(Http.encoded(SyntheticImages.scene(20, 20, 7), "png"), "");
            assertError(response, 503, "timeout", "too long");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void aModelThatCannotLoadIsReportedNotServed(@org.junit.jupiter.api.io.TempDir Path empty) {
        try (ColorizeServer broken = ColorizeServer.start(config().build(), empty.resolve("no-run"))) {
            assertThatThrownBy(broken::awaitReady).isInstanceOf(ColorizerException.class)
                    .hasMessageContaining("no such run folder");
            Http client = new Http(broken.port());
            assertError(client.get("/api/health"), 503, "no_model", "failed to load");
            assertError(client.colorize(new byte[] {1}, ""), 503, "no_model", "failed to load");
        }
    }

    /** A JSON {error, detail} answer with that status, and nothing of the server's insides. */
    static void assertError(HttpResponse<byte[]> response, int status, String error, String detailPart) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode json = Http.json(response);
        assertThat(json.get("error").asText()).as(body).isEqualTo(error);
        assertThat(json.get("detail").asText()).as(body).contains(detailPart);
        assertThat(body).doesNotContain("Exception", "\tat ", "/tmp/");
    }

    // the PNG signature and a valid IHDR chunk announcing w x h (8-bit gray), no pixel data
    static byte[] pngHeader(int w, int h) {
        ByteBuffer png = ByteBuffer.allocate(33);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
                .put(new byte[] {8, 0, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(png.array(), 12, 17);
        png.putInt((int) crc.getValue());
        return png.array();
    }
}
