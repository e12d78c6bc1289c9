package dev.colorizer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.colorizer.DjlSetup;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UNetBinsTest {
    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @Test
    void trainingSeesTheLogitsAndEveryoneElseTheirAnnealedMean() {
        try (Model model = Model.newInstance("bins"); NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(Architecture.UNET_BINS.newBlock());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, Architecture.UNET_BINS.inputShape(2, 32));
            NDArray x = manager.randomUniform(0, 1, Architecture.UNET_BINS.inputShape(2, 32));
            NDList training = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), true);
            assertThat(training).hasSize(3);
            assertThat(training.get(2).getShape()).isEqualTo(new Shape(2, ColorBins.COUNT, 16, 16));
            NDList shown = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
            assertThat(shown).hasSize(3); // committed colors, log-variance, mean colors
            assertThat(shown.get(0).getShape()).isEqualTo(new Shape(2, 2, 32, 32));
            assertThat(shown.get(2).getShape()).isEqualTo(new Shape(2, 2, 32, 32));
            // the bins' colors, not the regression's (the untrained head's flat distribution: its mean, a ≈ 5, b ≈ −5)
            assertThat(shown.get(0).sub(training.get(0)).abs().max().getFloat()).isGreaterThan(0.01f);
        }
    }

    @Test
    void aModelWithoutTheHeadLoadsIntoOneWithItLeavingOnlyTheHeadToInitialise() throws Exception {
        try (Model hints = Model.newInstance("hints"); Model bins = Model.newInstance("bins")) {
            hints.setBlock(Architecture.UNET_HINTS.newBlock());
            hints.getBlock().initialize(hints.getNDManager(), DataType.FLOAT32, Architecture.UNET_HINTS.inputShape(1, 32));
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            hints.getBlock().saveParameters(new DataOutputStream(saved));

            UNet net = (UNet) Architecture.UNET_BINS.newBlock();
            bins.setBlock(net);
            // as train --init-from does: a stored unet-hints model loaded into the new architecture's block
            dev.colorizer.run.TrainConfig train = new dev.colorizer.run.TrainConfig("unet-hints", 1, 4, 1e-3f, 32, 0.1,
                    7, false);
            dev.colorizer.run.RunConfig config = new dev.colorizer.run.RunConfig(train,
                    new dev.colorizer.run.RunConfig.DataSummary("none", "COLOR_ONLY", 0, 0, java.util.List.of()),
                    java.util.List.of(), java.util.List.of(), "2026-12-07T00:00:00Z", "test");
            new dev.colorizer.run.StoredModel(config, saved.toByteArray(), java.nio.file.Path.of("hints"))
                    .loadInto(net, bins.getNDManager());
            net.initialize(bins.getNDManager(), DataType.FLOAT32, Architecture.UNET_BINS.inputShape(1, 32));
            int shared = 0;
            for (Pair<String, Parameter> p : hints.getBlock().getParameters()) {
                Parameter twin = net.getParameters().get(p.getKey());
                assertThat(twin).as(p.getKey()).isNotNull();
                assertThat(Arrays.equals(twin.getArray().toFloatArray(), p.getValue().getArray().toFloatArray()))
                        .as(p.getKey()).isTrue();
                shared++;
            }
            assertThat(net.getParameters().size()).isGreaterThan(shared); // the head's own, drawn by initialisation
            assertThat(net.getParameters().keys().stream().filter(k -> k.contains("bins")).count()).isEqualTo(4);
        }
    }
}
