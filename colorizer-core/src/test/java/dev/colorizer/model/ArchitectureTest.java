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
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArchitectureTest {
    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void outputHasTheEncodingsChannelsAtTheInputSizeAndRange(Architecture architecture) {
        try (Model model = Model.newInstance(architecture.id()); NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(architecture.newBlock());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, architecture.inputShape(2, 32));
            NDArray x = manager.randomUniform(0, 1, architecture.inputShape(2, 32));
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
            assertThat(out).hasSize(architecture.hasBins() ? 3 : architecture.predictsUncertainty() ? 2 : 1);
            NDArray y = out.get(0);
            assertThat(y.getShape()).isEqualTo(architecture.outputShape(2, 32));
            // sigmoid heads give [0, 1]; the U-Nets' tanh gives a/b / 128 in [-1, 1]
            boolean tanh = architecture.encoding().name().startsWith("LAB_") && architecture != Architecture.SEED;
            assertThat(y.min().getFloat()).isGreaterThanOrEqualTo(tanh ? -1f : 0f);
            assertThat(y.max().getFloat()).isLessThanOrEqualTo(1f);
            if (architecture.predictsUncertainty()) {
                NDArray logVariance = out.get(1);
                assertThat(logVariance.getShape()).isEqualTo(new Shape(2, 1, 32, 32));
                assertThat(logVariance.min().getFloat()).isGreaterThanOrEqualTo(UNet.LOG_VARIANCE_MIN);
                assertThat(logVariance.max().getFloat()).isLessThanOrEqualTo(UNet.LOG_VARIANCE_MAX);
            }
        }
    }

    @Test
    void upsamplingIsKerasNearestNeighbour() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(24f).reshape(2, 3, 2, 2);
            assertThat(Architecture.upsample2x(x).toFloatArray()).containsExactly(x.repeat(2, 2).repeat(3, 2).toFloatArray());
        }
    }

    @Test
    void forwardCostMatchesTheOriginalModels() {
        // the figures of the issue: seed 2.78 GFLOP, seed-rgb 1.59 GFLOP per 128 px image
        assertThat(Architecture.SEED.forwardFlops(128) / 1e9).isCloseTo(2.78, within(0.01));
        assertThat(Architecture.SEED_RGB.forwardFlops(128) / 1e9).isCloseTo(1.59, within(0.01));
    }

    @Test
    void theUNetCostsWhatItsLayersSay() {
        // half width 16-32-64-128 at 128 px: 0.66 G multiply-adds, as counted by hooks on the PyTorch twin
        assertThat(Architecture.UNET.forwardFlops(128) / 2e9).isCloseTo(0.66, within(0.01));
    }

    @Test
    void unetTrainsWithTheMeasuredRecipe() {
        Architecture.Defaults d = Architecture.UNET.defaults();
        assertThat(d.batchSize()).isEqualTo(32);
        assertThat(d.schedule()).isEqualTo(TrainSchedule.WARMUP_COSINE);
        assertThat(d.flip()).isTrue();
        assertThat(d.abGain()).isEqualTo(1.1f);
        assertThat(d.restoreLuma()).isTrue();
        assertThat(TrainSchedule.WARMUP_COSINE.factor(1, 100)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(TrainSchedule.WARMUP_COSINE.factor(3, 100)).isEqualTo(1.0);
        assertThat(TrainSchedule.WARMUP_COSINE.factor(100, 100)).isCloseTo(0, within(1e-12));
        assertThat(TrainSchedule.CONSTANT.factor(50, 100)).isEqualTo(1.0);
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
        // a run's config naming none is bad data (exit code 2); an option naming none is bad usage (64)
        assertThatThrownBy(() -> Architecture.fromId("unet9"))
                .isInstanceOf(ColorizerException.class).isNotInstanceOf(UsageException.class)
                .hasMessageContaining("seed-rgb");
        assertThatThrownBy(() -> Architecture.ofOption(Setting.ARCH, "unet9")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("architecture unet9 is not an architecture").hasMessageContaining("seed-rgb");
        assertThatThrownBy(() -> Architecture.SEED.checkSize(100))
                .isInstanceOf(UsageException.class).hasMessageContaining("multiple of 8");
        Architecture.SEED_RGB.checkSize(100); // 100 = 4 × 25 suits two poolings
    }
}
