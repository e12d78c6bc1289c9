package dev.colorizer.infer;

import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;

/**
 * How strongly the predicted a/b are shown. A model trained with MSE predicts the mean of the colors a gray pixel
 * may have, which is paler than any of them; a global gain makes every picture more colorful, including those the
 * model is unsure of, where it loses to gray. This policy scales a/b per pixel by the model's confidence instead:
 * <pre>
 *   gain(v) = maxGain · v0 / (v0 + exp(v))
 * </pre>
 * where v is the model's predicted log-variance of its a/b error at that pixel (in (a/b / 128)² units, see
 * {@code model.UNet}) and v0 = {@code varianceScale}: where the model expects a small error (exp(v) ≪ v0) the color is
 * strengthened up to maxGain; where it expects an error as large as v0 the gain is halved; far beyond, the pixel
 * fades to gray, as a Wiener filter shrinks an estimate by signal / (signal + noise). Pictures unlike the training
 * set, where the predicted error is high, get gentler color. Both constants are tuned per model on held-out
 * training pictures (see docs/RESULTS.md) and saved in its config.json. A model without an uncertainty head has a
 * constant gain: {@link #constant}.
 *
 * @param maxGain the gain of a fully confident pixel, in (0, 4]
 * @param varianceScale v0 > 0, or +∞ for a constant gain
 */
public record Saturation(float maxGain, float varianceScale) {
    /** The user's saturation factor ranges over [0, MAX_USER_FACTOR]: 0 gray, 1 the model's default. */
    public static final float MAX_USER_FACTOR = 2f;

    public Saturation {
        if (!(maxGain > 0) || maxGain > 4) {
            throw new UsageException("a/b gain " + maxGain + " is out of range: use a factor in (0, 4], e.g. 1.1");
        }
        if (!(varianceScale > 0)) {
            throw new UsageException(Message.of("variance scale " + varianceScale + " is out of range: give calibrate ",
                    Setting.SCALES, " above 0, e.g. 0.008 (or calibrate again a run whose config.json holds it)"));
        }
    }

    /** The same gain at every pixel. */
    public static Saturation constant(float gain) {
        return new Saturation(gain, Float.POSITIVE_INFINITY);
    }

    /** Whether the gain depends on the predicted log-variance. */
    public boolean confidenceDependent() {
        return Float.isFinite(varianceScale);
    }

    /** The gain at a pixel of predicted log-variance v (ignored for a constant gain). */
    public float gain(float logVariance) {
        if (!confidenceDependent()) {
            return maxGain;
        }
        return (float) (maxGain * varianceScale / (varianceScale + Math.exp(logVariance)));
    }

    /** Checks a user's saturation factor (0 = gray, 1 = the model's default, up to {@link #MAX_USER_FACTOR}). */
    public static float checkUserFactor(float factor) {
        if (!(factor >= 0) || factor > MAX_USER_FACTOR) {
            throw new UsageException(Message.of(Setting.SATURATION, " " + factor + " is out of range: use 0 (gray) "
                    + "to " + MAX_USER_FACTOR + ", 1 being the model's default"));
        }
        return factor;
    }
}
