package dev.colorizer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The architectures a user can pick with {@code --model}, each with the defaults of the project it comes from.
 *
 * <p>All convolutions are 3×3, "same" padding, ReLU, as in the original Keras code; pooling is 2×2 max, upsampling
 * 2× nearest neighbour.
 */
public enum Architecture {
    /**
     * The original project's final version: L / 100 in, (a/b + 128) / 255 out through a sigmoid, MSE, Adam 1e-4,
     * batch 8, 50 epochs. Encoder 64-128-256 with a max-pool after each, decoder 256-128-64 with an upsampling after
     * each, then 2.
     */
    SEED("seed", Encoding.LAB_SEED, 8, new Defaults(1e-4f, 50, 8, false, TrainSchedule.CONSTANT, 1f, false)),
    /**
     * The original project's first version: gray / 255 in, RGB / 255 out through a sigmoid, MSE, Adam 1e-3,
     * 10 epochs. Encoder 64-128 with max-pools, a 128 bottleneck, decoder 64 with upsamplings, then 3.
     */
    SEED_RGB("seed-rgb", Encoding.RGB, 4, new Defaults(1e-3f, 10, 8, false, TrainSchedule.CONSTANT, 1f, false)),
    /**
     * A half-width U-Net (16-32-64-128, BatchNorm, skips) regressing a/b / 128 from the lightness of the 8-bit luma,
     * MSE, Adam 2e-3 with warm-up and cosine decay, batch 32, mirrored at random; its a/b are scaled by 1.1 at
     * prediction (against MSE's desaturation) and the input's luma is restored after Lab -> sRGB clipping. The
     * recipe that won the measurements of docs/RESULTS.md.
     */
    UNET("unet", Encoding.LAB_UNET, 8, new Defaults(2e-3f, 37, 32, true, TrainSchedule.WARMUP_COSINE, 1.1f, true)),
    /**
     * A deeper half-width U-Net (16-32-64-128-256: four poolings, so its receptive field spans a 128 px picture)
     * that also takes user color hints (input: L, hint a/b, hint mask; trained with simulated hints, often none)
     * and predicts, beside a/b, the log-variance of its a/b error: the confidence that
     * {@code infer.Saturation} turns into gentler color where the model is unsure. Trained as unet, but in batches
     * of 16 (on 2 CPU cores, 1.3× the images/s of batch 32 at 64 px and 2.9× at 128 px: docs/BENCHMARKS.md) at Adam
     * 1.5e-3.
     */
    UNET_HINTS("unet-hints", Encoding.LAB_HINTS, 16,
            new Defaults(1.5e-3f, 25, 16, true, TrainSchedule.WARMUP_COSINE, 1f, true)),
    /**
     * unet-hints with a third head that predicts a distribution over a/b bins ({@link ColorBins}), trained by a
     * rebalanced cross-entropy beside the regression, and shows its annealed mean: colors it commits to (a red or a
     * blue coat) where the regression alone averages them into brown. Fine-tunes from a unet-hints model
     * ({@code --init-from}), whose weights it takes for everything but the new head.
     */
    UNET_BINS("unet-bins", Encoding.LAB_HINTS, 16,
            new Defaults(1.5e-3f, 25, 16, true, TrainSchedule.WARMUP_COSINE, 1f, true));

    private static final int NEAREST = 0; // Image.Interpolation.NEAREST's ordinal, as NDArrayEx.interpolation takes it

    /** Widths of {@link #UNET}'s levels. */
    static final int[] UNET_WIDTHS = {16, 32, 64, 128};
    /** Widths of {@link #UNET_HINTS}'s levels. */
    static final int[] UNET_HINTS_WIDTHS = {16, 32, 64, 128, 256};

    private final String id;
    private final Encoding encoding;
    private final int sizeMultiple;
    private final Defaults defaults;

    Architecture(String id, Encoding encoding, int sizeMultiple, Defaults defaults) {
        this.id = id;
        this.encoding = encoding;
        this.sizeMultiple = sizeMultiple;
        this.defaults = defaults;
    }

    /**
     * What a run of this architecture uses unless told otherwise.
     *
     * @param learningRate Adam's (peak) learning rate
     * @param epochs epochs of a run
     * @param batchSize images per step
     * @param flip mirror training images at random
     * @param schedule learning-rate schedule
     * @param abGain factor on the predicted a/b at prediction (1 = as predicted)
     * @param restoreLuma after Lab -> sRGB, shift R, G, B so the output's luma equals the input's (clipping in sRGB
     *                    otherwise darkens or brightens saturated colors)
     */
    public record Defaults(float learningRate, int epochs, int batchSize, boolean flip, TrainSchedule schedule,
                           float abGain, boolean restoreLuma) {}

    /** The name used on the command line and in config.json. */
    public String id() {
        return id;
    }

    /** How images become model inputs and targets, and outputs become colors. */
    public Encoding encoding() {
        return encoding;
    }

    /** The working size must be a multiple of this (2 to the number of poolings). */
    public int sizeMultiple() {
        return sizeMultiple;
    }

    public Defaults defaults() {
        return defaults;
    }

    public float defaultLearningRate() {
        return defaults.learningRate();
    }

    public int defaultEpochs() {
        return defaults.epochs();
    }

    /**
     * The architecture a saved run names (its config.json).
     *
     * @throws ColorizerException for a name that is none: the run is damaged or from another version
     */
    public static Architecture fromId(String id) {
        return find(id).orElseThrow(() -> new ColorizerException("unknown model '" + id + "' in the run's config: "
                + "it is damaged or from another version of colorizer; known: " + ids()));
    }

    /**
     * The architecture a setting names, e.g. {@link Setting#ARCH} (the front end words it).
     *
     * @throws UsageException for a name that is none
     */
    public static Architecture ofOption(Setting option, String id) {
        return find(id).orElseThrow(() -> new UsageException(Message.of(option, " " + id + " is not an "
                + "architecture: choose one of " + ids())));
    }

    private static java.util.Optional<Architecture> find(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }

    private static List<String> ids() {
        return Arrays.stream(values()).map(Architecture::id).toList();
    }

    /** Checks that a working size suits this architecture; the message says which sizes do. */
    public void checkSize(int size) {
        if (size < sizeMultiple * 2 || size % sizeMultiple != 0) {
            throw new UsageException("size " + size + " does not suit model " + id + ": use a multiple of "
                    + sizeMultiple + " of at least " + sizeMultiple * 2 + " (e.g. 128)");
        }
    }

    /**
     * The layers, one token each: {@code cN} conv N + ReLU, {@code sN} conv N + sigmoid (the head, a {@link NarrowOutputConv2d}), {@code p} 2×2
     * max-pool, {@code u} 2× nearest upsampling.
     */
    private String[] layers() {
        return switch (this) {
            case SEED -> "c64 p c128 p c256 p c256 u c128 u c64 u s2".split(" ");
            case SEED_RGB -> "c64 p c128 p c128 u c64 u s3".split(" ");
            case UNET, UNET_HINTS, UNET_BINS -> throw new IllegalStateException(id + " is a UNet block, not a layer list");
        };
    }

    /**
     * A new, uninitialised block: input (N, encoding().inputChannels(), S, S), output (N, encoding().outputChannels(),
     * S, S), then, when {@link #predictsUncertainty()}, (N, 1, S, S) log-variance.
     */
    public Block newBlock() {
        if (this == UNET) {
            return new UNet(UNET_WIDTHS, 1, false, false);
        }
        if (this == UNET_HINTS || this == UNET_BINS) {
            return new UNet(UNET_HINTS_WIDTHS, encoding.inputChannels(), true, this == UNET_BINS);
        }
        SequentialBlock block = new SequentialBlock();
        for (String layer : layers()) {
            switch (layer.charAt(0)) {
                case 'c' -> block.add(conv(Integer.parseInt(layer.substring(1))));
                case 's' -> block.add(convSigmoid(Integer.parseInt(layer.substring(1))));
                case 'p' -> block.add(maxPool());
                case 'u' -> block.add(upsample());
                default -> throw new IllegalStateException("unknown layer " + layer);
            }
        }
        return block;
    }

    /**
     * Bytes one image's training step needs at working size s: the activations kept for the backward pass and their
     * gradients, 4 bytes each (an estimate, for checking a --size before any work).
     */
    public long trainingBytesPerImage(int s) {
        long elements;
        if (isUNet()) {
            elements = UNet.activationElements(this == UNET ? UNET_WIDTHS : UNET_HINTS_WIDTHS, s, this == UNET_BINS);
        } else {
            elements = 0;
            long side = s;
            for (String layer : layers()) {
                switch (layer.charAt(0)) {
                    case 'c', 's' -> elements += 2 * side * side * Integer.parseInt(layer.substring(1)); // conv, act
                    case 'p' -> side /= 2;
                    case 'u' -> side *= 2;
                    default -> throw new IllegalStateException("unknown layer " + layer);
                }
            }
        }
        return 2 * 4 * elements;
    }

    /** Forward cost of one image at working size s: 2 × multiply-adds of the convolutions (pool/upsample ignored). */
    public long forwardFlops(int s) {
        if (this == UNET) {
            return UNet.forwardFlops(UNET_WIDTHS, 1, s, false);
        }
        if (this == UNET_HINTS || this == UNET_BINS) {
            return UNet.forwardFlops(UNET_HINTS_WIDTHS, encoding.inputChannels(), s, this == UNET_BINS);
        }
        long flops = 0;
        int channels = 1;
        int side = s;
        for (String layer : layers()) {
            switch (layer.charAt(0)) {
                case 'c', 's' -> {
                    int filters = Integer.parseInt(layer.substring(1));
                    flops += 2L * side * side * filters * channels * 9;
                    channels = filters;
                }
                case 'p' -> side /= 2;
                case 'u' -> side *= 2;
                default -> throw new IllegalStateException("unknown layer " + layer);
            }
        }
        return flops;
    }

    private static Block conv(int filters) {
        return new SequentialBlock().add(conv3x3(filters)).add(Activation.reluBlock());
    }

    private static Block convSigmoid(int filters) {
        return new SequentialBlock().add(new NarrowOutputConv2d(filters)).add(Activation.sigmoidBlock());
    }

    private static Block conv3x3(int filters) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .build();
    }

    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    /** Keras UpSampling2D(2): nearest neighbour, (N, C, H, W) -> (N, C, 2H, 2W). */
    private static Block upsample() {
        return LambdaBlock.singleton(Architecture::upsample2x, "upsample2x");
    }

    /**
     * 2× nearest-neighbour upsampling of (N, C, H, W) through the engine's interpolation kernel (PyTorch's
     * upsample_nearest2d): the same values as {@code x.repeat(2, 2).repeat(3, 2)}, with a cheaper backward pass.
     */
    static NDArray upsample2x(NDArray x) {
        Shape shape = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {2 * shape.get(2), 2 * shape.get(3)}, NEAREST, false);
    }

    /** Whether the block's second output is the log-variance of its a/b error (see {@link UNet}). */
    public boolean predictsUncertainty() {
        return this == UNET_HINTS || this == UNET_BINS;
    }

    /**
     * The channel of the log-variance in one picture's joined outputs (C_out, S, S), when
     * {@link #predictsUncertainty()}: right after the color channels; the regression's a/b of a bins model follow it.
     */
    public int logVarianceChannel() {
        return encoding.outputChannels();
    }

    /**
     * Whether the block has the color-bins head: then, outside training, a third output follows the log-variance,
     * the regression's a/b (N, 2, S, S), beside the bins' colors in the first (see {@link UNet}).
     */
    public boolean hasBins() {
        return this == UNET_BINS;
    }

    /** Whether the block is a {@link UNet} (rather than a list of layers). */
    private boolean isUNet() {
        return this == UNET || this == UNET_HINTS || this == UNET_BINS;
    }

    /**
     * Whether a model of architecture {@code base} can start a run of this one (--init-from): the same, or unet-hints
     * for unet-bins (all but the new head).
     */
    public boolean canStartFrom(Architecture base) {
        return base == this || (this == UNET_BINS && base == UNET_HINTS);
    }

    /** Shape of the input for a batch of n images at working size s. */
    public Shape inputShape(int n, int s) {
        return new Shape(n, encoding.inputChannels(), s, s);
    }

    /** Shape of the input for a batch of n images of a working shape of width × height (a multiple each). */
    public Shape inputShape(int n, int height, int width) {
        return new Shape(n, encoding.inputChannels(), height, width);
    }

    /** Shape of the (color) output for a batch of n images at working size s. */
    public Shape outputShape(int n, int s) {
        return new Shape(n, encoding.outputChannels(), s, s);
    }
}
