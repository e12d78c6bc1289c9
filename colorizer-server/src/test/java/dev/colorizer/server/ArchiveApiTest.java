package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.TrainedRuns;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.infer.Provenance;
import dev.colorizer.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the API answers beside the pixels: the decoder's warnings, the upload's format, depth and metadata. */
class ArchiveApiTest {
    private static ColorizeServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = ColorizeServer.start(ServerConfig.builder().optPort(0).optTimeout(Duration.ofSeconds(20)).build(),
                TrainedRuns.tiny("unet"));
        server.awaitReady();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theWarningsPredictWouldPrintReachTheClientInAHeader() throws Exception {
        BufferedImage page = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(tiff)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(page, null, null), null);
            writer.writeToSequence(new IIOImage(page, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        HttpResponse<byte[]> pages = http.colorize(tiff.toByteArray(), "");
        assertThat(pages.statusCode()).isEqualTo(200);
        assertThat(pages.headers().firstValue(ColorizeEndpoint.WARNINGS_HEADER))
                .hasValue("upload: 2 pages: only the first is colorized");

        HttpResponse<byte[]> clean = http.colorize(Http.encoded(page, "png"), "");
        assertThat(clean.headers().firstValue(ColorizeEndpoint.WARNINGS_HEADER)).isEmpty();
        HttpResponse<byte[]> png = http.colorize(Http.encoded(page, "png"), "?quality=80");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue(ColorizeEndpoint.WARNINGS_HEADER).orElseThrow())
                .startsWith("quality applies to JPEG answers only; this one is png");
        assertThat(png.body()).as("nothing else changes").isEqualTo(clean.body());
    }

    @Test
    void aSixteenBitUploadKeptInItsFormatIsSixteenBitsAndSaysWhatMadeIt() throws Exception {
        BufferedImage scan = new BufferedImage(32, 24, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                scan.getRaster().setSample(x, y, 0, (y * 32 + x) * 60);
            }
        }
        HttpResponse<byte[]> answer = http.colorize(Http.encoded(scan, "tiff"), "?format=keep&size=16");
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/tiff");
        BufferedImage colorized = ImageIO.read(new ByteArrayInputStream(answer.body()));
        assertThat(colorized.getColorModel().getComponentSize(0)).isEqualTo(16);

        Picture back = ImageFiles.readPicture(answer.body(), "answer");
        Provenance made = Provenance.read(back.metadata(), null).orElseThrow();
        assertThat(made.size()).isEqualTo(16);
        assertThat(made.model()).startsWith("unet weights ");
        assertThat(back.metadata().sourceFormat()).isEqualTo(OutputFormat.TIFF);
    }

    @Test
    void aJpegQualityOutOfRangeIsRefusedBeforeAnyWork() {
        HttpResponse<byte[]> answer = http.colorize(new byte[] {1}, "?format=jpg&quality=0");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Http.json(answer).get("detail").asText()).startsWith("quality 0 is out of range");
    }

    @Test
    void anErrorCarriesTheWarningsOnlyWhenThereAreSome() throws Exception {
        assertThat(Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(new ApiError("busy", "try again")))
                .has("warnings")).isFalse();
        assertThat(Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(new ApiError("busy", "try again",
                List.of("upload: 2 pages: only the first is colorized")))).get("warnings").get(0).asText())
                .isEqualTo("upload: 2 pages: only the first is colorized");
    }
}
