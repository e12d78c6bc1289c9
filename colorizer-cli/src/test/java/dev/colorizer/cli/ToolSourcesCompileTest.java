package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-file programs of bench/ and scripts/ (run as {@code java -cp colorize.jar FILE.java}) still compile
 * against the library: a change to core that breaks one fails the build here, not months later in a benchmark.
 */
class ToolSourcesCompileTest {
    private static final Path HOME = Path.of(System.getProperty("colorizer.home", ".."));

    @TempDir
    Path classes;

    @Test
    void everyBenchAndScriptProgramCompiles() throws Exception {
        List<Path> sources;
        try (Stream<Path> bench = Files.list(HOME.resolve("bench")); Stream<Path> scripts = Files.list(HOME.resolve("scripts"))) {
            sources = Stream.concat(bench, scripts).filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).as("bench/ and scripts/ under " + HOME.toAbsolutePath()).hasSizeGreaterThan(5);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        for (Path source : sources) { // one at a time, as each is run: each is a program of its own
            Path out = Files.createDirectories(classes.resolve(source.getFileName().toString()));
            StringWriter errors = new StringWriter();
            boolean compiled = javac.getTask(errors, null, null,
                    List.of("-proc:none", "-d", out.toString(), "-cp", System.getProperty("java.class.path")), null,
                    javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
            assertThat(compiled).as(source + ":\n" + errors).isTrue();
        }
    }
}
