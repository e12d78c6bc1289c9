package dev.colorizer.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.ConsoleCapture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark front end's command line: the exit codes and error lines of the CLI's ({@code ExitCode}). */
class SparkColorizeTest {
    @TempDir
    Path dir;

    private static ConsoleCapture run(String... args) {
        return ConsoleCapture.run(() -> SparkColorize.run(args));
    }

    @Test
    void helpListsTheExitCodes() {
        var help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Exit codes:").contains("64").contains("bad usage");
    }

    // a missing option was exit code 2 until bad usage got its own code
    @Test
    void badUsageIsSixtyFourWithOneLine() {
        var missing = run("--input", "x");
        assertThat(missing.code()).isEqualTo(64);
        assertThat(missing.err().strip())
                .isEqualTo("error: Missing required option: '--output=PATH' (see colorize spark --help)");
        String output = dir.resolve("out").toString();
        assertThat(run("--input", "x", "--output", output, "--batch", "eight").code()).as("not a number")
                .isEqualTo(64);
        assertThat(run("--input", "x", "--output", output, "--batch", "0").code()).isEqualTo(64);
        var format = run("--input", "x", "--output", output, "--format", "webp");
        assertThat(format.code()).isEqualTo(64);
        assertThat(format.err()).contains("--format webp is not an output format").doesNotContain("\tat ");
        assertThat(run("--input", "x", "--output", output, "--saturation", "3").code()).isEqualTo(64);
        var master = run("--master", "bogus://x", "--input", "x", "--output", output);
        assertThat(master.code()).as(master.err()).isEqualTo(64);
        assertThat(master.err()).contains("--master bogus://x is not a Spark master URL").doesNotContain("\tat ");
    }

    @Test
    void badDataIsTwoNamingTheFile() {
        Path nowhere = dir.resolve("nowhere");
        var missing = run("--master", "local[1]", "--input", nowhere.toString(), "--output",
                dir.resolve("out").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("error: " + nowhere + ": no such file or folder")
                .doesNotContain("\tat ").doesNotContain("--help");
    }
}
