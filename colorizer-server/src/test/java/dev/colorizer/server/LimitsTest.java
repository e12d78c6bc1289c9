package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.UsageException;
import org.junit.jupiter.api.Test;

/** The numbers limit messages give: exact counts beside rounded units, and limits a config may not exceed. */
class LimitsTest {
    @Test
    void byteAndPixelCountsAreExactWithTheirUnitBeside() {
        assertThat(HttpProblem.bytes(100)).isEqualTo("100 bytes");
        assertThat(HttpProblem.bytes(8192)).isEqualTo("8192 bytes (8 KiB)");
        assertThat(HttpProblem.bytes(65536)).isEqualTo("65536 bytes (64 KiB)");
        assertThat(HttpProblem.bytes(32L << 20)).isEqualTo("33554432 bytes (32 MiB)");
        assertThat(HttpProblem.bytes(1_500_000)).isEqualTo("1500000 bytes (1.43 MiB)");
        assertThat(HttpProblem.pixels(4096L * 4096)).isEqualTo("16777216 pixels (16.8 megapixels)");
        assertThat(HttpProblem.pixels(10_000)).isEqualTo("10000 pixels (0.01 megapixels)");
        assertThat(HttpProblem.pixels(1L << 28)).isEqualTo("268435456 pixels (268 megapixels)");
    }

    @Test
    void limitMessagesNameTheConfiguredLimit() {
        assertThat(HttpProblem.bodyTooLarge(5L << 20).getMessage())
                .isEqualTo("the upload is larger than 5242880 bytes (5 MiB), the most this server accepts: send a"
                        + " smaller picture");
        assertThat(HttpProblem.tooManyPixels(5000, 4000, 12_000_000).getMessage())
                .isEqualTo("the picture has 5000x4000 pixels, more than the 12000000 pixels (12 megapixels) this"
                        + " server accepts: downscale it");
    }

    @Test
    void aPixelLimitOverWhatTheDecoderReadsIsRefused() {
        assertThat(ServerConfig.builder().optMaxPixels(ServerConfig.MAX_DECODED_PIXELS).build().maxPixels())
                .isEqualTo(1L << 28);
        assertThatThrownBy(() -> ServerConfig.builder().optMaxPixels(ServerConfig.MAX_DECODED_PIXELS + 1).build())
                .isInstanceOf(UsageException.class) // colorize serve: exit code 64
                .hasMessage("max pixels (--max-megapixels) must be at most 268435456 pixels (268 megapixels), the"
                        + " largest picture the image decoder reads, got 268435457 pixels (268 megapixels)");
        assertThatThrownBy(() -> ServerConfig.builder().optMaxBodyBytes(0).build())
                .hasMessage("max body size (--max-body-mb) must be 1 to 2147483639 bytes, got 0");
    }
}
