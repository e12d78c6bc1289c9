package dev.colorizer.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.Setting;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Each setting the job words as a flag is one of its options; the others read as their plain names. */
class SparkFlagsTest {
    @Test
    void everyFlagIsAnOptionOfTheJob() {
        Set<String> options = new HashSet<>();
        new CommandLine(new SparkColorize()).getCommandSpec().options()
                .forEach(option -> options.addAll(Set.of(option.names())));
        for (Setting setting : Setting.values()) {
            String word = SparkFlags.of(setting);
            if (word.startsWith("-")) {
                assertThat(word).as(setting.name()).isIn(options);
            } else {
                assertThat(word).as(setting.name()).isEqualTo(setting.plainName());
            }
        }
        assertThat(SparkFlags.of(Setting.OUT)).isEqualTo("--output");
    }
}
