package dev.colorizer.server;

import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Resize;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The HTTP server's load benchmark (docs/BENCHMARKS.md, "HTTP server"): for each batching setting, picture size and
 * number of clients, a server on a free loopback port and closed-loop clients that each send the next request as
 * soon as the previous one is answered, for a fixed time. Prints one Markdown table row per cell: requests/s and
 * p50/p99 latency. Loopback only; bounded by time (and count) per cell.
 *
 * <p>Usage: {@code HttpBenchmark RUN_DIR [SECONDS_PER_CELL]}
 */
public final class HttpBenchmark {
    private static final int[] CLIENTS = {1, 4, 16};
    private static final int MAX_REQUESTS_PER_CLIENT = 2000;

    private record Setting(String name, int maxBatch, Duration batchWait) {}

    private record Cell(double requestsPerSecond, double p50Ms, double p99Ms, int failures) {}

    private HttpBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]);
        Duration perCell = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 8);
        List<Setting> settings = List.of(
                new Setting("off (batch 1)", 1, Duration.ZERO),
                new Setting("on, batch 8, no wait", 8, Duration.ZERO),
                new Setting("on, batch 8, wait 5 ms", 8, Duration.ofMillis(5)),
                new Setting("on, batch 8, wait 20 ms", 8, Duration.ofMillis(20)));
        // a smooth generated picture, as a JPEG of typical quality: 150x150 (67 kB of pixels) and 1000x1000 (1 MP)
        BufferedImage base = SyntheticImages.scene(1000, 1000, 7);
        List<byte[]> bodies = List.of(ImageFiles.encode(Resize.resize(base, 150, 150), OutputFormat.JPEG),
                ImageFiles.encode(base, OutputFormat.JPEG));
        List<String> sizes = List.of("150×150", "1000×1000");
        System.out.println("| micro-batching | picture | clients | requests/s | p50 ms | p99 ms | failed |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (int picture = 0; picture < bodies.size(); picture++) {
            for (Setting setting : settings) {
                ServerConfig config = ServerConfig.builder().optPort(0).optMaxBatch(setting.maxBatch())
                        .optBatchWait(setting.batchWait()).build();
                try (ColorizeServer server = ColorizeServer.start(config, run)) {
                    server.awaitReady();
                    Http http = new Http(server.port());
                    measure(http, bodies.get(picture), 2, Duration.ofSeconds(2)); // warm-up: JIT, PyTorch pools
                    for (int clients : CLIENTS) {
                        Cell cell = measure(http, bodies.get(picture), clients, perCell);
                        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.0f | %.0f | %d |%n", setting.name(),
                                sizes.get(picture), clients, cell.requestsPerSecond(), cell.p50Ms(), cell.p99Ms(),
                                cell.failures());
                    }
                }
            }
        }
    }

    // closed loop: each client sends its next request when the previous one is answered, until the time is up
    private static Cell measure(Http http, byte[] body, int clients, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Long>>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < end; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> response = http.colorize(body, "");
                    long t = System.nanoTime() - t0;
                    latencies.add(response.statusCode() == 200 ? t : -1);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> r : results) {
            all.addAll(r.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        int failures = (int) all.stream().filter(t -> t < 0).count();
        List<Long> ok = new ArrayList<>(all.stream().filter(t -> t >= 0).toList());
        Collections.sort(ok);
        return new Cell(ok.size() / seconds, percentile(ok, 0.50) / 1e6, percentile(ok, 0.99) / 1e6, failures);
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
