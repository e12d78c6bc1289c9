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
 */
public final class UNet extends AbstractBlock {
    /** Range of the uncertainty head: exp(-10) to exp(2) in squared (a/b / 128) units. */
    public static final float LOG_VARIANCE_MIN = -10f;
    public static final float LOG_VARIANCE_MAX = 2f;

    private final int[] widths;
    private final int inputChannels;
    private final boolean uncertainty;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>(); // decoders.get(i) produces resolution level i
    private final Block regression;
    private final Block logVariance;

    /**
     * @param widths channels per level, e.g. {16, 32, 64, 128}: widths.length - 1 poolings
     * @param inputChannels 1 (lightness) or more (lightness then hint channels)
     * @param uncertainty whether to add the log-variance head (a second output)
     */
    public UNet(int[] widths, int inputChannels, boolean uncertainty) {
        if (widths.length < 3) {
            throw new IllegalArgumentException("a U-Net needs at least 3 levels, got " + widths.length);
        }
        this.widths = widths.clone();
        this.inputChannels = inputChannels;
        this.uncertainty = uncertainty;
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
        for (int i = widths.length - 2; i >= 0; i--) {
            NDArray up = Architecture.upsample2x(x);
            x = decoders.get(i).forward(store, new NDList(NDArrays.concat(new NDList(up, skips.get(i)), 1)), training)
                    .singletonOrThrow(); // (N, w[i], S / 2^i, S / 2^i)
        }
        NDList out = new NDList(regression.forward(store, new NDList(x), training).singletonOrThrow()); // (N, 2, S, S)
        if (logVariance != null) {
            NDArray raw = logVariance.forward(store, new NDList(x.stopGradient()), training).singletonOrThrow();
            float half = (LOG_VARIANCE_MAX - LOG_VARIANCE_MIN) / 2;
            out.add(raw.div(half).tanh().mul(half).add(LOG_VARIANCE_MIN + half)); // (N, 1, S, S), smooth clamp
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long s = in.get(2);
        Shape ab = new Shape(n, 2, s, in.get(3));
        return uncertainty ? new Shape[] {ab, new Shape(n, 1, s, in.get(3))} : new Shape[] {ab};
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
    }

    /** Forward cost of one image at size s: 2 × multiply-adds of every convolution (heads: the a/b one only). */
    public static long forwardFlops(int[] widths, int inputChannels, int s) {
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
        return flops + 2L * s * s * widths[0] * 2; // 1×1 head to a/b
    }

    /**
     * Elements of the tensors one image's training step keeps for the backward pass, at working size s: per 3×3 conv
     * its output, the BatchNorm's and the ReLU's (3 tensors of the conv's width), the pooled and the upsampled maps,
     * and the concatenated decoder inputs. An estimate (the engine's workspace comes on top), for memory checks.
     */
    public static long activationElements(int[] widths, int s) {
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
        return elements;
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
