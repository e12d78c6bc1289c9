package dev.colorizer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link Conv2d} with few output channels (a head: 2 for a/b, 3 for RGB) that asks the engine for a multiple of
 * {@value #CHANNEL_BLOCK} outputs, its weight and bias padded with zeros, and keeps the first F. Same parameters,
 * same values and the same gradients as a plain Conv2d.
 *
 * <p>Why: on AVX-512 CPUs, oneDNN 3.7 (PyTorch 2.7's) now and then returns non-finite input gradients from the
 * backward pass of the seed model's 64 -> 2 head, so a fresh run diverges at once: 3 of 25 runs of 12 steps at 32 px,
 * 2 of 40 at 16 px, none of 40 with this padding or with {@code ONEDNN_MAX_CPU_ISA=AVX2} (which costs all layers
 * their AVX-512 kernels). A padded output is a whole channel block, the case those kernels are built for.
 * docs/BENCHMARKS.md has the measurement.
 */
final class NarrowOutputConv2d extends Conv2d {
    static final int CHANNEL_BLOCK = 16; // oneDNN's AVX-512 channel blocking (layouts aBcd16b)

    /** A 3×3 "same" convolution to {@code filters} channels, with bias. */
    NarrowOutputConv2d(int filters) {
        super(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                             // (N, C, H, W)
        NDArray w = store.getValue(weight, x.getDevice(), training);       // (F, C, 3, 3)
        NDArray b = store.getValue(bias, x.getDevice(), training);         // (F)
        int extra = (CHANNEL_BLOCK - filters % CHANNEL_BLOCK) % CHANNEL_BLOCK;
        if (extra == 0) {
            return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups);
        }
        NDManager manager = x.getManager();
        Shape ws = w.getShape();
        NDArray paddedW = w.concat(manager.zeros(new Shape(extra, ws.get(1), ws.get(2), ws.get(3))), 0);
        NDArray paddedB = b.concat(manager.zeros(new Shape(extra)), 0); // (F + extra)
        NDArray y = Conv2d.conv2d(x, paddedW, paddedB, stride, padding, dilation, groups)
                .singletonOrThrow();                                       // (N, F + extra, H, W)
        return new NDList(y.get(new NDIndex(":, 0:" + filters)));          // (N, F, H, W)
    }
}
