package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import dev.colorizer.DjlSetup;
import dev.colorizer.Pictures;
import dev.colorizer.UsageException;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.model.Architecture;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.StoredModel;
import dev.colorizer.run.TrainConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A model with color bins shows their colors mixed with its regression's at its tuned share. */
class BinsShareTest {
    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @Test
    void theShareMixesTheBinsColorsWithTheRegressions() throws Exception {
        BufferedImage gray = Pictures.gray(ImageFiles.readRgb(Pictures.BEACH));
        try (Colorizer bins = untrained(Architecture.UNET_BINS)) {
            assertThat(bins.binsShare()).isEqualTo(1f); // untuned: the bins alone
            assertThat(bins.outputChannels()).isEqualTo(5); // a/b, log-variance, the regression's a/b
            Colorizer.Prepared prepared = bins.with(bins.settings().withWorkingSize(32)).prepare(gray);
            int pixels = prepared.shape().pixels();
            float[] outputs = bins.forward(List.of(prepared)).get(0);
            float[] regressionFirst = outputs.clone(); // the regression's a/b where the bins' were
            System.arraycopy(outputs, 3 * pixels, regressionFirst, 0, 2 * pixels);

            int[] binsOnly = pixels(bins.finish(prepared, outputs).colorized());
            int[] regressionOnly = pixels(bins.withBinsShare(0).finish(prepared, outputs).colorized());
            int[] half = pixels(bins.withBinsShare(0.5f).finish(prepared, outputs).colorized());
            assertThat(regressionOnly).isEqualTo(pixels(bins.finish(prepared, regressionFirst).colorized()));
            assertThat(binsOnly).isNotEqualTo(regressionOnly);
            assertThat(half).isNotEqualTo(binsOnly).isNotEqualTo(regressionOnly);
            assertThatThrownBy(() -> bins.withBinsShare(1.5f)).isInstanceOf(UsageException.class)
                    .hasMessageContaining("from 0");
        }
        try (Colorizer plain = untrained(Architecture.UNET_HINTS)) {
            assertThat(plain.binsShare()).isEqualTo(1f);
            assertThatThrownBy(() -> plain.withBinsShare(0.5f)).isInstanceOf(UsageException.class)
                    .hasMessageContaining("has no color bins");
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    // a colorizer of freshly initialised weights of that architecture, trained at 32 px
    private static Colorizer untrained(Architecture architecture) throws Exception {
        try (Model model = Model.newInstance(architecture.id())) {
            model.setBlock(architecture.newBlock());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, architecture.inputShape(1, 32));
            ByteArrayOutputStream weights = new ByteArrayOutputStream();
            model.getBlock().saveParameters(new DataOutputStream(weights));
            TrainConfig train = new TrainConfig(architecture.id(), 1, 4, 1e-3f, 32, 0.1, 7, false);
            RunConfig config = new RunConfig(train, new RunConfig.DataSummary("none", "COLOR_ONLY", 0, 0, List.of()),
                    List.of(), List.of(), "2026-12-07T00:00:00Z", "test");
            return Colorizer.create(new StoredModel(config, weights.toByteArray(), Path.of("untrained")));
        }
    }
}
