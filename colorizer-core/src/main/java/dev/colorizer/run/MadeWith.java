package dev.colorizer.run;

import dev.colorizer.run.OutputManifest.InputStamp;

/**
 * What a ledger recorded of an output it made: the settings that made it and its input's size and modification time
 * as read. The one rule of every folder job (predict, Spark, video): an output is still current when it was made
 * with the same settings from the input as it is now; otherwise it is made again.
 *
 * @param settings      what made it ({@code dev.colorizer.job.OutputRecipe#settings}), null in a ledger of an
 *                      earlier release
 * @param inputBytes    its input's size when it was read, or null
 * @param inputModified its input's modification time (ms) when it was read, or null
 */
public record MadeWith(String settings, Long inputBytes, Long inputModified) {
    /** Whether an output made so is what {@code settings} would make of the input as {@code now} says it is. */
    public boolean isCurrent(String settings, InputStamp now) {
        return settings.equals(this.settings) && inputBytes != null && inputModified != null
                && inputBytes == now.bytes() && inputModified == now.modified();
    }
}
