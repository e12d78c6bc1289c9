package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.SyntheticImages;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `colorize serve` stopped by SIGTERM (as a service manager stops it) answers the upload in flight first. */
class ServeShutdownTest {
    @TempDir
    Path dir;

    @Test
    void sigtermLetsTheRequestInFlightFinish() throws Exception {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ImageIO.write(SyntheticImages.scene(24, 16, 5), "png", encoded);
        byte[] png = encoded.toByteArray();
        Process serving = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                Main.class.getName(), "serve", "--host", "127.0.0.1", "--port", "0"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
        try {
            try (Socket socket = new Socket("127.0.0.1", port(serving))) {
                socket.setSoTimeout(20_000);
                OutputStream request = socket.getOutputStream();
                request.write(("POST /api/colorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                        + "Content-Length: " + png.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                request.write(png, 0, png.length / 2); // in flight: half its picture sent
                request.flush();
                Thread.sleep(300);
                serving.destroy(); // SIGTERM
                Thread.sleep(700);
                assertThat(serving.isAlive()).as("the server waits for the request in flight").isTrue();
                request.write(png, png.length / 2, png.length - png.length / 2);
                request.flush();
                assertThat(statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 200 OK");
            }
            assertThat(serving.waitFor(20, TimeUnit.SECONDS)).as("it stops once the answer is sent").isTrue();
            assertThat(Files.readString(dir.resolve("serve.log"))).contains("stopping: finishing the requests in flight");
        } finally {
            serving.destroyForcibly();
        }
    }

    // the port the server says it serves on, once it does
    private int port(Process serving) throws Exception {
        Pattern serving127 = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/");
        for (int waited = 0; waited < 60_000 && serving.isAlive(); waited += 50) {
            Matcher m = serving127.matcher(Files.readString(dir.resolve("serve.log")));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server never said its port:\n" + Files.readString(dir.resolve("serve.log")));
    }

    private static String statusLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
