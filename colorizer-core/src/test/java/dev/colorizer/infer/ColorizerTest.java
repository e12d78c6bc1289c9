package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.colorizer.ColorizerException;
import dev.colorizer.DjlSetup;
import dev.colorizer.SyntheticImages;
import dev.colorizer.color.Lab;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.SampleCache;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.TrainConfig;
import dev.colorizer.train.CheckpointListener;
import dev.colorizer.train.TrainListener;
import dev.colorizer.train.TrainingLoop;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColorizerTest {
    private static final int SIZE = 16;

    @TempDir
    static Path dir;
    private static float[] inputs;     // (2, 1, S, S)
    private static float[] inTraining; // the trained block's outputs for inputs, before saving

    @BeforeAll
    static void trainOneEpoch() throws Exception {
        DjlSetup.offline();
        for (int i = 0; i < 8; i++) {
            ImageFiles.writeImage(SyntheticImages.scene(40, 40, i), dir.resolve("images/" + i + ".png"), "png");
        }
        inputs = new float[2 * SIZE * SIZE];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextDouble();
        }
        TrainConfig config = new TrainConfig("seed", 1, 4, 1e-3f, SIZE, 0, 1, false);
        RunDir run = new RunDir(dir.resolve("run"));
        try (SampleCache samples = SampleCache.open(ImageFolder.scan(dir.resolve("images")).pairs(), SIZE,
                dir.resolve("cache"), p -> {})) {
            run.writeConfig(new RunConfig(config, new RunConfig.DataSummary("images", "COLOR_ONLY", 8, 0, List.of()),
                    List.of(), List.of(), "now", "test"));
            TrainListener capture = new TrainListener() {
                @Override
                public void onEpochEnd(EpochEnd end) {
                    try (NDManager m = NDManager.newBaseManager()) {
                        NDArray x = m.create(FloatBuffer.wrap(inputs), new Shape(2, 1, SIZE, SIZE));
                        inTraining = end.block().forward(new ParameterStore(m, false), new NDList(x), false)
                                .singletonOrThrow().toFloatArray();
                    }
                }
            };
            new TrainingLoop(config, samples, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[0],
                    List.of(capture, new CheckpointListener(run))).run(null);
        }
    }

    @Test
    void aSavedModelLoadsToIdenticalPredictions() {
        try (Colorizer colorizer = Colorizer.load(dir.resolve("run"))) {
            assertThat(colorizer.size()).isEqualTo(SIZE);
            assertThat(colorizer.forward(inputs, 2)).containsExactly(inTraining);
        }
    }

    @Test
    void outputKeepsTheInputsSizeAndLightness() {
        BufferedImage gray = toGray(SyntheticImages.scene(50, 30, 11));
        try (Colorizer colorizer = Colorizer.load(dir.resolve("run"))) {
            BufferedImage out = colorizer.colorize(gray);
            assertThat(out.getWidth()).isEqualTo(50);
            assertThat(out.getHeight()).isEqualTo(30);
            float[] lIn = Lab.lightnessPlane(gray);
            float[] lOut = Lab.lightnessPlane(out);
            double maxDiff = 0;
            for (int i = 0; i < lIn.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(lIn[i] - lOut[i]));
            }
            assertThat(maxDiff).as("full-resolution L is kept, up to 8-bit rounding and gamut clipping")
                    .isLessThan(3.0);
            List<Colorizer.Result> batch = colorizer.colorizeAll(List.of(gray, toGray(SyntheticImages.scene(20, 70, 2))));
            assertThat(batch.get(1).colorized().getWidth()).isEqualTo(20);
            assertThat(batch.get(1).colorized().getHeight()).isEqualTo(70);
            assertThat(batch.get(0).rawRgb()).isNull();
            assertThat(maxChannelDifference(batch.get(0).colorized(), out))
                    .as("a batch colorizes each picture as it would alone (float rounding aside)").isLessThanOrEqualTo(2);
        }
    }

    @Test
    void otherWorkingSizesWithinTheRangeKeepTheOutputSize() {
        BufferedImage gray = toGray(SyntheticImages.scene(50, 30, 11));
        try (Colorizer colorizer = Colorizer.load(dir.resolve("run"))) {
            // seed pools 3 times: multiples of 8, from max(16, S / 2) to 2 S
            assertThat(colorizer.minSize()).isEqualTo(16);
            assertThat(colorizer.maxSize()).isEqualTo(2 * SIZE);
            BufferedImage out = colorizer.colorizeAll(List.of(gray), 2 * SIZE).get(0).colorized();
            assertThat(out.getWidth()).isEqualTo(50);
            assertThat(out.getHeight()).isEqualTo(30);
            for (int bad : new int[] {8, 24 + 1, 2 * SIZE + 8}) {
                assertThatThrownBy(() -> colorizer.colorizeAll(List.of(gray), bad))
                        .isInstanceOf(ColorizerException.class).hasMessageContaining("from 16 to 32");
            }
            float[] input = colorizer.encode(gray, SIZE);
            assertThat(colorizer.decode(gray, colorizer.forward(input, 1), 0, SIZE).colorized())
                    .as("the stages compose to colorize").satisfies(img ->
                            assertThat(maxChannelDifference(img, colorizer.colorize(gray))).isZero());
        }
    }

    private static int maxChannelDifference(BufferedImage a, BufferedImage b) {
        int[] pa = Lab.packedRgb(a);
        int[] pb = Lab.packedRgb(b);
        int max = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF)));
            }
        }
        return max;
    }

    private static BufferedImage toGray(BufferedImage color) {
        BufferedImage gray = new BufferedImage(color.getWidth(), color.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < color.getHeight(); y++) {
            for (int x = 0; x < color.getWidth(); x++) {
                int v = dev.colorizer.model.Encoding.luma(color.getRGB(x, y));
                gray.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return gray;
    }

}
