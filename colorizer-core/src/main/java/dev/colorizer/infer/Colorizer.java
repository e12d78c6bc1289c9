package dev.colorizer.infer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.colorizer.ColorizerException;
import dev.colorizer.color.Lab;
import dev.colorizer.data.Resize;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.Encoding;
import dev.colorizer.run.Json;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.train.Checkpoint;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
    /** Classpath folder of the pretrained model: config.json (a run's RunConfig) and model.params. */
    public static final String BUNDLED = "/dev/colorizer/bundled/";

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

    /** Loads the newest checkpoint of a run folder, or the bundled model when {@code runDir} is null. */
    public static Colorizer load(Path runDir) {
        if (runDir == null) {
            return loadBundled();
        }
        RunDir run = RunDir.existing(runDir);
        Path weights = run.latestCheckpoint().orElseThrow().resolve("model.params");
        try (InputStream in = Files.newInputStream(weights)) {
            return create(run.readConfig(), in, weights);
        } catch (IOException e) {
            throw new ColorizerException(weights, "cannot read the model weights (" + e.getMessage() + ")", e);
        }
    }

    /** Whether this build carries a pretrained model (config.json and model.params under {@link #BUNDLED}). */
    public static boolean hasBundled() {
        return Colorizer.class.getResource(BUNDLED + "config.json") != null
                && Colorizer.class.getResource(BUNDLED + "model.params") != null;
    }

    /** The pretrained model shipped inside the library jar (see docs/MODEL_CARD.md). */
    public static Colorizer loadBundled() {
        if (!hasBundled()) {
            throw new ColorizerException("this build carries no pretrained model: pass --model RUN_DIR (a folder "
                    + "written by `colorize train`)");
        }
        Path source = Path.of("classpath:" + BUNDLED + "model.params");
        try (InputStream config = Colorizer.class.getResourceAsStream(BUNDLED + "config.json");
             InputStream weights = Colorizer.class.getResourceAsStream(BUNDLED + "model.params")) {
            return create(Json.MAPPER.readValue(config, RunConfig.class), weights, source);
        } catch (IOException e) {
            throw new ColorizerException(source, "cannot read the bundled model (" + e.getMessage() + ")", e);
        }
    }

    private static Colorizer create(RunConfig config, InputStream weights, Path source) {
        Architecture architecture = Architecture.fromId(config.train().model());
        Model model = Model.newInstance(architecture.id());
        try {
            model.setBlock(architecture.newBlock());
            Checkpoint.loadParameters(weights, source, model.getBlock(), model.getNDManager());
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

    /** The factor on the predicted a/b: tuned for this model (config.json's abGain) or the architecture's default. */
    public float abGain() {
        return config.abGain() != null ? config.abGain() : architecture.defaults().abGain();
    }

    /** The same model with another a/b gain (sharing its weights: close only one of the two). */
    public Colorizer withAbGain(float gain) {
        if (!(gain > 0) || gain > 4) {
            throw new ColorizerException("a/b gain " + gain + " is out of range: use a factor in (0, 4], e.g. 1.1");
        }
        RunConfig c = config;
        return new Colorizer(model, architecture, new RunConfig(c.train(), c.data(), c.trainNames(),
                c.validationNames(), c.createdAt(), c.software(), gain));
    }

    /** The working size S the model sees. */
    public int size() {
        return size;
    }

    /**
     * The smallest working size a caller may ask for: half of S (the model is fully convolutional, but far from the
     * scale it was trained at its colors fade), and at least two poolings' worth.
     */
    public int minSize() {
        int multiple = architecture.sizeMultiple();
        return Math.max(2 * multiple, (size / 2 + multiple - 1) / multiple * multiple);
    }

    /** The largest working size a caller may ask for: 2 S (4 times the cost of S, and the scale still close). */
    public int maxSize() {
        return 2 * size;
    }

    /** Checks a working size asked for: a multiple of the architecture's multiple in [minSize, maxSize]. */
    public void checkSize(int s) {
        int multiple = architecture.sizeMultiple();
        if (s < minSize() || s > maxSize() || s % multiple != 0) {
            throw new ColorizerException("working size " + s + " does not suit this model: use a multiple of "
                    + multiple + " from " + minSize() + " to " + maxSize() + " (trained at " + size + ")");
        }
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
        return colorizeAll(images, size);
    }

    /** {@link #colorizeAll(List)} at working size s instead of S; see {@link #checkSize}. */
    public List<Result> colorizeAll(List<BufferedImage> images, int s) {
        checkSize(s);
        int n = images.size();
        int pixels = s * s;
        float[] inputs = new float[n * pixels]; // (N, 1, s, s)
        for (int i = 0; i < n; i++) {
            System.arraycopy(encode(images.get(i), s), 0, inputs, i * pixels, pixels);
        }
        float[] outputs = forward(inputs, n, s); // (N, C, s, s)
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(decode(images.get(i), outputs, i, s));
        }
        return results;
    }

    /**
     * The first stage of {@link #colorizeAll}, for callers that batch forward passes themselves (the server): the
     * model input of one picture at working size s, (1, s, s) flattened.
     */
    public float[] encode(BufferedImage image, int s) {
        float[] input = new float[s * s];
        architecture.encoding().encodeImage(Resize.resize(image, s, s), input, 0);
        return input;
    }

    /**
     * The last stage of {@link #colorizeAll}: the result for {@code image}, item i of a batch whose model outputs
     * (N, C, s, s) are {@code outputs}.
     */
    public Result decode(BufferedImage image, float[] outputs, int i, int s) {
        int w = image.getWidth();
        int h = image.getHeight();
        int pixels = s * s;
        int off = i * architecture.encoding().outputChannels() * pixels;
        float[] ab = architecture.encoding().decodeAb(outputs, off, pixels); // (2, s, s), Lab units
        float gain = abGain();
        for (int k = 0; k < ab.length; k++) {
            ab[k] *= gain;
        }
        BufferedImage colorized = Lab.fromLab(Lab.lightnessPlane(image), upsample(ab, s, w, h), w, h);
        if (architecture.defaults().restoreLuma()) {
            restoreLuma(colorized, image);
        }
        BufferedImage raw = architecture.encoding() == Encoding.RGB
                ? Resize.resize(architecture.encoding().decodeRawRgb(outputs, off, s), w, h)
                : null;
        return new Result(colorized, raw);
    }

    /**
     * Shifts R, G and B of each output pixel equally so that its luma (0.299 R + 0.587 G + 0.114 B) equals the
     * input's 8-bit luma: Lab -> sRGB clipping of saturated colors otherwise changes the brightness of the picture.
     */
    static void restoreLuma(BufferedImage output, BufferedImage input) {
        int w = output.getWidth();
        int h = output.getHeight();
        int[] out = Lab.packedRgb(output);
        int[] in = Lab.packedRgb(input);
        for (int i = 0; i < out.length; i++) {
            int r = out[i] >> 16 & 0xFF;
            int g = out[i] >> 8 & 0xFF;
            int b = out[i] & 0xFF;
            float delta = Encoding.luma(in[i]) - (0.299f * r + 0.587f * g + 0.114f * b);
            out[i] = shift(r, delta) << 16 | shift(g, delta) << 8 | shift(b, delta);
        }
        output.setRGB(0, 0, w, h, out, 0, w);
    }

    private static int shift(int channel, float delta) {
        return Math.max(0, Math.min(255, (int) Math.floor(channel + delta + 0.5f)));
    }

    /** Bilinear resize of planar a/b: (2, s, s) -> (2, H, W). */
    private static float[] upsample(float[] ab, int s, int w, int h) {
        int pixels = s * s;
        float[] full = new float[2 * w * h];
        for (int c = 0; c < 2; c++) {
            float[] plane = Arrays.copyOfRange(ab, c * pixels, (c + 1) * pixels);
            System.arraycopy(Resize.resizePlane(plane, s, s, w, h), 0, full, c * w * h, w * h);
        }
        return full;
    }

    /** The raw model outputs (N, C, S, S) for model inputs (N, 1, S, S), both flattened. */
    public float[] forward(float[] inputs, int n) {
        return forward(inputs, n, size);
    }

    /** The raw model outputs (N, C, s, s) for model inputs (N, 1, s, s) at a working size s, both flattened. */
    public float[] forward(float[] inputs, int n, int s) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(FloatBuffer.wrap(inputs), new Shape(n, 1, s, s));
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
