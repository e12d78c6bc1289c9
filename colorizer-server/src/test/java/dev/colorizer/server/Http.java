package dev.colorizer.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorizer.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;

/** A small client for the tests: loopback only, every call bounded by a timeout. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BOUNDARY = "----colorizer-test-boundary";

    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** POST /api/colorize{query} with the bytes as the raw body. */
    HttpResponse<byte[]> colorize(byte[] body, String query) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/colorize" + query))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** POST /api/colorize{query} with the bytes as the multipart file field {@code field}. */
    HttpResponse<byte[]> colorizeMultipart(byte[] file, String field, String query) {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"../../etc/passwd.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        form.writeBytes(file);
        form.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + "/api/colorize" + query))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())));
    }

    /** POST /api/colorize{query} with a multipart form of these fields (e.g. image, image_id, hints). */
    HttpResponse<byte[]> colorizeForm(Map<String, byte[]> fields, String query) {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            form.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            form.writeBytes(value);
            form.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        form.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + "/api/colorize" + query))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())));
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The picture as the bytes of a png, jpg, bmp or gif file: a body to send. */
    static byte[] encoded(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }
}
