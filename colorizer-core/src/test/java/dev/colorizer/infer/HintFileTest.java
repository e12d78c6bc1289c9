package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.colorizer.ColorizerException;
import dev.colorizer.color.Lab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintFileTest {
    @TempDir
    Path dir;

    @Test
    void pointsAreReadWithTheirChromaAndOptionalRadius() throws Exception {
        Path file = dir.resolve("a.json");
        Files.writeString(file, "{\"points\": [{\"x\": 120, \"y\": 45.5, \"color\": \"#c83c28\", \"note\": \"dress\"},"
                + " {\"x\": 3, \"y\": 4, \"color\": \"#fff\", \"radius\": 6}], \"version\": 2}");
        List<ColorHint> hints = HintFile.read(file);
        assertThat(hints).hasSize(2);
        float[] lab = new float[3];
        Lab.rgbToLab(0xC83C28, lab, 0);
        assertThat(hints.get(0).x()).isEqualTo(120);
        assertThat(hints.get(0).y()).isEqualTo(45.5);
        assertThat(hints.get(0).a()).isCloseTo(lab[1], within(1e-4f));
        assertThat(hints.get(0).b()).isCloseTo(lab[2], within(1e-4f));
        assertThat(hints.get(0).radiusFor(200, 100)).isEqualTo(2.0); // 1 % of the longer side
        assertThat(hints.get(1).radiusFor(200, 100)).isEqualTo(6.0);
        assertThat(hints.get(1).a()).isCloseTo(0f, within(0.01f)); // white has no chroma
        assertThat(HintFile.parse("{\"points\": []}".getBytes(StandardCharsets.UTF_8), "the hints field")).isEmpty();
    }

    @Test
    void badFilesAreClearErrorsNamingTheFile() throws Exception {
        Path file = dir.resolve("bad.json");
        for (String[] c : new String[][] {
                {"{not json", "is not JSON"},
                {"{\"dots\": []}", "\"points\" list"},
                {"{\"points\": [{\"x\": 1, \"color\": \"#ffffff\"}]}", "point 1 needs a number \"y\""},
                {"{\"points\": [{\"x\": 1, \"y\": 2, \"color\": \"red\"}]}", "sRGB hex color"},
                {"{\"points\": [{\"x\": 1, \"y\": 2, \"color\": \"#123456\", \"radius\": -1}]}", "radius -1.0"},
                {"{\"points\": []}\n{\"points\": []}", "has more after its JSON document at line 2, column 1"},
                {"{\"points\": []} x", "is not JSON at line 1, column 17 (Unrecognized token 'x'"},
                {"{\"points\": [{\"x\": 1, \"y\": 2, \"color\": \"#ffffff\"}],\n \"points\": []}",
                        "names 'points' twice in one object at line 2"},
                {"{\"points\": [{\"x\": 1, \"x\": 2, \"y\": 2, \"color\": \"#ffffff\"}]}", "names 'x' twice"},
                {"{\"points\": [,]}", "is not JSON at line 1, column 13"},
                {"{\"points\": [{\"x\": 1,\n", "is not JSON at line 2, column 1 (Unexpected end-of-input"}}) {
            Files.writeString(file, c[0]);
            assertThatThrownBy(() -> HintFile.read(file)).isInstanceOf(ColorizerException.class)
                    .hasMessageContaining(c[1]).hasMessageContaining("bad.json")
                    .message().doesNotContain("REDACTED").doesNotContain("DeserializationFeature")
                    .doesNotContain("Source:").doesNotContain("start marker");
        }
        List<ColorHint> outside = List.of(ColorHint.ofRgb(250, 10, 0xFF0000));
        assertThatThrownBy(() -> HintFile.checkInside(outside, 200, 100, file))
                .isInstanceOf(ColorizerException.class).hasMessageContaining("point 1")
                .hasMessageContaining("outside the 200x100 picture");
    }
}
