package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.UsageException;
import dev.colorizer.server.ColorizeServer;
import dev.colorizer.server.ServerConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web page (/) and the HTTP API (/api/colorize, described at /openapi.json) for a "
                + "trained model.",
                "Listens on loopback only unless --host says otherwise. Runs until stopped (Ctrl-C).",
                "Options left out keep the server's defaults, given in brackets."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--host", description = "Address to listen on [127.0.0.1]; 0.0.0.0 opens it to the network"
            + " (the API has no authentication: any other than loopback is warned about).")
    String host;

    @Option(names = "--port", description = "TCP port [8080]; 0 picks a free one.")
    Integer port;

    @Option(names = "--max-body-mb", paramLabel = "MB", description = "Largest upload, in MiB [32].")
    Integer maxBodyMb;

    @Option(names = "--max-megapixels", paramLabel = "MP",
            description = "Largest picture, width × height read before decoding [16.8, i.e. 4096×4096];"
                    + " at most 268.4 (2^28 pixels), the most the decoder reads.")
    Double maxMegapixels;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Requests at once; more get 503 [32].")
    Integer maxInFlight;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per-request time limit [30].")
    Integer timeoutSeconds;

    @Option(names = "--batch", paramLabel = "N",
            description = "Most pictures per forward pass; 1 turns micro-batching off [8].")
    Integer batch;

    @Option(names = "--batch-wait-ms", paramLabel = "MS",
            description = "How long a batch waits for more pictures; 0 takes only those already waiting [20].")
    Integer batchWaitMs;

    @Option(names = "--workers", paramLabel = "N", description = "Threads running forward passes [1].")
    Integer workers;

    @Option(names = "--image-cache-megapixels", paramLabel = "MP",
            description = "Recent uploads kept decoded in memory, so a re-colorization with new hints sends only "
                    + "their image_id [33.6, i.e. 2 × 4096²]; 0 keeps none.")
    Double imageCacheMegapixels;

    @Override
    public Integer call() {
        ServerConfig.Builder config = ServerConfig.builder();
        if (host != null) {
            config.optHost(host);
        }
        if (port != null) {
            config.optPort(port);
        }
        if (maxBodyMb != null) {
            config.optMaxBodyBytes((long) maxBodyMb << 20);
        }
        if (maxMegapixels != null) {
            config.optMaxPixels(Math.round(maxMegapixels * 1e6));
        }
        if (maxInFlight != null) {
            config.optMaxInFlight(maxInFlight);
        }
        if (timeoutSeconds != null) {
            config.optTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        if (batch != null) {
            config.optMaxBatch(batch);
        }
        if (batchWaitMs != null) {
            config.optBatchWait(Duration.ofMillis(batchWaitMs));
        }
        if (workers != null) {
            config.optWorkers(workers);
        }
        if (imageCacheMegapixels != null) {
            config.optImageCachePixels(Math.round(imageCacheMegapixels * 1e6));
        }
        ServerConfig built = config.build(); // a setting out of range: UsageException, exit code 64
        try {
            InetAddress.getByName(built.host());
        } catch (UnknownHostException e) {
            throw new UsageException("--host " + built.host() + " is no address of this machine nor a name that "
                    + "resolves: use 127.0.0.1 (this machine only), 0.0.0.0 (every network) or one of its addresses");
        }
        try (ColorizeServer server = ColorizeServer.start(built, model.path())) {
            if (!isLoopback(built.host())) { // listening already, while the model loads
                System.err.println("warning: listening on " + built.host() + ": anyone who can reach this machine can"
                        + " use the server; the API has no authentication (--host 127.0.0.1 keeps it to this machine)");
            }
            server.awaitReady();
            // SIGTERM or Ctrl-C: answer what is in flight before the JVM ends (ColorizeServer.close drains)
            Thread drain = new Thread(() -> {
                System.err.println("stopping: finishing the requests in flight (at most " + built.timeout().toSeconds()
                        + " s), refusing new ones");
                server.close();
            }, "drain-on-shutdown");
            Runtime.getRuntime().addShutdownHook(drain);
            System.out.printf("serving %s on http://%s:%d/ (Ctrl-C to stop)%n", model.path() != null ? model.path() : "the bundled model",
                    built.host().contains(":") ? "[" + built.host() + "]" : built.host(), server.port()); // IPv6: [::1]
            try {
                Thread.sleep(Long.MAX_VALUE); // until SIGTERM or Ctrl-C ends the JVM, or (in tests) an interrupt
            } finally {
                removeHook(drain);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }

    // the JVM goes on: the try-with-resources closes the server; while it shuts down, the hook is running already
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook drains
        }
    }

    /**
     * Whether the host is a loopback address (127.0.0.0/8, ::1) or a name for one, such as localhost: only this
     * machine reaches the server there.
     */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // refused before the server starts; better one warning too many than one too few
        }
    }
}
