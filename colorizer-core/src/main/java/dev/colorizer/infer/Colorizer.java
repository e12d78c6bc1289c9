package dev.colorizer.infer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.colorizer.color.Lab;
import dev.colorizer.data.Resize;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.Encoding;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.train.Checkpoint;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained model ready to colorize pictures of any size. The model sees each picture at its working size S; its
 * a/b (for RGB models, the chroma of its RGB output) is upsampled bilinearly to the picture's size and joined with
 * the picture's own full-resolution lightness, so the output keeps the input's size and sharpness.
 *
 * <p>Thread-safe: each call runs its own forward pass in its own NDManager.
 */
public final class Colorizer implements AutoCloseable {
    private final Model model;
    private final Architecture architecture;
    private final RunConfig config;
    private final int size;

    private Colorizer(Model model, Architecture architecture, RunConfig config) {
        this.model = model;
        this.architecture = architecture;
        this.config = config;
        this.size = config.train().size();
    }

    /** Loads the newest checkpoint of a run folder. */
    public static Colorizer load(Path runDir) {
        RunDir run = RunDir.existing(runDir);
        RunConfig config = run.readConfig();
        Architecture architecture = Architecture.fromId(config.train().model());
        Path checkpoint = run.latestCheckpoint().orElseThrow();
        Model model = Model.newInstance(architecture.id());
        try {
            model.setBlock(architecture.newBlock());
            Checkpoint.loadParameters(checkpoint, model.getBlock(), model.getNDManager());
            return new Colorizer(model, architecture, config);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public Architecture architecture() {
        return architecture;
    }

    public RunConfig config() {
        return config;
    }

    /** The working size S the model sees. */
    public int size() {
        return size;
    }

    /** Colorizes one picture; see {@link #colorizeAll}. */
    public BufferedImage colorize(BufferedImage image) {
        return colorizeAll(List.of(image)).get(0).colorized();
    }

    /**
     * Colorizes pictures in one forward pass. A color picture is treated as gray: only its lightness is used.
     *
     * @param images TYPE_INT_RGB pictures of any sizes
     */
    public List<Result> colorizeAll(List<BufferedImage> images) {
        int n = images.size();
        int pixels = size * size;
        float[] inputs = new float[n * pixels]; // (N, 1, S, S)
        for (int i = 0; i < n; i++) {
            architecture.encoding().encodeImage(Resize.resize(images.get(i), size, size), inputs, i * pixels);
        }
        float[] outputs = forward(inputs, n); // (N, C, S, S)
        int channels = architecture.encoding().outputChannels();
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage image = images.get(i);
            int w = image.getWidth();
            int h = image.getHeight();
            int off = i * channels * pixels;
            float[] ab = architecture.encoding().decodeAb(outputs, off, pixels); // (2, S, S), Lab units
            BufferedImage colorized = Lab.fromLab(Lab.lightnessPlane(image), upsample(ab, w, h), w, h);
            BufferedImage raw = architecture.encoding() == Encoding.RGB
                    ? Resize.resize(architecture.encoding().decodeRawRgb(outputs, off, size), w, h)
                    : null;
            results.add(new Result(colorized, raw));
        }
        return results;
    }

    /** Bilinear resize of planar a/b: (2, S, S) -> (2, H, W). */
    private float[] upsample(float[] ab, int w, int h) {
        int pixels = size * size;
        float[] full = new float[2 * w * h];
        for (int c = 0; c < 2; c++) {
            float[] plane = Arrays.copyOfRange(ab, c * pixels, (c + 1) * pixels);
            System.arraycopy(Resize.resizePlane(plane, size, size, w, h), 0, full, c * w * h, w * h);
        }
        return full;
    }

    /** The raw model outputs (N, C, S, S) for model inputs (N, 1, S, S), both flattened. */
    public float[] forward(float[] inputs, int n) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(FloatBuffer.wrap(inputs), new Shape(n, 1, size, size));
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * @param colorized the input's lightness joined with the predicted a/b, at the input's size
     * @param rawRgb for RGB models, their RGB output upsampled to the input's size (as the original showed it);
     *               null for Lab models
     */
    public record Result(BufferedImage colorized, BufferedImage rawRgb) {}
}
