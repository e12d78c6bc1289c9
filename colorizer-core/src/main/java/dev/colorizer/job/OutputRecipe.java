package dev.colorizer.job;

import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.run.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What makes every output of a folder job: the colorizer (its model and settings) and the format written. Owns the
 * record of what made one output ({@link #settings}), which every front end's ledger keeps and compares by one rule
 * ({@link dev.colorizer.run.MadeWith#isCurrent}).
 *
 * @param jpegQuality 0..1, for JPEG outputs
 */
public record OutputRecipe(Colorizer colorizer, OutputFormat format, float jpegQuality) {
    /**
     * What made one output, for the ledger: the model (the digest of its weights and its calibrated policy: a run
     * trained further or calibrated again is another model), the color settings, the working size, the format and
     * JPEG quality, that the input's metadata and the record of what made it are written, the digest of the
     * picture's own hints and its reference's identity ({@link PictureStore#identity}).
     *
     * @param hints     the picture's own hints (empty: none)
     * @param reference its reference photograph's identity, or null for none
     */
    public String settings(List<ColorHint> hints, String reference) {
        return colorizer.settingsKey() + ", format=" + format.name().toLowerCase(Locale.ROOT)
                + (format == OutputFormat.PNG || format == OutputFormat.TIFF ? "" : ", quality=" + jpegQuality)
                + ", with metadata and provenance" // outputs of earlier releases had neither: they are redone
                + (hints.isEmpty() ? "" : ", hints=" + Digest.of(hints.toString().getBytes(StandardCharsets.UTF_8)))
                + (reference == null ? "" : ", reference=" + reference);
    }
}
