package dev.colorizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-file programs of bench/, scripts/ and examples/ (run as {@code java -cp colorize.jar FILE.java}) still
 * compile against the library: a change to core that breaks one fails the build here, not months later in a
 * benchmark or in a reader's hands. The README's library code is lines of examples/LibraryTour.java, so it is compiled
 * too and cannot drift from it.
 */
class ToolSourcesCompileTest {
    private static final Path HOME = Path.of(System.getProperty("colorizer.home", ".."));
    private static final Path TOUR = HOME.resolve("examples/LibraryTour.java");

    @TempDir
    Path classes;

    @Test
    void everyBenchScriptAndExampleProgramCompiles() throws Exception {
        List<Path> sources = new ArrayList<>();
        for (String folder : List.of("bench", "scripts", "examples")) {
            try (Stream<Path> files = Files.list(HOME.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        sources.sort(null);
        assertThat(sources).as("bench/, scripts/ and examples/ under " + HOME.toAbsolutePath()).hasSizeGreaterThan(5)
                .contains(TOUR);
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

    @Test
    void theReadmesLibraryCodeIsLinesOfTheExampleProgram() throws Exception {
        List<String> tour = Files.readAllLines(TOUR);
        List<List<String>> blocks = javaBlocks(librarySection(Files.readString(HOME.resolve("README.md"))));
        assertThat(blocks).as("```java blocks in README.md's \"## As a library\"").hasSizeGreaterThanOrEqualTo(3);
        for (List<String> block : blocks) {
            assertThat(foundIn(block, tour)).as("README.md's block\n" + String.join("\n", block)
                    + "\nis not a run of lines of " + TOUR + " (the same indentation added to each): copy it from there")
                    .isTrue();
        }
    }

    @Test
    void aBlockMatchesOnlyWholeLinesInOrder() {
        List<String> file = List.of("class A {", "    void f() {", "        int x = 1;", "        int y = 2;", "    }", "}");
        assertThat(foundIn(List.of("int x = 1;", "int y = 2;"), file)).isTrue();
        assertThat(foundIn(List.of("void f() {", "    int x = 1;"), file)).isTrue();
        assertThat(foundIn(List.of("int y = 2;", "int x = 1;"), file)).isFalse();
        assertThat(foundIn(List.of("int x = 1;", "    int y = 2;"), file)).isFalse(); // indentation changed inside
        assertThat(foundIn(List.of("int x = 2;"), file)).isFalse();
    }

    private static String librarySection(String readme) {
        int start = readme.indexOf("\n## As a library\n");
        assertThat(start).as("README.md has a section \"## As a library\"").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<List<String>> javaBlocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.strip().equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        assertThat(block).as("an unclosed ```java block").isNull();
        return blocks;
    }

    // whether `block` is consecutive lines of `file`, each with the same indentation added (blank lines: blank)
    static boolean foundIn(List<String> block, List<String> file) {
        if (block.isEmpty()) {
            return false;
        }
        for (int i = 0; i + block.size() <= file.size(); i++) {
            String first = file.get(i);
            if (!first.endsWith(block.get(0)) || !first.substring(0, first.length() - block.get(0).length()).isBlank()) {
                continue;
            }
            String indent = first.substring(0, first.length() - block.get(0).length());
            boolean all = true;
            for (int j = 1; j < block.size() && all; j++) {
                String line = file.get(i + j);
                all = block.get(j).isBlank() ? line.isBlank() : line.equals(indent + block.get(j));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
