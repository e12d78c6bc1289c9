package dev.colorizer;

import dev.colorizer.infer.Colorizer;

/**
 * The bundled model, loaded once a test JVM and shared by the test classes that use it (never closed: the JVM's end
 * frees it). A test that needs other settings takes {@code shared().with(...)}, which shares the weights.
 */
public final class BundledModel {
    private static Colorizer shared;

    private BundledModel() {}

    public static synchronized Colorizer shared() {
        if (shared == null) {
            DjlSetup.offline();
            shared = Colorizer.loadBundled();
        }
        return shared;
    }
}
