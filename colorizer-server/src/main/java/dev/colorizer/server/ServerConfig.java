package dev.colorizer.server;

import dev.colorizer.UsageException;
import java.time.Duration;

/**
 * How the server listens, what it accepts and how it batches. Memory is bounded by
 * {@code maxInFlight × maxBodyBytes} for request bodies plus {@code pixelBudget × ~24 B} for decoded pictures
 * (input RGB, L plane, a/b plane, output RGB) plus {@code imageCachePixels × 4 B} for the recent uploads kept for
 * re-colorizing: about 2.6 GiB with the defaults. A setting out of range is a {@link UsageException} that names it
 * and its {@code colorize serve} option.
 *
 * @param host address to bind: loopback unless asked otherwise
 * @param port TCP port; 0 picks a free one
 * @param maxBodyBytes largest request body (raw image or multipart form); larger: 413, from the Content-Length
 *                     before any of the body is read where the client announces it
 * @param maxPixels largest picture, width × height read from its header; larger: 413 before any pixel is decoded.
 *                  At most {@link #MAX_DECODED_PIXELS}
 * @param pixelBudget decoded pixels all requests in flight may hold together; over it: 503
 * @param maxInFlight requests admitted at once (reading, waiting or running); more: 503 with Retry-After
 * @param timeout from the end of the upload until the picture's forward pass is done (queue included); past it: 503.
 *                Decoding and encoding around it are bounded by maxPixels. Also the longest an upload may stall
 *                (no bytes arriving) before it is refused with 408, so that a stalled client holds its request
 *                slot no longer than this
 * @param workers threads running forward passes (each pass uses PyTorch's own intra-op threads)
 * @param maxBatch pictures per forward pass; 1 turns micro-batching off
 * @param batchWait how long a worker waits for more pictures to fill a batch; 0 takes only those already waiting
 * @param imageCachePixels decoded pixels of recent uploads kept (least recently used out first, at most
 *                         256 pictures) so that a client re-colorizing one with other hints
 *                         sends its {@code image_id} instead of the picture; 0 keeps none
 */
public record ServerConfig(String host, int port, long maxBodyBytes, long maxPixels, long pixelBudget,
                           int maxInFlight, Duration timeout, int workers, int maxBatch, Duration batchWait,
                           long imageCachePixels) {
    /**
     * The most pixels {@code maxPixels} may be: what the image decoder reads at all (ImageFiles refuses larger
     * pictures from their header, about 1 GiB decoded). Above it the decoder, not this server's limit, would refuse
     * a picture, and the answer could not name the limit that applied.
     */
    public static final long MAX_DECODED_PIXELS = 1L << 28;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new UsageException("host (--host) must be given, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("port (--port) must be in 0..65535 (0 picks a free one), got " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) { // a body is read into one array
            throw new UsageException("max body size (--max-body-mb) must be 1 to " + (Integer.MAX_VALUE - 8)
                    + " bytes, got " + maxBodyBytes);
        }
        if (maxPixels > MAX_DECODED_PIXELS) {
            throw new UsageException("max pixels (--max-megapixels) must be at most "
                    + HttpProblem.pixels(MAX_DECODED_PIXELS) + ", the largest picture the image decoder reads, got "
                    + HttpProblem.pixels(maxPixels));
        }
        if (maxPixels < 1) {
            throw new UsageException("max pixels (--max-megapixels) must be at least 1 pixel, e.g. --max-megapixels "
                    + "16.8, got " + maxPixels + " pixels");
        }
        if (pixelBudget < maxPixels || pixelBudget > Integer.MAX_VALUE) {
            throw new UsageException("the pixel budget (all requests in flight together) must be from max pixels ("
                    + HttpProblem.pixels(maxPixels) + ") to " + HttpProblem.pixels(Integer.MAX_VALUE) + ", got "
                    + HttpProblem.pixels(pixelBudget));
        }
        if (maxInFlight < 1 || workers < 1 || maxBatch < 1) {
            throw new UsageException("max in flight, workers and max batch (--max-in-flight, --workers, --batch) "
                    + "must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero() || batchWait.isNegative()) {
            throw new UsageException("timeout (--timeout) must be positive and batch wait (--batch-wait-ms) not "
                    + "negative");
        }
        if (imageCachePixels < 0) {
            throw new UsageException("image cache pixels (--image-cache-megapixels) must be 0 (keep no uploads) "
                    + "or more, got " + imageCachePixels);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Defaults: loopback:8080, 32 MiB bodies, 4096² pixels, 32 in flight, 30 s, batches of up to 8 within 20 ms, and
     * 2 × 4096² pixels (128 MiB) of recent uploads kept for re-colorizing.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private long maxBodyBytes = 32L << 20;
        private long maxPixels = 4096L * 4096;
        private long pixelBudget = 4 * 4096L * 4096;
        private int maxInFlight = 32;
        private Duration timeout = Duration.ofSeconds(30);
        private int workers = 1;
        // docs/BENCHMARKS.md, "HTTP server": on 2 cores a batch of 8 costs 2-3x one picture, not 8x; waiting 20 ms
        // for company gathered the most at 4 clients and cost nothing visible at 1 (a pass takes 200-500 ms)
        private int maxBatch = 8;
        private Duration batchWait = Duration.ofMillis(20);
        // two of the largest pictures, or some thirty 1-megapixel photos: enough for a few people placing hints at once
        private long imageCachePixels = 2 * 4096L * 4096;

        private Builder() {}

        public Builder optHost(String host) {
            this.host = host;
            return this;
        }

        public Builder optPort(int port) {
            this.port = port;
            return this;
        }

        public Builder optMaxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Sets the largest picture and, when it is larger, the pixel budget to 4 such pictures. */
        public Builder optMaxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
            this.pixelBudget = Math.max(pixelBudget, Math.min(Integer.MAX_VALUE, 4 * maxPixels));
            return this;
        }

        public Builder optMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder optTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder optMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        public Builder optBatchWait(Duration batchWait) {
            this.batchWait = batchWait;
            return this;
        }

        public Builder optImageCachePixels(long imageCachePixels) {
            this.imageCachePixels = imageCachePixels;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, maxBodyBytes, maxPixels, pixelBudget, maxInFlight, timeout, workers,
                    maxBatch, batchWait, imageCachePixels);
        }
    }
}
