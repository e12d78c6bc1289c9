package dev.colorizer.server;

import static dev.colorizer.server.ApiTest.assertError;
import static dev.colorizer.server.HintsApiTest.image;
import static dev.colorizer.server.HintsApiTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorizer.Pictures;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.Suggestions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference field of {@code POST /api/colorize} and {@code POST /api/suggest}, with the bundled model (which
 * takes hints and predicts its uncertainty): a flat red reference turns a flat gray picture red, the user's hints win
 * over the reference's, a bad reference is a 4xx naming the field and the fix, and the suggestions are the core's
 * JSON with distinct points inside the picture.
 */
class ReferenceApiTest {
    private static final int W = 96; // the gray picture, 96x64: small, so each request is quick
    private static final int H = 64;

    private static ColorizeServer server;
    private static Http http;
    private static byte[] gray;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Colorizer.hasBundled(), "this build carries no bundled model: reference tests skipped");
        server = ColorizeServer.start(ApiTest.config().optMaxPixels(1 << 20).build(), null);
        server.awaitReady();
        http = new Http(server.port());
        gray = Http.encoded(Pictures.flat(W, H, 0x808080), "png");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFlatRedReferenceTurnsAFlatGrayPictureRedAndTheUsersHintsWin() {
        byte[] red = Http.encoded(Pictures.flat(80, 60, 0xC02818), "png");
        BufferedImage without = image(http.colorizeForm(Map.of("image", gray), ""));
        BufferedImage with = image(http.colorizeForm(Map.of("image", gray, "reference", red), ""));
        assertThat(Pictures.meanAb(without, 0, 48, 32, 20)).as("a* without a reference").isLessThan(15);
        assertThat(Pictures.meanAb(with, 0, 48, 32, 20)).as("a* with a red reference").isGreaterThan(25);
        // a green hint over the middle (a 24x24 square), after the reference's: green (a* below zero) wins there
        BufferedImage hinted = image(http.colorizeForm(Map.of("image", gray, "reference", red, "hints",
                utf8("{\"points\": [{\"x\": 48, \"y\": 32, \"color\": \"#20c040\", \"radius\": 12}]}")), ""));
        assertThat(Pictures.meanAb(hinted, 0, 48, 32, 2)).as("a* under the user's green hint").isLessThan(0);
    }

    @Test
    void badReferencesAre4xxNamingTheFieldAndTheFix() {
        assertError(reference(utf8("not a picture at all")), 400, "bad_reference", "field 'reference'");
        assertError(reference(Http.encoded(Pictures.flat(80, 60, 0x707070), "png")), 400, "bad_reference",
                "field 'reference': the reference has no color (it is gray): give a color photograph");
        assertError(reference(Http.encoded(Pictures.flat(12, 80, 0xC02818), "png")), 400, "bad_reference",
                "field 'reference': a reference of 12×80 is too small to match: give one at least 16 pixels");
        assertError(reference(ApiTest.pngHeader(4000, 3000)), 413, "bad_reference",
                "field 'reference': a reference of 4000x3000 has more than the 1048576 pixels");
    }

    private static HttpResponse<byte[]> reference(byte[] reference) {
        return http.colorizeForm(Map.of("image", gray, "reference", reference), "");
    }

    @Test
    void suggestAnswersDistinctPointsInsideThePictureInTheHintFormat() throws IOException {
        byte[] beach = Files.readAllBytes(Pictures.BEACH); // 256x128
        HttpResponse<byte[]> answer = suggest(beach, "");
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(answer.headers().firstValue(ColorizeEndpoint.IMAGE_ID_HEADER)).isPresent();
        JsonNode points = Http.json(answer).get("points");
        assertThat(points).hasSize(ColorizeEndpoint.DEFAULT_COUNT);
        Set<String> seen = new HashSet<>();
        double last = Double.MAX_VALUE;
        for (JsonNode p : points) {
            assertThat(p.get("x").asDouble()).isBetween(0.0, 256.0);
            assertThat(p.get("y").asDouble()).isBetween(0.0, 128.0);
            assertThat(p.get("color").asText()).matches("#[0-9a-f]{6}");
            assertThat(p.get("uncertainty").asDouble()).isPositive().isLessThanOrEqualTo(last);
            last = p.get("uncertainty").asDouble();
            assertThat(seen.add(p.get("x").asText() + "," + p.get("y").asText())).as("distinct").isTrue();
        }
        assertThat(Http.json(suggest(beach, "?count=3")).get("points")).hasSize(3);
        assertError(suggest(beach, "?count=0"), 400, "bad_request", "0 points asked for: ask for 1 to "
                + Suggestions.MAX_COUNT);
        assertError(suggest(beach, "?count=many"), 400, "bad_request", "count many is not a whole number");
        assertError(suggest(beach, "?Count=3"), 400, "bad_request", "unknown parameter 'Count'");
        assertError(suggest(utf8("not a picture"), ""), 415, "unsupported_media_type", "upload");
    }

    @Test
    void openApiDescribesTheReferenceAndSuggest() {
        JsonNode api = Http.json(http.get("/openapi.json"));
        assertThat(api.at("/paths/~1api~1colorize/post/requestBody/content/multipart~1form-data/schema/properties")
                .has("reference")).isTrue();
        assertThat(api.at("/paths/~1api~1suggest/post/responses/200").isMissingNode()).isFalse();
    }

    private static HttpResponse<byte[]> suggest(byte[] picture, String query) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/suggest" + query))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(picture)));
    }
}
