package dev.colorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void theVersionIsThePomsWrittenOnce() throws Exception {
        String pom = Files.readString(Path.of("pom.xml")); // colorizer-core's: its parent's version is the project's
        Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(parent.find()).isTrue();
        assertThat(Version.current()).isEqualTo(parent.group(1)).doesNotContain("${");
    }
}
