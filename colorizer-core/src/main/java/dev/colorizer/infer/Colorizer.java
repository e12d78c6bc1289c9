package dev.colorizer.infer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.color.Lab;
import dev.colorizer.color.Luma;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.Picture;
import dev.colorizer.data.Resize;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.Encoding;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.StoredModel;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained model ready to colorize pictures of any size: the one colorizing engine every front end (CLI, server,
 * Spark, video, evaluation, calibration, bench) goes through. How it is used is one immutable {@link ColorSettings}
 * ({@link #with}); each picture goes one way, in three steps that a caller may run apart (the server batches
 * forward passes of concurrent requests, video steadies outputs between frames):
 * <ol>
 *   <li>{@link #prepare}: the picture resized to its working shape at the working size S ({@link WorkingShape}: in
 *       its own proportions, a 2:1 picture at S = 128 is seen at 176×96) and encoded, with its color hints, as the
 *       model input;</li>
 *   <li>{@link #forward}: the model on batches of prepared pictures, one pass per working shape;</li>
 *   <li>{@link #finish}: the model's a/b scaled by the saturation policy, upsampled to the picture's size guided by
 *       its own full-resolution lightness ({@link GuidedUpsampling}, or plain bilinear) and joined with that
 *       lightness, so the output keeps the input's size, sharpness and bit depth.</li>
 * </ol>
 * {@link #colorize} runs the three. The saturation shown is the model's policy ({@link #policy()}: calibrated
 * and saved with it) times the user's factor ({@link ColorSettings#saturation()}), nothing else.
 *
 * <p>Thread-safe: each forward pass runs in its own NDManager.
 */
public final class Colorizer implements AutoCloseable {
    private static final String WEIGHTS_DIGEST = "weightsDigest"; // a Model property, set by create
    private final Model model;
    private final Architecture architecture;
    private final RunConfig config;
    private final Saturation policy; // the model's saturation at the user's factor 1
    private final float binsShare;
    private final int modelSize; // the working size calibrated for the model, else the one it was trained at
    private final ColorSettings settings;

    private final boolean ownsModel; // the loaded one frees the weights; one made from it by with... shares them

    private Colorizer(Model model, Architecture architecture, RunConfig config, Saturation policy, float binsShare,
                      ColorSettings settings, boolean ownsModel) {
        this.ownsModel = ownsModel;
        this.model = model;
        this.architecture = architecture;
        this.config = config;
        this.policy = policy;
        this.binsShare = binsShare;
        this.modelSize = config.workingSize() != null ? config.workingSize().size() : config.train().size();
        this.settings = settings;
        if (settings.workingSize() != null) {
            checkSize(settings.workingSize());
        }
    }

    /** Loads the newest checkpoint of a run folder, or the bundled model when {@code runDir} is null. */
    public static Colorizer load(Path runDir) {
        return create(runDir == null ? StoredModel.bundled() : StoredModel.ofRun(runDir));
    }

    /** Whether this build carries a pretrained model. */
    public static boolean hasBundled() {
        return StoredModel.hasBundled();
    }

    /** The pretrained model shipped inside the library jar (see docs/MODEL_CARD.md). */
    public static Colorizer loadBundled() {
        return create(StoredModel.bundled());
    }

    /** A colorizer of a stored model, with the default settings. */
    public static Colorizer create(StoredModel stored) {
        Architecture architecture = Architecture.fromId(stored.config().train().model());
        Model model = Model.newInstance(architecture.id());
        try {
            model.setBlock(architecture.newBlock());
            stored.loadInto(model.getBlock(), model.getNDManager());
            model.setProperty(WEIGHTS_DIGEST, stored.weightsDigest());
            RunConfig config = stored.config();
            return new Colorizer(model, architecture, config, policyOf(architecture, config),
                    architecture.hasBins() && config.binsShare() != null ? config.binsShare() : 1f,
                    ColorSettings.DEFAULT, true);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    // the saturation config.json calibrated: confidence-dependent when the model predicts its uncertainty and it
    // holds a tuning for it, else its constant abGain, else the architecture's default gain
    private static Saturation policyOf(Architecture architecture, RunConfig config) {
        RunConfig.SaturationTuning tuned = config.saturation();
        if (tuned != null && architecture.predictsUncertainty()) {
            return new Saturation(tuned.maxGain(), tuned.varianceScale());
        }
        return Saturation.constant(config.abGain() != null ? config.abGain() : architecture.defaults().abGain());
    }

    public Architecture architecture() {
        return architecture;
    }

    /** The stored model's config (training, calibration), as loaded: what {@link #policy()} started from. */
    public RunConfig config() {
        return config;
    }

    /** How this colorizer uses the model. */
    public ColorSettings settings() {
        return settings;
    }

    /**
     * The same model used with other settings, sharing its weights: closing it does nothing, closing the loaded one
     * frees them for both.
     *
     * @throws UsageException if the working size does not suit the model ({@link #checkSize})
     */
    public Colorizer with(ColorSettings other) {
        return new Colorizer(model, architecture, config, policy, binsShare, other, false);
    }

    /** The model's saturation policy at the user's factor 1 (the factor is {@link ColorSettings#saturation()}). */
    public Saturation policy() {
        return policy;
    }

    /**
     * The same model with another saturation policy, sharing its weights: what calibration tries. A
     * confidence-dependent one needs a model that predicts its uncertainty.
     */
    public Colorizer withPolicy(Saturation other) {
        if (other.confidenceDependent() && !architecture.predictsUncertainty()) {
            throw new UsageException(Message.of("model " + architecture.id() + " predicts no uncertainty: its "
                    + "saturation can only be a constant gain (", Setting.AB_GAIN, ")"));
        }
        return new Colorizer(model, architecture, config, other, binsShare, settings, false);
    }

    /**
     * For a model with color bins, the share of their annealed mean in the colors shown, the rest the regression's
     * (config.json's {@code binsShare}, tuned by calibrate; 1 when not tuned); 1 for other models.
     */
    public float binsShare() {
        return binsShare;
    }

    /** The same model showing another mix of its color bins' colors and its regression's (sharing its weights). */
    public Colorizer withBinsShare(float share) {
        if (!(share >= 0 && share <= 1)) {
            throw new UsageException(Message.of("bins share " + share + " is out of range: give calibrate ",
                    Setting.BINS_SHARES, " values from 0 (the regression's colors) to 1 (the bins' alone)"));
        }
        if (!architecture.hasBins() && share != 1) {
            throw new UsageException("model " + architecture.id() + " has no color bins: its bins share can only be 1");
        }
        return new Colorizer(model, architecture, config, policy, share, settings, false);
    }

    /**
     * What makes this model color as it does, for records of what made an output: the digest of its weights and its
     * calibrated policy (saturation, working size, bins share), whatever folder it was loaded from. A model trained
     * further, or calibrated again, is another model; the same weights copied elsewhere are the same.
     */
    public String identity() {
        return architecture.id() + " weights " + model.getProperty(WEIGHTS_DIGEST) + ", policy " + policy
                + " at " + modelSize + (architecture.hasBins() ? ", bins share " + binsShare : "");
    }

    /**
     * What makes this colorizer's colors, for the records that decide whether an output is still current
     * (predict's, video's, the Spark job's): the model's identity, the working size and the color settings. Each
     * front end adds what it writes (format, quality, hints).
     */
    public String settingsKey() {
        return "model=" + identity() + ", size=" + size() + ", saturation=" + settings.saturation()
                + ", upsampling=" + settings.upsampling() + ", framing=" + settings.framing()
                + (settings.mirrorAveraging() ? ", mirror-averaged" : "");
    }

    /** The shape a w × h picture is resized to at the working size, by this colorizer's framing. */
    public WorkingShape shapeOf(int w, int h) {
        return settings.framing() == ColorSettings.Framing.SQUARE ? WorkingShape.square(size())
                : WorkingShape.keepingAspect(w, h, size(), architecture.sizeMultiple());
    }

    /** The shape {@code image} is resized to at the working size. */
    public WorkingShape shapeOf(BufferedImage image) {
        return shapeOf(image.getWidth(), image.getHeight());
    }

    /** Whether the model takes color hints ({@link #prepare(BufferedImage, List)}). */
    public boolean takesHints() {
        return architecture.encoding().takesHints();
    }

    /**
     * The working size S the model sees pictures at: the settings' ({@link ColorSettings#workingSize()}), else the
     * model's own: the one tuned for it after training (config.json's workingSize, chosen with its saturation on
     * held-out pictures), else the size it was trained at last.
     */
    public int size() {
        return settings.workingSize() != null ? settings.workingSize() : modelSize;
    }

    /** The size the model was trained at last (its final stage's), S_t. */
    public int trainedSize() {
        return config.train().size();
    }

    /**
     * The smallest working size a caller may ask for: half of S_t (the model is fully convolutional, but far from
     * the scale it was trained at its colors fade), and at least two poolings' worth.
     */
    public int minSize() {
        return minSize(architecture, trainedSize());
    }

    private static int minSize(Architecture architecture, int trainedSize) {
        int multiple = architecture.sizeMultiple();
        return Math.max(2 * multiple, (trainedSize / 2 + multiple - 1) / multiple * multiple);
    }

    /** The largest working size a caller may ask for: 2 S_t (4 times the cost of S_t, and the scale still close). */
    public int maxSize() {
        return 2 * trainedSize();
    }

    /** Checks a working size asked for: a multiple of the architecture's multiple in [minSize, maxSize]. */
    public void checkSize(int s) {
        checkSize(config, s);
    }

    /**
     * {@link #checkSize(int)} by a stored model's config alone, without loading its weights: what a Spark driver
     * checks before any task starts.
     */
    public static void checkSize(RunConfig config, int s) {
        Architecture architecture = Architecture.fromId(config.train().model());
        int trained = config.train().size();
        int multiple = architecture.sizeMultiple();
        int min = minSize(architecture, trained);
        if (s < min || s > 2 * trained || s % multiple != 0) {
            throw new UsageException("working size " + s + " does not suit this model: use a multiple of "
                    + multiple + " from " + min + " to " + 2 * trained + " (trained at " + trained + ")");
        }
    }

    /**
     * One picture ready for the model: made by {@link #prepare}, run by {@link #forward}, finished by
     * {@link #finish}; it carries what each step needs, so that no step is told the working size again.
     *
     * @param image    the picture, TYPE_INT_RGB at full size (a color picture is treated as gray)
     * @param deepGray its 16-bit gray, (H, W) in 0..65535, when its samples have more than 8 bits; else null
     * @param shape    its working shape at the working size it was prepared at
     * @param input    the model input, (C_in, sh, sw) flattened; channel 0 is the lightness
     * @param hints    the color hints encoded in it (empty: colored automatically)
     */
    public record Prepared(BufferedImage image, int[] deepGray, WorkingShape shape, float[] input,
                           List<ColorHint> hints) {
        /** Whether the input carries color hints. */
        public boolean hinted() {
            return !hints.isEmpty();
        }
    }

    /** {@link #prepare(BufferedImage, List)} without hints. */
    public Prepared prepare(BufferedImage image) {
        return prepare(image, null, List.of());
    }

    /** {@link #prepare(BufferedImage, List)} of a picture as read for writing: one of 16 bits is finished in 16. */
    public Prepared prepare(Picture picture, List<ColorHint> hints) {
        return prepare(picture.rgb(), picture.deepGray(), hints);
    }

    /**
     * The first step: the picture resized to its working shape and encoded, with the user's color hints, as the
     * model input. Each hint marks the working-size pixels its square (centre x, y, half side radius, in input
     * pixels) overlaps, at least the one under its centre; a later hint over the same pixels wins.
     *
     * @throws ColorizerException if there are hints and the model takes none, or one lies outside the picture
     */
    public Prepared prepare(BufferedImage image, List<ColorHint> hints) {
        return prepare(image, null, hints);
    }

    private Prepared prepare(BufferedImage image, int[] deepGray, List<ColorHint> hints) {
        Encoding encoding = architecture.encoding();
        WorkingShape shape = shapeOf(image);
        float[] input = new float[encoding.inputChannels() * shape.pixels()]; // (C_in, sh, sw)
        encoding.encodeImage(Resize.resize(image, shape.width(), shape.height()), input, 0);
        return withHints(new Prepared(image, deepGray, shape, input, List.of()), hints);
    }

    /**
     * A prepared picture with color hints added to its input (a copy; the picture is not resized again), after any
     * it had: video moves its hints along with the motion it finds in the prepared lightness.
     *
     * @throws ColorizerException if there are hints and the model takes none, or one lies outside the picture
     */
    public Prepared withHints(Prepared prepared, List<ColorHint> hints) {
        if (hints.isEmpty()) {
            return prepared;
        }
        Encoding encoding = architecture.encoding();
        if (!encoding.takesHints()) {
            throw new UsageException(Message.of("model " + architecture.id() + " takes no color hints: use the "
                    + "bundled model or a run trained with ", Setting.ARCH, " unet-hints or unet-bins, or drop the "
                    + "hints"));
        }
        WorkingShape shape = prepared.shape();
        float[] input = prepared.input().clone();
        int w = prepared.image().getWidth();
        int h = prepared.image().getHeight();
        for (ColorHint hint : hints) {
            hint.checkInside(w, h);
            double r = hint.radiusFor(w, h);
            int[] xs = span(hint.x(), r, (double) shape.width() / w, shape.width());
            int[] ys = span(hint.y(), r, (double) shape.height() / h, shape.height());
            encoding.putHint(input, 0, shape.width(), shape.height(), xs[0], ys[0], xs[1], ys[1],
                    Encoding.hintUnit(hint.a()), Encoding.hintUnit(hint.b()));
        }
        List<ColorHint> all = new ArrayList<>(prepared.hints());
        all.addAll(hints);
        return new Prepared(prepared.image(), prepared.deepGray(), shape, input, List.copyOf(all));
    }

    // working-size pixels [from, to) that [c - r, c + r] (input pixels) overlaps, at least the one under c
    private static int[] span(double c, double r, double scale, int s) {
        int centre = Math.min(s - 1, (int) Math.floor(c * scale));
        int from = Math.min(centre, Math.max(0, (int) Math.floor((c - r) * scale)));
        int to = Math.max(centre + 1, Math.min(s, (int) Math.ceil((c + r) * scale)));
        return new int[] {from, to};
    }

    /** Colorizes one picture automatically; see {@link #colorize(List)}. */
    public BufferedImage colorize(BufferedImage image) {
        return colorize(List.of(prepare(image))).get(0).colorized();
    }

    /**
     * Colorizes one picture following the user's color hints (an empty list: automatically).
     *
     * @throws ColorizerException if the model takes no hints, or a hint lies outside the picture
     */
    public BufferedImage colorize(BufferedImage image, List<ColorHint> hints) {
        return colorize(List.of(prepare(image, hints))).get(0).colorized();
    }

    /** Colorizes pictures automatically, in one forward pass per working shape; see {@link #colorize(List)}. */
    public List<Result> colorizeAll(List<BufferedImage> images) {
        return colorize(images.stream().map(this::prepare).toList());
    }

    /** The three steps: prepared pictures through the model in batches, each finished at full size. */
    public List<Result> colorize(List<Prepared> prepared) {
        List<float[]> outputs = forward(prepared); // (C_out, sh, sw) each
        List<Result> results = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            results.add(finish(prepared.get(i), outputs.get(i)));
        }
        return results;
    }

    /**
     * Channels of one picture's model output: the color channels, then the log-variance if predicted, then for a
     * model with color bins the regression's a/b.
     */
    public int outputChannels() {
        return architecture.encoding().outputChannels() + (architecture.predictsUncertainty() ? 1 : 0)
                + (architecture.hasBins() ? 2 : 0);
    }

    /**
     * The second step: the model outputs of prepared pictures, those of one working shape run together (in groups of
     * eight pictures), shapes in order of first appearance. With mirror averaging, each is the mean of the
     * outputs for the picture and for its mirror image (mirrored back), run in the same pass.
     *
     * @return (C_out, sh, sw) each ({@link #outputChannels()}), flattened, in the order of the pictures
     */
    public List<float[]> forward(List<Prepared> prepared) {
        int n = prepared.size();
        float[][] outputs = new float[n][];
        java.util.Map<WorkingShape, List<Integer>> byShape = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byShape.computeIfAbsent(prepared.get(i).shape(), k -> new ArrayList<>()).add(i);
        }
        byShape.forEach((shape, members) -> {
            int in = prepared.get(members.get(0)).input().length;
            float[] batch = new float[members.size() * in]; // (N, C_in, sh, sw)
            for (int k = 0; k < members.size(); k++) {
                System.arraycopy(prepared.get(members.get(k)).input(), 0, batch, k * in, in);
            }
            float[] out = forwardBatch(batch, members.size(), shape); // (N, C_out, sh, sw)
            int each = out.length / members.size();
            for (int k = 0; k < members.size(); k++) {
                outputs[members.get(k)] = java.util.Arrays.copyOfRange(out, k * each, (k + 1) * each);
            }
        });
        return java.util.Arrays.asList(outputs);
    }

    /**
     * The third step: the colorized picture at full size from its model output (as {@link #forward} gave it, or
     * changed in place, as video steadies it). A hinted picture's a/b are taken as predicted (times the user's
     * factor), not through the saturation policy, which was calibrated on automatic colors and would push a hinted
     * chroma up to its maximum gain (on 120 held-out training-source pictures, 10 simulated hints: 28.52 dB and
     * 0.81× the true colorfulness as predicted, 27.30 dB and 1.06× through the policy). Another colorizer of the
     * same model and framing may finish it (calibration tries several policies on one forward pass).
     *
     * @param output (C_out, sh, sw) at the prepared picture's working shape
     */
    public Result finish(Prepared prepared, float[] output) {
        BufferedImage image = prepared.image();
        int[] deepGray = prepared.deepGray();
        boolean hinted = prepared.hinted();
        int w = image.getWidth();
        int h = image.getHeight();
        WorkingShape shape = prepared.shape();
        int sw = shape.width();
        int sh = shape.height();
        int pixels = shape.pixels();
        if (output.length != outputChannels() * pixels) {
            throw new IllegalArgumentException(output.length + " outputs for a " + sw + "×" + sh + " picture of "
                    + outputChannels() + " channels");
        }
        float[] ab = architecture.encoding().decodeAb(output, 0, pixels); // (2, sh, sw), Lab units
        int logVariance = architecture.logVarianceChannel() * pixels; // (1, sh, sw) when predicted
        if (architecture.hasBins() && binsShare < 1) { // the bins' colors mixed with the regression's
            float[] mean = architecture.encoding().decodeAb(output, logVariance + pixels, pixels); // (2, sh, sw)
            for (int k = 0; k < 2 * pixels; k++) {
                ab[k] = binsShare * ab[k] + (1 - binsShare) * mean[k];
            }
        }
        for (int k = 0; k < pixels; k++) {
            float gain = settings.saturation() * (hinted ? 1f : policy.confidenceDependent()
                    ? policy.gain(output[logVariance + k]) : policy.maxGain());
            ab[k] *= gain;
            ab[pixels + k] *= gain;
        }
        float[] lightness = deepGray == null ? Lab.lightnessPlane(image) : lightness16(deepGray); // (H, W), 0..100
        GuidedUpsampling.Rows rows = settings.upsampling() == ColorSettings.Upsampling.GUIDED
                ? GuidedUpsampling.guided(ab, guideSmall(lightness, w, h, sw, sh), sw, sh, w, h)
                : GuidedUpsampling.bilinear(ab, sw, sh, w, h);
        boolean restore = architecture.defaults().restoreLuma();
        BufferedImage raw = architecture.encoding() == Encoding.RGB
                ? Resize.resize(architecture.encoding().decodeRawRgb(output, 0, sw, sh), w, h)
                : null;
        if (deepGray != null) {
            return new Result(deepColors(rows, lightness, deepGray, w, h, restore), raw);
        }
        BufferedImage colorized = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) colorized.getRaster().getDataBuffer()).getData(); // fresh: no offset, no stride
        // one pass per band of rows: a/b of the row (guided or bilinear), Lab -> sRGB, luma restored; the (2, H, W)
        // a/b planes and a second copy of the pixels are never built
        Lab.forEachBand(h, w, (y0, y1) -> {
            float[] rowA = new float[w]; // Lab units
            float[] rowB = new float[w];
            int[] in = restore ? Lab.packedRgb(image, y0, y1 - y0, null) : null; // the band's input pixels
            for (int y = y0; y < y1; y++) {
                rows.row(y, lightness, y * w, Lab.L_MAX, rowA, rowB);
                for (int x = 0, o = y * w; x < w; x++, o++) {
                    int rgb = Lab.labToRgb(lightness[o], rowA[x], rowB[x]);
                    out[o] = restore ? restoreLuma(rgb, in[o - y0 * w]) : rgb;
                }
            }
        });
        return new Result(colorized, raw);
    }

    /**
     * The "do nothing" baseline of a prepared picture through the same finish as the model's colors: its lightness
     * with no color (saturation 0), so that a score beside it compares the colors alone.
     */
    public Result grayBaseline(Prepared prepared) {
        return with(settings.withSaturation(0f)).finish(prepared, new float[outputChannels()
                * prepared.shape().pixels()]);
    }

    private static float[] lightness16(int[] gray) {
        float[] l = new float[gray.length];
        for (int k = 0; k < gray.length; k++) {
            l[k] = Lab.lightness16(gray[k]);
        }
        return l;
    }

    /**
     * The colors of a picture of more than 8 bits a sample, 16 bits a sample: Lab -> 16-bit sRGB of each pixel, its
     * luma restored as {@link #restoreLuma} does, in 16-bit codes.
     */
    private static BufferedImage deepColors(GuidedUpsampling.Rows rows, float[] lightness, int[] gray, int w, int h,
                                            boolean restore) {
        short[] out = new short[3 * w * h]; // (H, W, 3): R, G, B interleaved
        Lab.forEachBand(h, w, (y0, y1) -> {
            float[] rowA = new float[w];
            float[] rowB = new float[w];
            int[] rgb = new int[3];
            for (int y = y0; y < y1; y++) {
                rows.row(y, lightness, y * w, Lab.L_MAX, rowA, rowB);
                for (int x = 0, o = y * w; x < w; x++, o++) {
                    Lab.labToRgb16(lightness[o], rowA[x], rowB[x], rgb);
                    // shift R, G, B equally so that the luma is the input's gray: clipping changes the brightness
                    int shift = restore ? (int) Math.round(gray[o] - (0.299 * rgb[0] + 0.587 * rgb[1]
                            + 0.114 * rgb[2])) : 0;
                    for (int c = 0; c < 3; c++) {
                        out[3 * o + c] = (short) Math.max(0, Math.min(65535, rgb[c] + shift));
                    }
                }
            }
        });
        return ImageFiles.deepRgb(out, w, h);
    }

    /**
     * Shifts R, G and B of an output pixel (0xRRGGBB) equally so that its luma (0.299 R + 0.587 G + 0.114 B) equals
     * the input pixel's 8-bit luma: Lab -> sRGB clipping of saturated colors otherwise changes the brightness.
     */
    static int restoreLuma(int output, int input) {
        int r = output >> 16 & 0xFF;
        int g = output >> 8 & 0xFF;
        int b = output & 0xFF;
        // the shift round(Y_in - Y_out) in thousandths, exactly: 1000 Y_in - (299 R + 587 G + 114 B), rounded half
        // up by an offset that keeps the integer division a floor (the sum is at least -255 000)
        int thousandths = 1000 * Luma.of(input) - (299 * r + 587 * g + 114 * b);
        int shift = (thousandths + 500 + 256_000) / 1000 - 256;
        return clamp8(r + shift) << 16 | clamp8(g + shift) << 8 | clamp8(b + shift);
    }

    private static int clamp8(int channel) {
        return Math.max(0, Math.min(255, channel));
    }

    /** The lightness the model saw, (sh, sw) as L / 100 in [0, 1]: the (H, W) L plane area-shrunk, then scaled. */
    private static float[] guideSmall(float[] lightness, int w, int h, int sw, int sh) {
        float[] small = Resize.resizePlaneArea(lightness, w, h, sw, sh);
        for (int k = 0; k < small.length; k++) {
            small[k] /= Lab.L_MAX;
        }
        return small;
    }

    // pictures per forward pass: the bundled model at 128 px on the 2-core reference machine took 18-35 ms a picture
    // in batches of 8 against 34-49 in batches of 16 and 59-86 one at a time (docs/BENCHMARKS.md): bigger batches
    // leave the caches; a larger request is run in groups of this many
    private static final int FORWARD_GROUP = 8;

    // the raw model outputs (N, C_out, sh, sw) for model inputs (N, C_in, sh, sw) of one working shape, both
    // flattened, mirror-averaged when the settings say so
    private float[] forwardBatch(float[] inputs, int n, WorkingShape shape) {
        int group = settings.mirrorAveraging() ? FORWARD_GROUP / 2 : FORWARD_GROUP; // the mirrored counted
        if (n > group) {
            int in = inputs.length / n; // (C_in, sh, sw) per picture
            float[] outputs = null;
            for (int from = 0; from < n; from += group) {
                int k = Math.min(group, n - from);
                float[] part = forwardBatch(java.util.Arrays.copyOfRange(inputs, from * in, (from + k) * in), k, shape);
                if (outputs == null) {
                    outputs = new float[part.length / k * n];
                }
                System.arraycopy(part, 0, outputs, from * (part.length / k), part.length);
            }
            return outputs;
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(FloatBuffer.wrap(inputs),
                    architecture.inputShape(n, shape.height(), shape.width()));
            if (!settings.mirrorAveraging()) {
                return run(manager, x).toFloatArray(); // (N, C_out, sh, sw)
            }
            NDArray y = run(manager, NDArrays.concat(new NDList(x, x.flip(3)), 0)); // (2N, C_out, sh, sw)
            NDArray mirroredBack = y.get(n + ":").flip(3); // the mirrored pictures' outputs, mirrored back
            return y.get("0:" + n).add(mirroredBack).div(2f).toFloatArray(); // (N, C_out, sh, sw)
        }
    }

    // the block's outputs joined along the channels: (N, C_out, sh, sw) for inputs (N, C_in, sh, sw)
    private NDArray run(NDManager manager, NDArray x) {
        NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
        return out.size() == 1 ? out.get(0) : NDArrays.concat(out, 1);
    }

    /** Frees the model's weights, when this is the colorizer that loaded them (else nothing: see {@link #with}). */
    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }

    /**
     * @param colorized the input's lightness joined with the predicted a/b, at the input's size
     * @param rawRgb for RGB models, their RGB output upsampled to the input's size (as the original showed it);
     *               null for Lab models
     */
    public record Result(BufferedImage colorized, BufferedImage rawRgb) {}
}
