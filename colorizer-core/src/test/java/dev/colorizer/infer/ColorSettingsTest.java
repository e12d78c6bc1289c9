package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.UsageException;
import org.junit.jupiter.api.Test;

/** The one settings object every front end translates into: defaults, copies, and refusals before any work. */
class ColorSettingsTest {
    @Test
    void theBuilderStartsFromTheDefaultsAndCopiesChangeOneSettingOnly() {
        ColorSettings settings = ColorSettings.builder().optSaturation(1.5f).optWorkingSize(96)
                .optFraming(ColorSettings.Framing.SQUARE).build();
        assertThat(settings).isEqualTo(new ColorSettings(1.5f, 96, ColorSettings.Upsampling.GUIDED,
                ColorSettings.Framing.SQUARE, true));
        assertThat(ColorSettings.builder().build()).isEqualTo(ColorSettings.DEFAULT);
        assertThat(settings.withMirrorAveraging(false)).isEqualTo(new ColorSettings(1.5f, 96,
                ColorSettings.Upsampling.GUIDED, ColorSettings.Framing.SQUARE, false));
        assertThat(settings.withWorkingSize(null).workingSize()).isNull();
        assertThat(settings.saturation()).as("the copies left it as it was").isEqualTo(1.5f);
    }

    @Test
    void aSaturationOutOfRangeIsRefusedWhenTheSettingsAreMade() {
        assertThatThrownBy(() -> ColorSettings.DEFAULT.withSaturation(2.5f)).isInstanceOf(UsageException.class)
                .hasMessageContaining("0 (gray) to 2");
        assertThatThrownBy(() -> ColorSettings.DEFAULT.withSaturation(Float.NaN)).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> ColorSettings.DEFAULT.withUpsampling(null)).isInstanceOf(NullPointerException.class);
    }
}
