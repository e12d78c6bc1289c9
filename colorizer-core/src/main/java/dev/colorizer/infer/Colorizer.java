package dev.colorizer.infer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.colorizer.ColorizerException;
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
 * A trained model ready to colorize pictures of any size. The model sees each picture at its working size S, in its
 * own proportions ({@link Framing}, {@link WorkingShape}: a 2:1 picture at S = 128 is seen at 176×96) (plus,
 * for a model that takes them, the user's color hints); its a/b (for RGB models, the chroma of its RGB output) is
 * scaled by the saturation policy, upsampled to the picture's size guided by the picture's own full-resolution
 * lightness ({@link GuidedUpsampling}, or plain bilinear) and joined with that lightness, so the output keeps the
 * input's size and sharpness. {@link #encode} is the one pre-processing path and {@link #decode} the one
 * post-processing path, for the CLI, the server, Spark and evaluation alike.
 *
 * <p>Thread-safe: each call runs its own forward pass in its own NDManager.
 */
public final class Colorizer implements AutoCloseable {
    /** How the working-size a/b reach the picture's size. */
    public enum Upsampling {
        /** Guided by the full-resolution lightness: color stays inside its edges (the default). */
        GUIDED,
        /** Plain bilinear: each predicted color covers a blurry block (the earlier releases). */
        BILINEAR
    }

    /** The working shape a picture is resized to for the model. */
    public enum Framing {
        /**
         * Its own aspect ratio, about S² pixels ({@link WorkingShape#keepingAspect}): objects keep their proportions
         * and the scale the model learnt them at (the default).
         */
        ASPECT,
        /** S × S whatever its proportions (the earlier releases): a 2:1 panorama is squeezed to half its width. */
        SQUARE
    }

    /** How the pictures are shown to the weights and their colors back: what the {@code withX} methods change. */
    private record Options(float userSaturation, Upsampling upsampling, Framing framing, boolean mirrorAveraging) {
        static final Options DEFAULT = new Options(1f, Upsampling.GUIDED, Framing.ASPECT, true);
    }

    private static final String WEIGHTS_DIGEST = "weightsDigest"; // a Model property, set by create
    private final Model model;
    private final Architecture architecture;
    private final RunConfig config;
    private final int size;
    private final Options options;

    private Colorizer(Model model, Architecture architecture, RunConfig config, Options options) {
        this.model = model;
        this.architecture = architecture;
        this.config = config;
        this.size = config.workingSize() != null ? config.workingSize().size() : config.train().size();
        this.options = options;
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

    /** A colorizer of a stored model. */
    public static Colorizer create(StoredModel stored) {
        Architecture architecture = Architecture.fromId(stored.config().train().model());
        Model model = Model.newInstance(architecture.id());
        try {
            model.setBlock(architecture.newBlock());
            stored.loadInto(model.getBlock(), model.getNDManager());
            model.setProperty(WEIGHTS_DIGEST, stored.weightsDigest());
            return new Colorizer(model, architecture, stored.config(), Options.DEFAULT);
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

    /** The constant factor on the predicted a/b: tuned for this model (config.json's abGain) or the architecture's. */
    public float abGain() {
        return config.abGain() != null ? config.abGain() : architecture.defaults().abGain();
    }

    /**
     * The model's saturation policy at the user's factor 1: confidence-dependent when the model predicts its
     * uncertainty and config.json holds a tuning for it, else the constant {@link #abGain()}.
     */
    public Saturation saturation() {
        RunConfig.SaturationTuning tuned = config.saturation();
        if (tuned != null && architecture.predictsUncertainty()) {
            return new Saturation(tuned.maxGain(), tuned.varianceScale());
        }
        return Saturation.constant(abGain());
    }

    /**
     * For a model with color bins, the share of their annealed mean in the colors shown, the rest the regression's
     * (config.json's {@code binsShare}, tuned by calibrate; 1 when not tuned); 1 for other models.
     */
    public float binsShare() {
        return architecture.hasBins() && config.binsShare() != null ? config.binsShare() : 1f;
    }

    /** The same model showing another mix of its color bins' colors and its regression's (sharing its weights). */
    public Colorizer withBinsShare(float share) {
        if (!(share >= 0 && share <= 1)) {
            throw new UsageException("bins share " + share + " is out of range: give calibrate --bins-shares values "
                    + "from 0 (the regression's colors) to 1 (the bins' alone)");
        }
        if (!architecture.hasBins() && share != 1) {
            throw new UsageException("model " + architecture.id() + " has no color bins: its bins share can only be 1");
        }
        return new Colorizer(model, architecture, config.withBinsShare(share), options);
    }

    /**
     * What makes this model color as it does, for records of what made an output: the digest of its weights and its
     * calibrated policy (saturation, working size, bins share), whatever folder it was loaded from. A model trained
     * further, or calibrated again, is another model; the same weights copied elsewhere are the same.
     */
    public String identity() {
        return architecture.id() + " weights " + model.getProperty(WEIGHTS_DIGEST) + ", policy " + saturation()
                + " at " + size + (architecture.hasBins() ? ", bins share " + binsShare() : "");
    }

    /**
     * What makes this colorizer's colors at working size {@code size}, for the records that decide whether an output
     * is still current (predict's, video's, the Spark job's): the model's identity, the working size and the color
     * options. Each front end adds what it writes (format, quality, hints).
     */
    public String settingsKey(int size) {
        return "model=" + identity() + ", size=" + size + ", saturation=" + userSaturation() + ", upsampling="
                + upsampling() + ", framing=" + framing() + (mirrorAveraging() ? ", mirror-averaged" : "");
    }

    /** The user's saturation factor: 0 gray, 1 the model's default, up to {@link Saturation#MAX_USER_FACTOR}. */
    public float userSaturation() {
        return options.userSaturation();
    }

    public Upsampling upsampling() {
        return options.upsampling();
    }

    /** The same model with another constant a/b gain (sharing its weights: close only one of them). */
    public Colorizer withAbGain(float gain) {
        Saturation.constant(gain); // checks the range
        return new Colorizer(model, architecture, config.withAbGain(gain).withSaturation(null), options);
    }

    /** The same model with another confidence-dependent saturation policy (sharing its weights). */
    public Colorizer withSaturationTuning(RunConfig.SaturationTuning tuning) {
        if (!architecture.predictsUncertainty()) {
            throw new UsageException("model " + architecture.id() + " predicts no uncertainty: its saturation can "
                    + "only be a constant gain (--ab-gain)");
        }
        new Saturation(tuning.maxGain(), tuning.varianceScale()); // checks the ranges
        return new Colorizer(model, architecture, config.withSaturation(tuning), options);
    }

    /** The same model at the user's saturation factor (0 gray, 1 default, up to 2), sharing its weights. */
    public Colorizer withUserSaturation(float factor) {
        return new Colorizer(model, architecture, config, new Options(Saturation.checkUserFactor(factor),
                options.upsampling(), options.framing(), options.mirrorAveraging()));
    }

    /** The same model with another upsampling of its a/b, sharing its weights. */
    public Colorizer withUpsampling(Upsampling mode) {
        return new Colorizer(model, architecture, config, new Options(options.userSaturation(),
                java.util.Objects.requireNonNull(mode), options.framing(), options.mirrorAveraging()));
    }

    public Framing framing() {
        return options.framing();
    }

    /** The same model with another framing of the pictures it sees, sharing its weights. */
    public Colorizer withFraming(Framing mode) {
        return new Colorizer(model, architecture, config, new Options(options.userSaturation(), options.upsampling(),
                java.util.Objects.requireNonNull(mode), options.mirrorAveraging()));
    }

    /**
     * Whether each picture's colors are the mean of the model's for it and for its mirror image (the default): on
     * the bundled model's held-out pictures +0.13 dB over one pass on scenes and +0.23 dB on general photographs, at
     * twice the model's time (docs/RESULTS.md).
     */
    public boolean mirrorAveraging() {
        return options.mirrorAveraging();
    }

    /** The same model with or without mirror averaging, sharing its weights. */
    public Colorizer withMirrorAveraging(boolean on) {
        return new Colorizer(model, architecture, config, new Options(options.userSaturation(), options.upsampling(),
                options.framing(), on));
    }

    /** The shape a w × h picture is resized to at working size s, by this colorizer's framing. */
    public WorkingShape shapeOf(int w, int h, int s) {
        return options.framing() == Framing.SQUARE ? WorkingShape.square(s)
                : WorkingShape.keepingAspect(w, h, s, architecture.sizeMultiple());
    }

    /** The shape {@code image} is resized to at working size s. */
    public WorkingShape shapeOf(BufferedImage image, int s) {
        return shapeOf(image.getWidth(), image.getHeight(), s);
    }

    /** Whether the model takes color hints ({@link #colorize(BufferedImage, List)}). */
    public boolean takesHints() {
        return architecture.encoding().takesHints();
    }

    /**
     * The working size S the model sees pictures at: the one tuned for it after training (config.json's
     * workingSize, chosen with its saturation on held-out pictures), else the size it was trained at last.
     */
    public int size() {
        return size;
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
        int multiple = architecture.sizeMultiple();
        return Math.max(2 * multiple, (trainedSize() / 2 + multiple - 1) / multiple * multiple);
    }

    /** The largest working size a caller may ask for: 2 S_t (4 times the cost of S_t, and the scale still close). */
    public int maxSize() {
        return 2 * trainedSize();
    }

    /** The same model seeing pictures at working size s by default (see {@link #checkSize}), sharing its weights. */
    public Colorizer withWorkingSize(int s) {
        checkSize(s);
        return new Colorizer(model, architecture, config.withWorkingSize(new RunConfig.WorkingSizeTuning(s,
                "chosen by the caller")), options);
    }

    /** Checks a working size asked for: a multiple of the architecture's multiple in [minSize, maxSize]. */
    public void checkSize(int s) {
        int multiple = architecture.sizeMultiple();
        if (s < minSize() || s > maxSize() || s % multiple != 0) {
            throw new UsageException("working size " + s + " does not suit this model: use a multiple of "
                    + multiple + " from " + minSize() + " to " + maxSize() + " (trained at " + trainedSize() + ")");
        }
    }

    /** Colorizes one picture; see {@link #colorizeAll}. */
    public BufferedImage colorize(BufferedImage image) {
        return colorizeAll(List.of(image)).get(0).colorized();
    }

    /**
     * Colorizes one picture following the user's color hints (an empty list: automatically).
     *
     * @throws ColorizerException if the model takes no hints, or a hint lies outside the picture
     */
    public BufferedImage colorize(BufferedImage image, List<ColorHint> hints) {
        float[] input = encode(image, size, hints);
        return decode(image, forward(input, 1, shapeOf(image, size)), 0, size, !hints.isEmpty()).colorized();
    }

    /**
     * Colorizes pictures, in one forward pass per working shape. A color picture is treated as gray: only its
     * lightness is used.
     *
     * @param images TYPE_INT_RGB pictures of any sizes
     */
    public List<Result> colorizeAll(List<BufferedImage> images) {
        return colorizeAll(images, size);
    }

    /** {@link #colorizeAll(List)} at working size s instead of S; see {@link #checkSize}. */
    public List<Result> colorizeAll(List<BufferedImage> images, int s) {
        return colorizeAll(images, null, s);
    }

    /**
     * Colorizes pictures, in one forward pass per working shape, each following its own color hints.
     *
     * @param hints per picture, in the order of {@code images} (an empty list: automatically), or null for none
     * @throws ColorizerException if there are hints and the model takes none, or one lies outside its picture
     */
    public List<Result> colorizeAll(List<BufferedImage> images, List<List<ColorHint>> hints, int s) {
        return colorizeAll(images, null, hints, s);
    }

    /**
     * {@link #colorizeAll(List, List, int)} of pictures as read for writing: one of more than 8 bits a sample
     * comes out with 16 ({@link #decode(BufferedImage, int[], float[], int, int, boolean)}).
     */
    public List<Result> colorizePictures(List<Picture> pictures, List<List<ColorHint>> hints, int s) {
        return colorizeAll(pictures.stream().map(Picture::rgb).toList(),
                pictures.stream().map(Picture::deepGray).toList(), hints, s);
    }

    // deepGrays: per picture its 16-bit gray or null, or null for none
    private List<Result> colorizeAll(List<BufferedImage> images, List<int[]> deepGrays, List<List<ColorHint>> hints,
                                     int s) {
        checkSize(s);
        int n = images.size();
        if (hints != null && hints.size() != n) {
            throw new IllegalArgumentException(hints.size() + " hint lists for " + n + " pictures");
        }
        List<float[]> inputs = new ArrayList<>(n);
        List<WorkingShape> shapes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inputs.add(encode(images.get(i), s, hints == null ? List.of() : hints.get(i))); // (C_in, sh, sw)
            shapes.add(shapeOf(images.get(i), s));
        }
        List<float[]> outputs = forwardEach(inputs, shapes); // (C_out, sh, sw) each
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(decode(images.get(i), deepGrays == null ? null : deepGrays.get(i), outputs.get(i), 0, s,
                    hints != null && !hints.get(i).isEmpty()));
        }
        return results;
    }

    /**
     * The model outputs of pictures whose inputs may differ in shape: those of one shape run together through
     * {@link #forward}, shapes in order of first appearance.
     *
     * @param inputs (C_in, sh, sw) each, flattened, as {@link #encode} returns them
     * @param shapes the working shape of each input
     * @return (C_out, sh, sw) each, in the order of the inputs
     */
    public List<float[]> forwardEach(List<float[]> inputs, List<WorkingShape> shapes) {
        int n = inputs.size();
        float[][] outputs = new float[n][];
        java.util.Map<WorkingShape, List<Integer>> byShape = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byShape.computeIfAbsent(shapes.get(i), k -> new ArrayList<>()).add(i);
        }
        byShape.forEach((shape, members) -> {
            int in = inputs.get(members.get(0)).length;
            float[] batch = new float[members.size() * in]; // (N, C_in, sh, sw)
            for (int k = 0; k < members.size(); k++) {
                System.arraycopy(inputs.get(members.get(k)), 0, batch, k * in, in);
            }
            float[] out = forward(batch, members.size(), shape); // (N, C_out, sh, sw)
            int each = out.length / members.size();
            for (int k = 0; k < members.size(); k++) {
                outputs[members.get(k)] = java.util.Arrays.copyOfRange(out, k * each, (k + 1) * each);
            }
        });
        return java.util.Arrays.asList(outputs);
    }

    /**
     * The first stage of {@link #colorizeAll}, for callers that batch forward passes themselves (the server): the
     * model input of one picture at working size s, (C_in, sh, sw) flattened at its {@link #shapeOf working
     * shape}, without hints.
     */
    public float[] encode(BufferedImage image, int s) {
        return encode(image, s, List.of());
    }

    /**
     * The model input of one picture at working size s with the user's color hints, (C_in, sh, sw) flattened at
     * its {@link #shapeOf working shape}. Each
     * hint marks the working-size pixels its square (centre x, y, half side radius, in input pixels) overlaps, at
     * least the one under its centre; a later hint over the same pixels wins.
     *
     * @throws ColorizerException if there are hints and the model takes none, or one lies outside the picture
     */
    public float[] encode(BufferedImage image, int s, List<ColorHint> hints) {
        checkSize(s);
        Encoding encoding = architecture.encoding();
        WorkingShape shape = shapeOf(image, s);
        float[] input = new float[encoding.inputChannels() * shape.pixels()];
        encoding.encodeImage(Resize.resize(image, shape.width(), shape.height()), input, 0);
        if (hints.isEmpty()) {
            return input;
        }
        if (!encoding.takesHints()) {
            throw new UsageException("model " + architecture.id() + " takes no color hints: use the bundled model "
                    + "or a run trained with --arch unet-hints or unet-bins, or drop the hints");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        for (ColorHint hint : hints) {
            hint.checkInside(w, h);
            double r = hint.radiusFor(w, h);
            int[] xs = span(hint.x(), r, (double) shape.width() / w, shape.width());
            int[] ys = span(hint.y(), r, (double) shape.height() / h, shape.height());
            encoding.putHint(input, 0, shape.width(), shape.height(), xs[0], ys[0], xs[1], ys[1],
                    hint.a() / Lab.AB_SCALE, hint.b() / Lab.AB_SCALE);
        }
        return input;
    }

    // working-size pixels [from, to) that [c - r, c + r] (input pixels) overlaps, at least the one under c
    private static int[] span(double c, double r, double scale, int s) {
        int centre = Math.min(s - 1, (int) Math.floor(c * scale));
        int from = Math.min(centre, Math.max(0, (int) Math.floor((c - r) * scale)));
        int to = Math.max(centre + 1, Math.min(s, (int) Math.ceil((c + r) * scale)));
        return new int[] {from, to};
    }

    /**
     * Channels of one item of {@link #forward}'s output: the color channels, then the log-variance if predicted, then
     * for a model with color bins the regression's a/b.
     */
    public int outputChannels() {
        return architecture.encoding().outputChannels() + (architecture.predictsUncertainty() ? 1 : 0)
                + (architecture.hasBins() ? 2 : 0);
    }

    /**
     * The last stage of {@link #colorizeAll}: the result for {@code image}, item i of a batch of pictures of its
     * working shape at working size s, whose model outputs (N, {@link #outputChannels()}, sh, sw) are
     * {@code outputs}.
     */
    public Result decode(BufferedImage image, float[] outputs, int i, int s) {
        return decode(image, outputs, i, s, false);
    }

    /**
     * {@link #decode(BufferedImage, float[], int, int)} for an input that may have carried color hints.
     *
     * @param hinted the input carried hints: its a/b are taken as predicted (times the user's factor), not through
     *               the saturation policy, which was calibrated on automatic colors and would push a hinted chroma up
     *               to its maximum gain (on 120 held-out training-source pictures, 10 simulated hints: 28.52 dB and
     *               0.81× the true colorfulness as predicted, 27.30 dB and 1.06× through the policy)
     */
    public Result decode(BufferedImage image, float[] outputs, int i, int s, boolean hinted) {
        return decode(image, null, outputs, i, s, hinted);
    }

    /**
     * {@link #decode(BufferedImage, float[], int, int, boolean)} of a picture whose samples have more than 8 bits:
     * its lightness is taken from {@code deepGray} and the colorized picture has 16 bits a sample
     * ({@link ImageFiles#deepRgb}), so that a 16-bit scan keeps its gray levels.
     *
     * @param deepGray the picture's gray, (H, W) in 0..65535 ({@link dev.colorizer.data.Picture#deepGray}); null: as
     *                 the 8-bit decode
     */
    public Result decode(BufferedImage image, int[] deepGray, float[] outputs, int i, int s, boolean hinted) {
        int w = image.getWidth();
        int h = image.getHeight();
        WorkingShape shape = shapeOf(image, s);
        int sw = shape.width();
        int sh = shape.height();
        int pixels = shape.pixels();
        int off = i * outputChannels() * pixels;
        float[] ab = architecture.encoding().decodeAb(outputs, off, pixels); // (2, sh, sw), Lab units
        Saturation saturation = saturation();
        int logVariance = off + architecture.encoding().outputChannels() * pixels; // (1, sh, sw) when predicted
        if (architecture.hasBins() && binsShare() < 1) { // the bins' colors mixed with the regression's
            float[] mean = architecture.encoding().decodeAb(outputs, logVariance + pixels, pixels); // (2, sh, sw)
            float share = binsShare();
            for (int k = 0; k < 2 * pixels; k++) {
                ab[k] = share * ab[k] + (1 - share) * mean[k];
            }
        }
        for (int k = 0; k < pixels; k++) {
            float gain = options.userSaturation() * (hinted ? 1f : saturation.confidenceDependent()
                    ? saturation.gain(outputs[logVariance + k]) : saturation.maxGain());
            ab[k] *= gain;
            ab[pixels + k] *= gain;
        }
        float[] lightness = deepGray == null ? Lab.lightnessPlane(image) : lightness16(deepGray); // (H, W), 0..100
        GuidedUpsampling.Rows rows = options.upsampling() == Upsampling.GUIDED
                ? GuidedUpsampling.guided(ab, guideSmall(lightness, w, h, sw, sh), sw, sh, w, h)
                : GuidedUpsampling.bilinear(ab, sw, sh, w, h);
        boolean restore = architecture.defaults().restoreLuma();
        BufferedImage raw = architecture.encoding() == Encoding.RGB
                ? Resize.resize(architecture.encoding().decodeRawRgb(outputs, off, sw, sh), w, h)
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

    /**
     * The raw model outputs (N, {@link #outputChannels()}, sh, sw) for model inputs (N, C_in, sh, sw) of one working
     * shape, both flattened: the color channels, then the log-variance channel of a model that predicts it. With
     * {@link #mirrorAveraging()}, each is the mean of the outputs for the picture and for its mirror image (mirrored
     * back), run in the same pass.
     */
    public float[] forward(float[] inputs, int n, WorkingShape shape) {
        int group = options.mirrorAveraging() ? FORWARD_GROUP / 2 : FORWARD_GROUP; // inputs in a pass, the mirrored included
        if (n > group) {
            int in = inputs.length / n; // (C_in, sh, sw) per picture
            float[] outputs = null;
            for (int from = 0; from < n; from += group) {
                int k = Math.min(group, n - from);
                float[] part = forward(java.util.Arrays.copyOfRange(inputs, from * in, (from + k) * in), k, shape);
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
            if (!options.mirrorAveraging()) {
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
