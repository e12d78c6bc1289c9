package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI words each setting of the core's messages as one of its flags. */
class FlagsTest {
    @Test
    void everySettingIsAFlagOfSomeCommand() {
        Set<String> options = new TreeSet<>();
        collect(new CommandLine(new Main()), options);
        for (Setting setting : Setting.values()) {
            assertThat(Flags.of(setting)).as(setting.name()).startsWith("--").isIn(options);
        }
    }

    private static void collect(CommandLine command, Set<String> options) {
        command.getCommandSpec().options().forEach(option -> options.addAll(Set.of(option.names())));
        command.getSubcommands().values().forEach(sub -> collect(sub, options));
    }

    @Test
    void coreErrorsReadWithTheFlags() {
        ColorizerException e = new ColorizerException(Path.of("run"), Message.of("holds no run to resume: drop ",
                Setting.RESUME, " to start one"));
        assertThat(Flags.message(e)).isEqualTo("run: holds no run to resume: drop --resume to start one");
        assertThat(e.getMessage()).isEqualTo("run: holds no run to resume: drop resume to start one");
        assertThat(Flags.message(new UsageException(Message.of(Setting.LEARNING_RATE, " 0.0 is not a learning rate"))))
                .isEqualTo("--lr 0.0 is not a learning rate");
        assertThat(Flags.message(new IllegalStateException("plain"))).isEqualTo("plain");
    }
}
