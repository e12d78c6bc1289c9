package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.colorizer.SyntheticImages;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under LANG=C Java decodes file names as ASCII: a picture named café.jpg is read by its bytes, but its output's name
 * cannot be written. It is named and skipped; the folder's other pictures are colorized (it once aborted the run).
 * Such a name on the command line cannot even be decoded: its error says how to run in a UTF-8 locale.
 */
class AsciiLocaleTest {
    @TempDir
    Path dir;

    @Test
    void aNameThisLocaleCannotWriteIsSkippedByNameAndTheRestIsColorized() throws Exception {
        assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding")).newEncoder().canEncode("é"),
                "this test JVM's own locale cannot name café.jpg");
        Path in = dir.resolve("in");
        ImageFiles.writeImage(SyntheticImages.scene(24, 16, 1), in.resolve("café.jpg"), OutputFormat.JPEG);
        ImageFiles.writeImage(SyntheticImages.scene(24, 16, 2), in.resolve("plain.jpg"), OutputFormat.JPEG);
        int code = colorizeUnderC("predict", in.toString(), "--out", dir.resolve("out").toString());
        String log = Files.readString(dir.resolve("log"));
        assertThat(code).as(log).isZero();
        assertThat(dir.resolve("out/plain.jpg.png")).exists();
        assertThat(log).contains("its name cannot be written in this locale").contains("LC_ALL=C.UTF-8")
                .doesNotContain("internal error");
    }

    /**
     * Run directly, without ./colorize (which sets C.UTF-8), Java cannot even decode such a name from the command
     * line: one line names the argument and the fix, not the parser's InvalidPathException.
     */
    @Test
    void aNameThisLocaleCannotDecodeOnTheCommandLineGetsTheFix() throws Exception {
        assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding")).newEncoder().canEncode("é"),
                "this test JVM's own locale cannot pass café.jpg");
        int code = colorizeUnderC("info", dir.resolve("café.jpg").toString());
        String log = Files.readString(dir.resolve("log"));
        assertThat(code).as(log).isEqualTo(64);
        assertThat(log.strip()).as(log).startsWith("error: FILE '").doesNotContain("InvalidPathException")
                .endsWith("run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8; ./colorize sets it");
    }

    // colorize with these arguments in a JVM of its own under LANG=C; its output in dir/log; the exit code
    private int colorizeUnderC(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
