package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.TrainedRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colorize serve}: serves a trained run until interrupted, warning when the address is open to the network;
 * bad options and runs are exit code 2.
 */
class ServeCommandTest {
    private static final String WARNING = "the API has no authentication";

    @TempDir
    Path dir;

    @Test
    void servesARunUntilStoppedAndWarnsWhenOpenToTheNetwork() throws Exception {
        Path run = TrainedRuns.tiny("unet");
        assertThat(serveUntilHealthy(run, "127.0.0.1")).doesNotContain(WARNING);
        // every address of this machine, loopback included (where the test reaches it), for the second it serves
        assertThat(serveUntilHealthy(run, "0.0.0.0")).containsOnlyOnce("warning: listening on 0.0.0.0: anyone who"
                + " can reach this machine can use the server; " + WARNING + " (--host 127.0.0.1 keeps it to this"
                + " machine)" + System.lineSeparator());
    }

    @Test
    void onlyLoopbackAddressesAndTheirNamesAreLoopback() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
            assertThat(ServeCommand.isLoopback(host)).as(host).isTrue();
        }
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.1", "no-such-host.invalid"}) {
            assertThat(ServeCommand.isLoopback(host)).as(host).isFalse();
        }
    }

    // serves the run on host:a free port until /api/health answers 200 on loopback, then stops it; what it wrote
    // on stderr meanwhile
    private static String serveUntilHealthy(Path run, String host) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AtomicInteger code = new AtomicInteger(-1);
            Thread serve = new Thread(() -> code.set(Main.run("serve", "--model", run.toString(), "--host", host,
                    "--port", String.valueOf(port), "--batch", "1")));
            serve.start();
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            int status = 0;
            for (int i = 0; i < 200 && status != 200; i++) {
                try {
                    status = client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException notListeningYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(status).isEqualTo(200);
            serve.interrupt();
            serve.join(10_000);
            assertThat(code.get()).isZero();
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingRunIsExitCode2AndABadOptionExitCode64() {
        assertThat(cli("serve", "--model", dir.resolve("nothing").toString(), "--port", "0"))
                .isEqualTo(2);
        // options out of range: 2 until bad usage got its own code
        assertThat(cli("serve", "--model", dir.toString(), "--port", "70000")).isEqualTo(64);
        assertThat(cli("serve", "--model", dir.toString(), "--port", "0", "--image-cache-megapixels", "-1"))
                .isEqualTo(64);
        assertThat(cli("serve", "--model", dir.toString(), "--port", "0", "--max-megapixels", "300")).isEqualTo(64);
        assertThat(cli("serve", "--model", dir.toString(), "--port", "0", "--max-megapixels", "0")).isEqualTo(64);
        assertThat(cli("serve", "--model", dir.toString(), "--port", "0", "--host", "no-such-host.invalid"))
                .as("refused before the server starts").isEqualTo(64);
    }

    private static int cli(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setErr(err);
            assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("error: ").doesNotContain("\tat ");
        }
    }
}
