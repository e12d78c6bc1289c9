package dev.colorizer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.djl.MalformedModelException;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A U-Net (Ronneberger et al. 2015) for colorization: input (N, C, S, S), the lightness and optionally hint
 * channels; output a/b and optionally the log-variance of its error.
 *
 * <p>Encoder stage i: two 3×3 conv + BatchNorm + ReLU at width w[i], then 2×2 max-pool; the last stage is the
 * bottleneck. Decoder: 2× nearest upsampling, concatenation with the encoder features of the same resolution (the
 * skip), two 3×3 conv + BN + ReLU. Heads, at full resolution: a 1×1 conv to 2 channels through tanh, a/b / 128 in
 * [-1, 1]; with {@code uncertainty}, a second output (N, 1, S, S): the log of the expected squared a/b error per
 * pixel, {@link #LOG_VARIANCE_MIN}..{@link #LOG_VARIANCE_MAX}, from a 3×3 conv + ReLU + 1×1 conv on the last decoder
 * features with their gradient stopped, so that learning it never changes the colors.
 *
 * <p>With {@code bins}, a third head predicts a distribution over {@link ColorBins} at half resolution, from the
 * decoder's level-1 features: 3×3 conv to 32 + ReLU, 1×1 conv to {@link ColorBins#COUNT} logits. In training the
 * block then returns a third output, the logits (N, Q, S/2, S/2), after the regression and the log-variance; outside
 * training its first output is the bins' annealed mean, upsampled bilinearly to (N, 2, S, S), then the log-variance,
 * then the regression (N, 2, S, S): the colors it commits to first, for every user of the model, and the mean color
 * after them for a post-processing that mixes the two (see {@code RunConfig.binsShare}).
 */
public final class UNet extends AbstractBlock {
    /** Range of the uncertainty head: exp(-10) to exp(2) in squared (a/b / 128) units. */
    public static final float LOG_VARIANCE_MIN = -10f;
    public static final float LOG_VARIANCE_MAX = 2f;
    private static final int BILINEAR = 1; // Image.Interpolation.BILINEAR's ordinal, as NDArrayEx.interpolation takes it
    /**
     * Channels of the color-bins head's hidden layer, as wide as its input (w[1]). Training at 80 px on 2 cores:
     * 75 img/s without the head, 30 with 64 channels, 36 with 32 (most of the head's cost is the 440-way softmax).
     */
    static final int BIN_FEATURES = 32;

    private final int[] widths;
    private final int inputChannels;
    private final boolean uncertainty;
    private final boolean bins;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>(); // decoders.get(i) produces resolution level i
    private final Block regression;
    private final Block logVariance;
    private final Block binLogits;

    /**
     * @param widths channels per level, e.g. {16, 32, 64, 128}: widths.length - 1 poolings
     * @param inputChannels 1 (lightness) or more (lightness then hint channels)
     * @param uncertainty whether to add the log-variance head (a second output)
     * @param bins whether to add the color-bins head (its colors replace the regression's outside training)
     */
    public UNet(int[] widths, int inputChannels, boolean uncertainty, boolean bins) {
        if (widths.length < 3) {
            throw new IllegalArgumentException("a U-Net needs at least 3 levels, got " + widths.length);
        }
        this.widths = widths.clone();
        this.inputChannels = inputChannels;
        this.uncertainty = uncertainty;
        this.bins = bins;
        for (int i = 0; i < widths.length; i++) {
            encoders.add(addChildBlock("enc" + i, doubleConv(widths[i])));
        }
        for (int i = 0; i < widths.length - 1; i++) {
            decoders.add(addChildBlock("dec" + i, doubleConv(widths[i])));
        }
        regression = addChildBlock("ab", new SequentialBlock().add(conv(2, 1)).add(Activation::tanh));
        logVariance = uncertainty
                ? addChildBlock("logvar", conv(1, 1))
                : null;
        binLogits = bins // the last child: a model saved without it loads into the others (loadWithoutBins)
                ? addChildBlock("bins", new SequentialBlock().add(conv(BIN_FEATURES, 3)).add(Activation::relu)
                        .add(conv(ColorBins.COUNT, 1)))
                : null;
    }

    /** Whether this net has the color-bins head. */
    public boolean hasBins() {
        return bins;
    }

    /**
     * Loads weights saved by a net of the same widths without the color-bins head (a model to fine-tune into one
     * with it); the head keeps no weights, so initialisation draws them.
     */
    public void loadWithoutBins(NDManager manager, DataInputStream in) throws IOException, MalformedModelException {
        byte version = in.readByte();
        loadMetadata(version, in);
        for (Block child : children.values()) {
            if (child != binLogits) {
                child.loadParameters(manager, in);
            }
        }
    }

    /** Poolings in the encoder; the working size must be a multiple of 2 to this power. */
    public int depth() {
        return widths.length - 1;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        List<NDArray> skips = new ArrayList<>();
        NDArray x = inputs.singletonOrThrow(); // (N, C, S, S)
        for (int i = 0; i < encoders.size(); i++) {
            if (i > 0) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
            x = encoders.get(i).forward(store, new NDList(x), training).singletonOrThrow();
            skips.add(x); // (N, w[i], S / 2^i, S / 2^i)
        }
        NDArray half = null; // (N, w[1], S / 2, S / 2): the decoder's level 1, the bins head's input
        for (int i = widths.length - 2; i >= 0; i--) {
            NDArray up = Architecture.upsample2x(x);
            x = decoders.get(i).forward(store, new NDList(NDArrays.concat(new NDList(up, skips.get(i)), 1)), training)
                    .singletonOrThrow(); // (N, w[i], S / 2^i, S / 2^i)
            if (i == 1) {
                half = x;
            }
        }
        NDList out = new NDList(regression.forward(store, new NDList(x), training).singletonOrThrow()); // (N, 2, S, S)
        if (logVariance != null) {
            NDArray raw = logVariance.forward(store, new NDList(x.stopGradient()), training).singletonOrThrow();
            float range = (LOG_VARIANCE_MAX - LOG_VARIANCE_MIN) / 2;
            out.add(raw.div(range).tanh().mul(range).add(LOG_VARIANCE_MIN + range)); // (N, 1, S, S), smooth clamp
        }
        if (binLogits != null) {
            NDArray logits = binLogits.forward(store, new NDList(half), training).singletonOrThrow(); // (N, Q, S/2, S/2)
            if (training) {
                out.add(logits);
            } else {
                out.add(out.get(0));                                              // (N, 2, S, S) the regression
                out.set(0, upsampleToInput(ColorBins.annealedMean(logits), x)); // (N, 2, S, S) the committed colors
            }
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long s = in.get(2);
        Shape ab = new Shape(n, 2, s, in.get(3));
        Shape logVariance = new Shape(n, 1, s, in.get(3));
        return bins ? new Shape[] {ab, logVariance, ab} // outside training: committed colors, log-variance, mean colors
                : uncertainty ? new Shape[] {ab, logVariance} : new Shape[] {ab};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        int channels = inputChannels;
        for (int i = 0; i < encoders.size(); i++) {
            long scale = 1L << i;
            encoders.get(i).initialize(manager, dataType, new Shape(n, channels, h / scale, w / scale));
            channels = widths[i];
        }
        for (int i = widths.length - 2; i >= 0; i--) {
            long scale = 1L << i;
            decoders.get(i).initialize(manager, dataType, new Shape(n, channels + widths[i], h / scale, w / scale));
            channels = widths[i];
        }
        regression.initialize(manager, dataType, new Shape(n, widths[0], h, w));
        if (logVariance != null) {
            logVariance.initialize(manager, dataType, new Shape(n, widths[0], h, w));
        }
        if (binLogits != null) {
            binLogits.initialize(manager, dataType, new Shape(n, widths[1], h / 2, w / 2));
        }
    }

    /**
     * Bilinear 2× upsampling of half-resolution a/b to the size of {@code full}: (N, 2, S/2, S/2) -> (N, 2, S, S).
     */
    public static NDArray upsampleToInput(NDArray ab, NDArray full) {
        Shape shape = full.getShape();
        return ab.getNDArrayInternal().interpolation(new long[] {shape.get(2), shape.get(3)}, BILINEAR, false);
    }

    /**
     * Forward cost of one image at size s: 2 × multiply-adds of every convolution (heads: the a/b one, and the bins
     * one when {@code bins}).
     */
    public static long forwardFlops(int[] widths, int inputChannels, int s, boolean bins) {
        long flops = 0;
        int channels = inputChannels;
        for (int i = 0; i < widths.length; i++) { // encoder: two 3×3 convs per level
            long pixels = (long) (s >> i) * (s >> i);
            flops += 2 * pixels * 9 * ((long) channels * widths[i] + (long) widths[i] * widths[i]);
            channels = widths[i];
        }
        for (int i = widths.length - 2; i >= 0; i--) { // decoder: input = upsampled + skip
            long pixels = (long) (s >> i) * (s >> i);
            flops += 2 * pixels * 9 * ((long) (channels + widths[i]) * widths[i] + (long) widths[i] * widths[i]);
            channels = widths[i];
        }
        long halfPixels = (long) (s / 2) * (s / 2);
        long binsHead = 2 * halfPixels * (9L * widths[1] * BIN_FEATURES + (long) BIN_FEATURES * ColorBins.COUNT);
        return flops + 2L * s * s * widths[0] * 2 + (bins ? binsHead : 0); // 1×1 head to a/b
    }

    /**
     * Elements of the tensors one image's training step keeps for the backward pass, at working size s: per 3×3 conv
     * its output, the BatchNorm's and the ReLU's (3 tensors of the conv's width), the pooled and the upsampled maps,
     * and the concatenated decoder inputs. An estimate (the engine's workspace comes on top), for memory checks.
     */
    public static long activationElements(int[] widths, int s, boolean bins) {
        long elements = 0;
        int channels = widths[0];
        for (int i = 0; i < widths.length; i++) {
            long pixels = (long) (s >> i) * (s >> i);
            elements += 6 * widths[i] * pixels + widths[i] * pixels / 4; // two convs, then the pool
            channels = widths[i];
        }
        for (int i = widths.length - 2; i >= 0; i--) {
            long pixels = (long) (s >> i) * (s >> i);
            elements += (channels + (long) (channels + widths[i]) + 6L * widths[i]) * pixels; // up, concat, convs
            channels = widths[i];
        }
        long halfPixels = (long) (s / 2) * (s / 2);
        return elements + (bins ? (2L * BIN_FEATURES + 3L * ColorBins.COUNT) * halfPixels : 0); // conv, relu; logits,
                                                                                                 // log-softmax, picks
    }

    private static Block doubleConv(int width) {
        return new SequentialBlock()
                .add(convNoBias(width)).add(BatchNorm.builder().build()).add(Activation::relu)
                .add(convNoBias(width)).add(BatchNorm.builder().build()).add(Activation::relu);
    }

    /** A 3×3 conv without bias: the BatchNorm after it has its own shift. */
    private static Block convNoBias(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .optBias(false).build();
    }

    private static Block conv(int filters, int kernel) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2)).build();
    }
}
