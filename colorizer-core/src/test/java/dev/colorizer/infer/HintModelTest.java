package dev.colorizer.infer;

import static dev.colorizer.Pictures.chroma;
import static dev.colorizer.Pictures.gray;
import static dev.colorizer.Pictures.maxChannelDifference;
import static dev.colorizer.Pictures.meanAb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.ColorizerException;
import dev.colorizer.DjlSetup;
import dev.colorizer.Pictures;
import dev.colorizer.color.Lab;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.ImagePair;
import dev.colorizer.eval.EvalReport;
import dev.colorizer.eval.Evaluation;
import dev.colorizer.model.Encoding;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Color hints and the confidence-dependent saturation, through the bundled model (trained with simulated hints and
 * an uncertainty head): hints reach the model input where they are placed, move the colors there towards them, and
 * the saturation follows the knob.
 */
class HintModelTest {
    private static final Path SAMPLE = Pictures.BEACH;
    private static final int RED = 0xC83C28;
    private static final int BLUE = 0x2850E0;

    @BeforeAll
    static void offline() {
        DjlSetup.offline();
    }

    @Test
    void hintsAreSquaresOfTheirChromaInTheHintPlanes() {
        BufferedImage gray = gray(ImageFiles.readRgb(SAMPLE));
        try (Colorizer colorizer = Colorizer.load(null)) {
            assertThat(colorizer.takesHints()).isTrue();
            int w = gray.getWidth();
            int h = gray.getHeight();
            float[] plain = colorizer.prepare(gray).input();
            float[] hinted = colorizer.prepare(gray, List.of(ColorHint.ofRgb(w / 2.0, h / 2.0, RED, 0))).input();
            WorkingShape shape = colorizer.shapeOf(gray); // the picture is 2:1: seen at its own proportions
            int pixels = shape.pixels();
            assertThat(plain).hasSize(4 * pixels);
            float[] lab = new float[3];
            Lab.rgbToLab(RED, lab, 0);
            int centre = (shape.height() / 2) * shape.width() + shape.width() / 2;
            assertThat(hinted[Encoding.HINT_MASK_CHANNEL * pixels + centre]).isEqualTo(1f);
            assertThat(hinted[pixels + centre]).isCloseTo(lab[1] / Lab.AB_SCALE, within(1e-6f));
            assertThat(hinted[2 * pixels + centre]).isCloseTo(lab[2] / Lab.AB_SCALE, within(1e-6f));
            int marked = 0;
            for (int i = 0; i < pixels; i++) {
                marked += hinted[Encoding.HINT_MASK_CHANNEL * pixels + i] > 0 ? 1 : 0;
                assertThat(hinted[i]).as("the lightness plane is untouched").isEqualTo(plain[i]);
            }
            assertThat(marked).as("a radius-0 hint marks the one working pixel under it").isEqualTo(1);
        }
    }

    @Test
    void hintsMoveTheColorsTowardsThemWhereTheyArePlaced() {
        BufferedImage gray = gray(ImageFiles.readRgb(SAMPLE));
        int w = gray.getWidth();
        int h = gray.getHeight();
        int cx = w / 2;
        int cy = h / 2;
        try (Colorizer colorizer = Colorizer.load(null)) {
            BufferedImage auto = colorizer.colorize(gray);
            assertThat(maxChannelDifference(colorizer.colorize(gray, List.of()), auto))
                    .as("no hints: automatic").isZero();
            BufferedImage red = colorizer.colorize(gray, List.of(ColorHint.ofRgb(cx, cy, RED, 6)));
            BufferedImage blue = colorizer.colorize(gray, List.of(ColorHint.ofRgb(cx, cy, BLUE, 6)));
            int r = 6;
            assertThat(meanAb(red, 0, cx, cy, r))
                    .as("a* near a red hint").isGreaterThan(meanAb(auto, 0, cx, cy, r) + 5);
            assertThat(meanAb(blue, 1, cx, cy, r)).as("b* near a blue hint").isLessThan(meanAb(auto, 1, cx, cy, r) - 5);
            double near = Math.abs(meanAb(red, 0, cx, cy, r) - meanAb(auto, 0, cx, cy, r));
            double far = Math.abs(meanAb(red, 0, 8, 8, r) - meanAb(auto, 0, 8, 8, r));
            assertThat(far).as("far from the hint the colors change less").isLessThan(near);
        }
    }

    @Test
    void hintedColorsAreTakenAsPredictedNotThroughTheAutomaticPolicy() {
        BufferedImage gray = gray(ImageFiles.readRgb(SAMPLE));
        List<ColorHint> hints = List.of(ColorHint.ofRgb(gray.getWidth() / 2.0, gray.getHeight() / 2.0, BLUE, 6));
        try (Colorizer colorizer = Colorizer.load(null)) {
            Colorizer.Prepared prepared = colorizer.prepare(gray, hints);
            float[] outputs = colorizer.forward(List.of(prepared)).get(0);
            BufferedImage hinted = colorizer.colorize(gray, hints);
            // the same outputs finished as if they were automatic ones: at gain 1, and through the policy
            Colorizer.Prepared asAutomatic = new Colorizer.Prepared(gray, null, prepared.shape(), prepared.input(),
                    List.of());
            BufferedImage asPredicted = colorizer.withPolicy(Saturation.constant(1f)).finish(asAutomatic, outputs)
                    .colorized();
            BufferedImage throughPolicy = colorizer.finish(asAutomatic, outputs).colorized();
            assertThat(maxChannelDifference(hinted, asPredicted)).as("gain 1 with hints").isZero();
            assertThat(chroma(throughPolicy)).as("the automatic policy, max gain %.1f, would amplify",
                    colorizer.policy().maxGain()).isGreaterThan(chroma(hinted));
            assertThat(maxChannelDifference(colorizer.with(colorizer.settings().withSaturation(0f))
                    .colorize(gray, hints), gray))
                    .as("the user's factor still applies").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void simulatedHintsFromTheTruthRaiseTheScoresAndMoreRaiseThemMore() {
        List<ImagePair> pairs = ImageFolder.scan(SAMPLE.getParent()).pairs().subList(0, 12);
        try (Colorizer colorizer = Colorizer.load(null)) {
            EvalReport report = new Evaluation(colorizer, 2).withHints(List.of(10, 2, 0), 5)
                    .run(pairs, null, done -> { }).report();
            assertThat(report.methods()).extracting(EvalReport.Scores::method).containsExactly(Evaluation.BASELINE,
                    Evaluation.MODEL, Evaluation.hintsMethod(2), Evaluation.hintsMethod(10));
            double auto = report.method(Evaluation.MODEL).psnr();
            double two = report.method(Evaluation.hintsMethod(2)).psnr();
            double ten = report.method(Evaluation.hintsMethod(10)).psnr();
            assertThat(two).isGreaterThan(auto);
            assertThat(ten).isGreaterThan(two + 0.5);
        }
    }

    @Test
    void badHintsAreRefusedWithTheirPosition() {
        BufferedImage gray = gray(ImageFiles.readRgb(SAMPLE));
        try (Colorizer colorizer = Colorizer.load(null)) {
            int w = gray.getWidth();
            assertThatThrownBy(() -> colorizer.colorize(gray, List.of(ColorHint.ofRgb(w + 1, 10, RED))))
                    .isInstanceOf(ColorizerException.class).hasMessageContaining("outside the " + w + "x");
        }
        assertThatThrownBy(() -> new ColorHint(1, 1, 0, 0, -1)).isInstanceOf(ColorizerException.class);
    }

    @Test
    void theDefaultSaturationFollowsTheConfidenceAndTheKnobScalesIt() {
        BufferedImage gray = gray(ImageFiles.readRgb(SAMPLE));
        try (Colorizer colorizer = Colorizer.load(null)) {
            assertThat(colorizer.policy().confidenceDependent()).as("calibrated for the bundled model").isTrue();
            assertThat(colorizer.forward(List.of(colorizer.prepare(gray))).get(0))
                    .as("a, b and log-variance").hasSize(3 * colorizer.shapeOf(gray).pixels());
            BufferedImage byDefault = colorizer.colorize(gray);
            assertThat(maxChannelDifference(colorizer.with(colorizer.settings().withSaturation(1f))
                    .colorize(gray), byDefault)).isZero();
            BufferedImage none = colorizer.with(colorizer.settings().withSaturation(0f)).colorize(gray);
            assertThat(maxChannelDifference(none, gray)).as("saturation 0 is the gray input").isLessThanOrEqualTo(1);
            assertThat(maxChannelDifference(colorizer.grayBaseline(colorizer.prepare(gray)).colorized(), none))
                    .as("the gray baseline goes through the same finish").isZero();
            assertThat(chroma(colorizer.with(colorizer.settings().withSaturation(0.5f)).colorize(gray)))
                    .isCloseTo(chroma(byDefault) / 2, within(0.1 * chroma(byDefault)));
            Saturation policy = colorizer.policy();
            assertThat(policy.gain(-20f)).isCloseTo(policy.maxGain(), within(1e-3f));
            assertThat(policy.gain((float) Math.log(policy.varianceScale()))).isCloseTo(policy.maxGain() / 2,
                    within(1e-3f));
        }
    }
}
