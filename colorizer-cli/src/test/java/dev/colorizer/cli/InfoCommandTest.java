package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.data.ImageMetadata;
import org.junit.jupiter.api.Test;

/** {@code colorize info}'s metadata line names each kind with yes or none: "no EXIF, XMP" read as neither. */
class InfoCommandTest {
    @Test
    void eachKindOfMetadataIsSaidPresentOrNone() {
        assertThat(InfoCommand.metadataLine(ImageMetadata.NONE))
                .isEqualTo("metadata: EXIF none, XMP none, IPTC none, resolution not given");
        assertThat(InfoCommand.metadataLine(ImageMetadata.NONE.withXmp("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>")))
                .isEqualTo("metadata: EXIF none, XMP yes, IPTC none, resolution not given");
    }
}
