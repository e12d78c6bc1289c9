package dev.colorizer.infer;

import static dev.colorizer.Pictures.chroma;
import static dev.colorizer.Pictures.gray;
import static dev.colorizer.Pictures.maxChannelDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.colorizer.SyntheticImages;
import dev.colorizer.UsageException;
import dev.colorizer.color.Lab;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.TrainedRuns;
import dev.colorizer.train.TrainListener;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColorizerTest {
    private static final int SIZE = TrainedRuns.SIZE;

    @TempDir
    static Path dir;
    private static Path run;           // a tiny unet run of its own: the training is watched
    private static float[] inputs;     // (2, 1, S, S)
    private static float[] inTraining; // the trained block's outputs for inputs, before saving

    @BeforeAll
    static void trainOneEpoch() throws Exception {
        inputs = new float[2 * SIZE * SIZE];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextDouble();
        }
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
        run = TrainedRuns.train(dir, "unet", List.of(capture));
    }

    @Test
    void aSavedModelLoadsToIdenticalPredictions() {
        try (Colorizer colorizer = Colorizer.load(run)) {
            assertThat(colorizer.size()).isEqualTo(SIZE);
            int in = inputs.length / 2; // two training inputs (C_in, S, S), run as prepared pictures
            List<Colorizer.Prepared> prepared = List.of(0, 1).stream().map(i -> new Colorizer.Prepared(null, null,
                    WorkingShape.square(SIZE), java.util.Arrays.copyOfRange(inputs, i * in, (i + 1) * in), List.of()))
                    .toList();
            List<float[]> outputs = colorizer.with(colorizer.settings().withMirrorAveraging(false)).forward(prepared);
            float[] joined = new float[inTraining.length];
            System.arraycopy(outputs.get(0), 0, joined, 0, outputs.get(0).length);
            System.arraycopy(outputs.get(1), 0, joined, outputs.get(0).length, outputs.get(1).length);
            assertThat(joined).containsExactly(inTraining);
        }
    }

    @Test
    void aLargeBatchIsRunInGroupsWithTheSameOutputsAsOneByOne() {
        try (Colorizer colorizer = Colorizer.load(run)) {
            int n = 11; // a group of 8, then 3
            List<Colorizer.Prepared> each = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                each.add(colorizer.prepare(SyntheticImages.scene(30, 20, 60 + i))); // one working shape
            }
            WorkingShape shape = colorizer.shapeOf(30, 20);
            List<float[]> all = colorizer.forward(each);
            for (int i = 0; i < n; i++) {
                float[] alone = colorizer.forward(List.of(each.get(i))).get(0);
                assertThat(all.get(i)).hasSize(colorizer.outputChannels() * shape.pixels());
                for (int k = 0; k < alone.length; k++) {
                    assertThat(all.get(i)[k]).as("picture %d, value %d", i, k).isCloseTo(alone[k], within(1e-4f));
                }
            }
        }
    }

    @Test
    void outputKeepsTheInputsSizeAndLightness() {
        BufferedImage gray = gray(SyntheticImages.scene(50, 30, 11));
        try (Colorizer colorizer = Colorizer.load(run)) {
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
            List<Colorizer.Result> batch = colorizer.colorizeAll(List.of(gray, gray(SyntheticImages.scene(20, 70, 2))));
            assertThat(batch.get(1).colorized().getWidth()).isEqualTo(20);
            assertThat(batch.get(1).colorized().getHeight()).isEqualTo(70);
            assertThat(batch.get(0).rawRgb()).isNull();
            assertThat(maxChannelDifference(batch.get(0).colorized(), out))
                    .as("a batch colorizes each picture as it would alone (float rounding aside)").isLessThanOrEqualTo(2);
        }
    }

    @Test
    void mirrorAveragingMakesTheColorsOfAMirroredPictureTheMirroredColors() {
        try (Colorizer colorizer = Colorizer.load(run)) {
            assertThat(colorizer.settings().mirrorAveraging()).as("the default").isTrue();
            BufferedImage gray = gray(SyntheticImages.scene(48, 32, 9));
            Colorizer.Prepared prepared = colorizer.prepare(gray);
            WorkingShape shape = prepared.shape();
            Colorizer.Prepared mirroredInput = new Colorizer.Prepared(gray, null, shape,
                    mirrored(prepared.input(), shape), List.of());
            for (boolean averaging : new boolean[] {true, false}) {
                Colorizer c = colorizer.with(colorizer.settings().withMirrorAveraging(averaging));
                float[] out = c.forward(List.of(prepared)).get(0);
                float[] outOfMirrored = mirrored(c.forward(List.of(mirroredInput)).get(0), shape);
                double worst = 0;
                for (int i = 0; i < out.length; i++) {
                    worst = Math.max(worst, Math.abs(out[i] - outOfMirrored[i]));
                }
                if (averaging) {
                    assertThat(worst).as("symmetric by construction, to float rounding").isLessThan(1e-5);
                } else {
                    assertThat(worst).as("one pass is not symmetric").isGreaterThan(1e-4);
                }
            }
        }
    }

    // each (H, W) plane of planes mirrored left-right
    private static float[] mirrored(float[] planes, WorkingShape shape) {
        int w = shape.width();
        float[] out = new float[planes.length];
        for (int row = 0; row < planes.length / w; row++) {
            for (int x = 0; x < w; x++) {
                out[row * w + x] = planes[row * w + w - 1 - x];
            }
        }
        return out;
    }

    @Test
    void aPictureIsSeenInItsOwnProportionsUnlessSquareFramingIsAsked() {
        BufferedImage wide = gray(SyntheticImages.scene(64, 32, 5));
        try (Colorizer colorizer = Colorizer.load(run)) {
            int channels = colorizer.architecture().encoding().inputChannels();
            assertThat(colorizer.settings().framing()).isEqualTo(ColorSettings.Framing.ASPECT);
            assertThat(colorizer.shapeOf(wide)).isEqualTo(WorkingShape.keepingAspect(64, 32, SIZE, 8));
            assertThat(colorizer.prepare(wide).input()).hasSize(channels * colorizer.shapeOf(wide).pixels());
            Colorizer square = colorizer.with(colorizer.settings().withFraming(ColorSettings.Framing.SQUARE));
            assertThat(square.shapeOf(wide)).isEqualTo(WorkingShape.square(SIZE));
            assertThat(square.prepare(wide).input()).hasSize(channels * SIZE * SIZE);
            BufferedImage framed = colorizer.colorize(wide);
            BufferedImage squeezed = square.colorize(wide);
            assertThat(squeezed.getWidth()).isEqualTo(64);
            assertThat(maxChannelDifference(framed, squeezed)).as("the model saw different pictures").isPositive();
        }
    }

    @Test
    void otherWorkingSizesWithinTheRangeKeepTheOutputSize() {
        BufferedImage gray = gray(SyntheticImages.scene(50, 30, 11));
        try (Colorizer colorizer = Colorizer.load(run)) {
            // unet pools 3 times: multiples of 8, from max(16, S / 2) to 2 S
            assertThat(colorizer.minSize()).isEqualTo(16);
            assertThat(colorizer.maxSize()).isEqualTo(2 * SIZE);
            BufferedImage out = colorizer.with(colorizer.settings().withWorkingSize(2 * SIZE)).colorize(gray);
            assertThat(out.getWidth()).isEqualTo(50);
            assertThat(out.getHeight()).isEqualTo(30);
            for (int bad : new int[] {8, 24 + 1, 2 * SIZE + 8}) {
                assertThatThrownBy(() -> colorizer.with(colorizer.settings().withWorkingSize(bad)))
                        .isInstanceOf(UsageException.class).hasMessageContaining("from 16 to 32");
            }
            Colorizer.Prepared prepared = colorizer.prepare(gray);
            assertThat(colorizer.finish(prepared, colorizer.forward(List.of(prepared)).get(0)).colorized())
                    .as("the stages compose to colorize").satisfies(img ->
                            assertThat(maxChannelDifference(img, colorizer.colorize(gray))).isZero());
        }
    }

    @Test
    void aTunedWorkingSizeIsTheDefaultWhileTheLimitsStayThoseOfTheTrainedSize() throws Exception {
        Path tuned = dir.resolve("tuned-size");
        try (var files = java.nio.file.Files.walk(run)) {
            for (Path from : files.toList()) {
                java.nio.file.Files.copy(from, tuned.resolve(run.relativize(from).toString()));
            }
        }
        RunDir copy = RunDir.existing(tuned);
        copy.writeConfig(copy.readConfig().withWorkingSize(new RunConfig.WorkingSizeTuning(24, "a test")));
        BufferedImage gray = gray(SyntheticImages.scene(50, 30, 13));
        try (Colorizer base = Colorizer.load(run); Colorizer atTuned = Colorizer.load(tuned)) {
            assertThat(atTuned.size()).isEqualTo(24);
            assertThat(atTuned.trainedSize()).isEqualTo(SIZE);
            assertThat(atTuned.minSize()).isEqualTo(base.minSize());
            assertThat(atTuned.maxSize()).isEqualTo(base.maxSize());
            BufferedImage out = atTuned.colorize(gray);
            assertThat(maxChannelDifference(out, base.with(base.settings().withWorkingSize(24)).colorize(gray)))
                    .isZero();
            assertThat(maxChannelDifference(out, base.colorize(gray))).as("another size, other colors").isPositive();
            assertThat(maxChannelDifference(base.with(base.settings().withWorkingSize(24)).colorize(gray), out))
                    .isZero();
            assertThatThrownBy(() -> base.with(base.settings().withWorkingSize(2 * SIZE + 8)))
                    .isInstanceOf(UsageException.class);
        }
    }

    @Test
    void aColorizerMadeByWithSharesTheWeightsAndClosingItLeavesThemToTheLoadedOne() {
        BufferedImage gray = gray(SyntheticImages.scene(40, 30, 12));
        try (Colorizer loaded = Colorizer.load(run)) {
            BufferedImage before = loaded.colorize(gray);
            try (Colorizer paler = loaded.with(loaded.settings().withSaturation(0.5f))) {
                assertThat(chroma(paler.colorize(gray))).isLessThan(chroma(before));
            }
            assertThat(maxChannelDifference(loaded.colorize(gray), before)).as("still usable").isZero();
        }
    }

    @Test
    void saturationZeroIsGrayOneTheDefaultAndBetweenScalesTheColor() {
        BufferedImage gray = gray(SyntheticImages.scene(50, 30, 11));
        try (Colorizer colorizer = Colorizer.load(run)) {
            BufferedImage byDefault = colorizer.colorize(gray);
            assertThat(maxChannelDifference(colorizer.with(colorizer.settings().withSaturation(1f))
                    .colorize(gray), byDefault)).isZero();
            assertThat(maxChannelDifference(colorizer.with(colorizer.settings().withSaturation(0f))
                    .colorize(gray), gray))
                    .as("saturation 0 returns the gray input (8-bit rounding aside)").isLessThanOrEqualTo(1);
            double full = chroma(byDefault);
            assertThat(full).isGreaterThan(2);
            assertThat(chroma(colorizer.with(colorizer.settings().withSaturation(0.5f)).colorize(gray)))
                    .isCloseTo(full / 2,
                    org.assertj.core.api.Assertions.within(0.1 * full));
            assertThat(chroma(colorizer.withPolicy(Saturation.constant(2f)).colorize(gray)))
                    .as("a constant gain scales the chroma (the "
                    + "sRGB gamut clips some)").isBetween(1.5 * full, 2.05 * full);
            assertThatThrownBy(() -> colorizer.with(colorizer.settings().withSaturation(2.5f)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("0 (gray) to 2");
            assertThatThrownBy(() -> colorizer.colorize(gray, List.of(ColorHint.ofRgb(1, 1, 0xFF0000))))
                    .isInstanceOf(UsageException.class).hasMessageContaining("takes no color hints");
            BufferedImage bilinear = colorizer.with(colorizer.settings()
                    .withUpsampling(ColorSettings.Upsampling.BILINEAR)).colorize(gray);
            assertThat(bilinear.getWidth()).isEqualTo(50);
            assertThat(maxChannelDifference(bilinear, byDefault)).as("guided is the default, not bilinear")
                    .isPositive();
        }
    }
}
