package dev.colorizer;

/**
 * Keeps DJL on this machine. Every entry point calls {@link #offline()} before the first engine use: without it DJL
 * looks for natives and reports usage over the network (and probes a cloud metadata address).
 */
public final class DjlSetup {
    private DjlSetup() {}

    /** Sets ai.djl.offline and OPT_OUT_TRACKING (DJL reads both from system properties as well as the environment). */
    public static void offline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    }
}
