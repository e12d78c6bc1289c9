package dev.colorizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.colorizer.ColorizerException;
import dev.colorizer.DjlSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void outputHasTheEncodingsChannelsAtTheInputSizeAndLiesInZeroOne(Architecture architecture) {
        try (Model model = Model.newInstance(architecture.id()); NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(architecture.newBlock());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(2, 1, 32, 32));
            NDArray x = manager.randomUniform(0, 1, new Shape(2, 1, 32, 32));
            NDArray y = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(architecture.outputShape(2, 32));
            assertThat(y.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(y.max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void forwardCostMatchesTheOriginalModels() {
        // the figures of the issue: seed 2.78 GFLOP, seed-rgb 1.59 GFLOP per 128 px image
        assertThat(Architecture.SEED.forwardFlops(128) / 1e9).isCloseTo(2.78, within(0.01));
        assertThat(Architecture.SEED_RGB.forwardFlops(128) / 1e9).isCloseTo(1.59, within(0.01));
    }

    @Test
    void defaultsFollowTheOriginalProject() {
        assertThat(Architecture.SEED.defaultLearningRate()).isEqualTo(1e-4f);
        assertThat(Architecture.SEED.defaultEpochs()).isEqualTo(50);
        assertThat(Architecture.SEED_RGB.defaultLearningRate()).isEqualTo(1e-3f);
        assertThat(Architecture.SEED_RGB.defaultEpochs()).isEqualTo(10);
        assertThat(Architecture.fromId("SEED-RGB")).isEqualTo(Architecture.SEED_RGB);
    }

    @Test
    void badNamesAndSizesAreExplained() {
        assertThatThrownBy(() -> Architecture.fromId("unet9"))
                .isInstanceOf(ColorizerException.class).hasMessageContaining("seed-rgb");
        assertThatThrownBy(() -> Architecture.SEED.checkSize(100))
                .isInstanceOf(ColorizerException.class).hasMessageContaining("multiple of 8");
        Architecture.SEED_RGB.checkSize(100); // 100 = 4 × 25 suits two poolings
    }
}
