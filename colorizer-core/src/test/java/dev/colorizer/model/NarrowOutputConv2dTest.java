package dev.colorizer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import dev.colorizer.DjlSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NarrowOutputConv2dTest {
    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 16})
    void sameOutputsAndGradientsAsAPlainConv2d(int filters) {
        Shape input = new Shape(2, 5, 8, 8);
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Block plain = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1)).build();
            Block narrow = new NarrowOutputConv2d(filters);
            for (Block block : new Block[] {plain, narrow}) {
                block.setInitializer(new NormalInitializer(0.5f), p -> true); // non-zero biases too
                block.initialize(manager, DataType.FLOAT32, input);
            }
            var narrowParameters = narrow.getParameters();
            plain.getParameters().forEach(p -> {
                assertThat(narrowParameters.get(p.getKey()).getArray().getShape())
                        .isEqualTo(p.getValue().getArray().getShape());
                narrowParameters.get(p.getKey()).getArray().set(p.getValue().getArray().toFloatArray());
            });
            NDArray x = manager.randomNormal(input);
            NDArray weights = manager.randomNormal(new Shape(2, filters, 8, 8)); // a loss that weighs each output
            NDArray plainOut = outputAndGradients(plain, x, weights, manager);
            NDArray narrowOut = outputAndGradients(narrow, x, weights, manager);

            assertThat(narrowOut.getShape()).isEqualTo(new Shape(2, filters, 8, 8));
            assertThat(narrowOut.allClose(plainOut, 1e-5, 1e-5, false)).isTrue();
            plain.getParameters().forEach(p -> assertThat(narrowParameters.get(p.getKey()).getArray().getGradient()
                    .allClose(p.getValue().getArray().getGradient(), 1e-4, 1e-5, false))
                    .as(p.getKey() + " gradient").isTrue());
        }
    }

    private static NDArray outputAndGradients(Block block, NDArray x, NDArray weights, NDManager manager) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            collector.backward(y.mul(weights).sum());
            return y.duplicate();
        }
    }
}
