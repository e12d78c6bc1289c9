package dev.colorizer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Manual probe, not a test: builds the sample cache for a folder, reads every sample twice, reopens it (reuse), then
 * deletes the cache. Run with a small heap under {@code /usr/bin/time -v} to see that memory stays bounded:
 * <pre>
 *   mvn -q -o -pl colorizer-core test-compile
 *   mvn -q -o -pl colorizer-core dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   /usr/bin/time -v java -Xmx512m -cp colorizer-core/target/classes:colorizer-core/target/test-classes:$(cat /tmp/cp.txt) \
 *       dev.colorizer.data.CacheMemoryProbe /work/shared/data/intel-train 128 /tmp/probe-cache
 * </pre>
 */
public final class CacheMemoryProbe {
    private CacheMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        Path cacheDir = Path.of(args[2]);
        ImageFolder folder = ImageFolder.scan(data);
        System.out.printf("%s: %s, %d pairs, %d problems%n", data, folder.layout(), folder.pairs().size(),
            folder.problems().size());

        long t0 = System.nanoTime();
        Path file;
        try (SampleCache cache = SampleCache.open(folder.pairs(), size, cacheDir, p -> { })) {
            file = cache.file();
            long t1 = System.nanoTime();
            System.out.printf("built %s: %d samples, %d problems, %d MB, %.1f s%n", file.getFileName(), cache.count(),
                cache.problems().size(), Files.size(file) >> 20, (t1 - t0) / 1e9);
            cache.problems().forEach(p -> System.out.println("  " + p.message()));
            for (int pass = 1; pass <= 2; pass++) {
                long t = System.nanoTime();
                long checksum = readAll(cache);
                System.out.printf("read pass %d: %.2f s (checksum %d)%n", pass, (System.nanoTime() - t) / 1e9,
                    checksum);
            }
        }
        long t2 = System.nanoTime();
        try (SampleCache cache = SampleCache.open(folder.pairs(), size, cacheDir, p -> { })) {
            System.out.printf("reopened: reused=%s in %.2f s%n", cache.reused(), (System.nanoTime() - t2) / 1e9);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap now %d MB of max %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20,
            rt.maxMemory() >> 20);
        Files.delete(file);
    }

    // reads every sample into one pair of batch-sized buffers; the sum keeps the JIT from dropping the reads
    private static long readAll(SampleCache cache) {
        int n = cache.size() * cache.size();
        byte[] rgb = new byte[3 * n];
        byte[] gray = new byte[n];
        long sum = 0;
        for (int i = 0; i < cache.count(); i++) {
            cache.readRgb(i, rgb);
            cache.readGray(i, gray);
            sum += (rgb[i % rgb.length] & 0xFF) + (gray[i % n] & 0xFF);
        }
        return sum;
    }
}
