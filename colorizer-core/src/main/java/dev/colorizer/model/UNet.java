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
 * A U-Net (Ronneberger et al. 2015) for colorization: input (N, 1, S, S) lightness, output a/b and optionally
 * class logits over quantised a/b.
 *
 * <p>Encoder stage i: two 3×3 conv + BatchNorm + ReLU at width w[i], then 2×2 max-pool; the last stage is the
 * bottleneck. Decoder: 2× nearest upsampling, concatenation with the encoder features of the same resolution (the
 * skip), two 3×3 conv + BN + ReLU. Heads: a 1×1 conv to 2 channels through tanh, a/b / 128 in [-1, 1], at full
 * resolution; when {@code classes > 0}, a 1×1 conv to {@code classes} logits on the decoder features at 1/4
 * resolution (as Zhang et al. predict their color distribution at reduced size).
 */
public final class UNet extends AbstractBlock {
    private final int[] widths;
    private final int classes;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>(); // decoders.get(i) produces resolution level i
    private final Block regression;
    private final Block classification;

    /**
     * @param widths channels per level, e.g. {32, 64, 128, 256}: widths.length - 1 poolings
     * @param classes number of a/b classes of the classification head, 0 for none
     */
    public UNet(int[] widths, int classes) {
        if (widths.length < 3 || (classes > 0 && widths.length < 4)) {
            throw new IllegalArgumentException("a U-Net needs at least 3 levels (4 with a classification head), got "
                    + widths.length);
        }
        this.widths = widths.clone();
        this.classes = classes;
        for (int i = 0; i < widths.length; i++) {
            encoders.add(addChildBlock("enc" + i, doubleConv(widths[i])));
        }
        for (int i = 0; i < widths.length - 1; i++) {
            decoders.add(addChildBlock("dec" + i, doubleConv(widths[i])));
        }
        regression = addChildBlock("ab", new SequentialBlock().add(conv(2, 1)).add(Activation::tanh));
        classification = classes > 0 ? addChildBlock("classes", conv(classes, 1)) : null;
    }

    /** Poolings in the encoder; the working size must be a multiple of 2 to this power. */
    public int depth() {
        return widths.length - 1;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        List<NDArray> skips = new ArrayList<>();
        NDArray x = inputs.singletonOrThrow(); // (N, 1, S, S)
        for (int i = 0; i < encoders.size(); i++) {
            if (i > 0) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
            x = encoders.get(i).forward(store, new NDList(x), training).singletonOrThrow();
            skips.add(x); // (N, w[i], S / 2^i, S / 2^i)
        }
        NDArray quarter = null;
        for (int i = widths.length - 2; i >= 0; i--) {
            NDArray up = Architecture.upsample2x(x);
            x = decoders.get(i).forward(store, new NDList(NDArrays.concat(new NDList(up, skips.get(i)), 1)), training)
                    .singletonOrThrow(); // (N, w[i], S / 2^i, S / 2^i)
            if (i == 2) {
                quarter = x;
            }
        }
        NDList out = new NDList(regression.forward(store, new NDList(x), training).singletonOrThrow());
        if (classification != null) {
            out.add(classification.forward(store, new NDList(quarter), training).singletonOrThrow());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long s = in.get(2);
        Shape ab = new Shape(n, 2, s, in.get(3));
        return classes > 0
                ? new Shape[] {ab, new Shape(n, classes, s / 4, in.get(3) / 4)}
                : new Shape[] {ab};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        int channels = 1;
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
        if (classification != null) {
            classification.initialize(manager, dataType, new Shape(n, widths[2], h / 4, w / 4));
        }
    }

    /** Forward cost of one image at size s: 2 × multiply-adds of every convolution. */
    public static long forwardFlops(int[] widths, int s) {
        long flops = 0;
        int channels = 1;
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
