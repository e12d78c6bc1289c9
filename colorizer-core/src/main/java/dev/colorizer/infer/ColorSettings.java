package dev.colorizer.infer;

import java.util.Objects;

/**
 * How a model is used, the same for every front end: the one object a command line, a form, a Spark job or a recorded
 * provenance is translated into ({@link Colorizer#with}). Immutable; {@link #builder()} starts from the defaults.
 * Color hints are not here: they belong to one picture and travel with it ({@link Colorizer#prepare}).
 *
 * @param saturation      the user's factor on the model's saturation policy: 0 gray, 1 the model's own, up to
 *                        {@link Saturation#MAX_USER_FACTOR}
 * @param workingSize     the working size S the model sees pictures at (about S² pixels), or null for the model's
 *                        own (calibrated, else trained); checked against the model by {@link Colorizer#with}
 * @param upsampling      how the working-size colors reach full size
 * @param framing         the shape a picture is resized to for the model
 * @param mirrorAveraging whether each picture's colors are the mean of the model's for it and for its mirror image
 */
public record ColorSettings(float saturation, Integer workingSize, Upsampling upsampling, Framing framing,
                            boolean mirrorAveraging) {
    /** The defaults: the model's saturation and working size, guided upsampling, aspect framing, mirror averaging. */
    public static final ColorSettings DEFAULT = new ColorSettings(1f, null, Upsampling.GUIDED, Framing.ASPECT, true);

    /** How the working-size a/b reach the picture's size. */
    public enum Upsampling {
        /** Guided by the full-resolution lightness: color stays inside its edges (the default). */
        GUIDED,
        /** Plain bilinear: each predicted color covers a blurry block (the earlier releases). */
        BILINEAR
    }

    /** The working shape a picture is resized to for the model. */
    public enum Framing {
        /**
         * Its own aspect ratio, about S² pixels ({@link WorkingShape#keepingAspect}): objects keep their proportions
         * and the scale the model learnt them at (the default).
         */
        ASPECT,
        /** S × S whatever its proportions (the earlier releases): a 2:1 panorama is squeezed to half its width. */
        SQUARE
    }

    public ColorSettings {
        Saturation.checkUserFactor(saturation);
        Objects.requireNonNull(upsampling, "upsampling");
        Objects.requireNonNull(framing, "framing");
    }

    /** These settings at another saturation factor. */
    public ColorSettings withSaturation(float factor) {
        return toBuilder().optSaturation(factor).build();
    }

    /** These settings at another working size (null: the model's own). */
    public ColorSettings withWorkingSize(Integer size) {
        return toBuilder().optWorkingSize(size).build();
    }

    /** These settings with another upsampling. */
    public ColorSettings withUpsampling(Upsampling mode) {
        return toBuilder().optUpsampling(mode).build();
    }

    /** These settings with another framing. */
    public ColorSettings withFraming(Framing mode) {
        return toBuilder().optFraming(mode).build();
    }

    /** These settings with or without mirror averaging. */
    public ColorSettings withMirrorAveraging(boolean on) {
        return toBuilder().optMirrorAveraging(on).build();
    }

    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds settings; every setting is optional (the defaults of {@link #DEFAULT}). */
    public static final class Builder {
        private float saturation;
        private Integer workingSize;
        private Upsampling upsampling;
        private Framing framing;
        private boolean mirrorAveraging;

        private Builder(ColorSettings from) {
            saturation = from.saturation;
            workingSize = from.workingSize;
            upsampling = from.upsampling;
            framing = from.framing;
            mirrorAveraging = from.mirrorAveraging;
        }

        public Builder optSaturation(float factor) {
            saturation = factor;
            return this;
        }

        /** The working size, or null for the model's own. */
        public Builder optWorkingSize(Integer size) {
            workingSize = size;
            return this;
        }

        public Builder optUpsampling(Upsampling mode) {
            upsampling = mode;
            return this;
        }

        public Builder optFraming(Framing mode) {
            framing = mode;
            return this;
        }

        public Builder optMirrorAveraging(boolean on) {
            mirrorAveraging = on;
            return this;
        }

        public ColorSettings build() {
            return new ColorSettings(saturation, workingSize, upsampling, framing, mirrorAveraging);
        }
    }
}
