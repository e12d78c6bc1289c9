package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorizer.SyntheticImages;
import dev.colorizer.TrainedRuns;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated bytes posted to the API (seeded, 240 requests): the server stays up and answers each with a
 * picture or a 4xx JSON error, never a 5xx.
 */
class FuzzTest {
    private static final int ROUNDS = 40;

    @Test
    void garbageIsRefusedWith4xxAndTheServerStaysUp() {
        try (ColorizeServer server = ColorizeServer.start(ApiTest.config().optMaxBodyBytes(64 * 1024)
                .optMaxPixels(200 * 200).build(), TrainedRuns.tiny("unet"))) {
            server.awaitReady();
            Http http = new Http(server.port());
            SplittableRandom random = new SplittableRandom(2024);
            List<byte[]> seeds = List.of("png", "jpg", "gif", "bmp").stream()
                    .map(f -> Http.encoded(SyntheticImages.scene(24, 16, 1), f)).toList();
            int pictures = 0;
            for (int round = 0; round < ROUNDS; round++) {
                byte[] seed = seeds.get(round % seeds.size());
                for (byte[] body : List.of(noise(random), flipBits(seed, random), truncate(seed, random),
                        overwrite(seed, random), hugeHeader(seed, random))) {
                    pictures += check(http.colorize(body, ""), body) ? 1 : 0;
                }
                byte[] form = formWith(flipBits(seed, random), random);
                pictures += check(http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/colorize"))
                        .header("Content-Type", "multipart/form-data; boundary=b0undary")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form))), form) ? 1 : 0;
            }
            assertThat(http.get("/api/health").statusCode()).isEqualTo(200);
            assertThat(pictures).as("some mutants still decode; most do not").isBetween(1, ROUNDS * 6 - 1);
        }
    }

    /** True for a picture, false for a 4xx JSON error; fails on anything else. */
    private static boolean check(HttpResponse<byte[]> response, byte[] body) {
        String what = "answer to " + body.length + " bytes starting " + Arrays.toString(Arrays.copyOf(body, 12));
        if (response.statusCode() == 200) {
            assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("image/png");
            return true;
        }
        assertThat(response.statusCode()).as(what + ": " + new String(response.body(), StandardCharsets.UTF_8))
                .isBetween(400, 499);
        JsonNode error = Http.json(response);
        assertThat(error.has("error") && error.has("detail")).as(what).isTrue();
        return false;
    }

    private static byte[] noise(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(0, 3000)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] flipBits(byte[] seed, SplittableRandom random) {
        byte[] bytes = seed.clone();
        for (int i = random.nextInt(1, 20); i > 0; i--) {
            int at = random.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private static byte[] truncate(byte[] seed, SplittableRandom random) {
        return Arrays.copyOf(seed, random.nextInt(1, seed.length));
    }

    private static byte[] overwrite(byte[] seed, SplittableRandom random) {
        byte[] bytes = seed.clone();
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + random.nextInt(1, 64));
        for (int i = from; i < to; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    // the header region (where sizes live) scrambled: dimensions become anything up to 2^32 - 1
    private static byte[] hugeHeader(byte[] seed, SplittableRandom random) {
        byte[] bytes = seed.clone();
        for (int i = 0; i < 6; i++) {
            bytes[random.nextInt(6, Math.min(30, bytes.length))] = (byte) 0xFF;
        }
        return bytes;
    }

    // a form whose structure is sometimes damaged too
    private static byte[] formWith(byte[] file, SplittableRandom random) {
        String head = "--b0undary\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x\"\r\n\r\n";
        byte[] form = new byte[head.length() + file.length + 14];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, form, 0, head.length());
        System.arraycopy(file, 0, form, head.length(), file.length);
        System.arraycopy("\r\n--b0undary--".getBytes(StandardCharsets.US_ASCII), 0, form, head.length() + file.length,
                14);
        return random.nextBoolean() ? form : overwrite(form, random);
    }
}
