package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.DjlSetup;
import dev.colorizer.Pictures;
import dev.colorizer.SyntheticImages;
import dev.colorizer.TrainedRuns;
import dev.colorizer.UsageException;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void pointsLieInsideTheDistinctAndComeBackAsHints() {
        DjlSetup.offline();
        BufferedImage gray = Pictures.gray(SyntheticImages.scene(120, 80, 4));
        try (Colorizer bundled = Colorizer.loadBundled()) {
            List<Suggestions.Point> points = Suggestions.suggest(bundled, gray, 6);
            assertThat(points).hasSize(6);
            Set<String> places = new HashSet<>();
            for (Suggestions.Point p : points) {
                assertThat(p.x()).isBetween(0.0, 120.0);
                assertThat(p.y()).isBetween(0.0, 80.0);
                assertThat(places.add(Math.round(p.x()) + "," + Math.round(p.y()))).isTrue();
            }
            // most uncertain first
            assertThat(points).extracting(Suggestions.Point::uncertainty).isSortedAccordingTo((a, b) -> b.compareTo(a));
            List<ColorHint> read = HintFile.parse(Suggestions.toJson(points).getBytes(StandardCharsets.UTF_8), "s");
            assertThat(read).hasSize(6);
            assertThat(read.get(0).x()).isCloseTo(points.get(0).x(), org.assertj.core.data.Offset.offset(0.05));
            assertThatThrownBy(() -> Suggestions.suggest(bundled, gray, 0)).isInstanceOf(UsageException.class)
                    .hasMessage("0 points asked for: ask for 1 to 64");
        }
    }

    @Test
    void aModelThatDoesNotKnowItsDoubtIsRefused() {
        try (Colorizer seed = Colorizer.load(TrainedRuns.tiny("seed"))) {
            assertThatThrownBy(() -> Suggestions.check(seed, 3)).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("model seed does not say how sure it is of its colors");
        }
    }
}
