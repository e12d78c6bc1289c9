package dev.colorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core names no command-line flag in its strings: its messages refer to a {@link Setting} and each front end
 * words it (the CLI as its flag). Comments may name flags.
 */
class NoFlagsInCoreTest {
    private static final Pattern FLAG = Pattern.compile("--[A-Za-z]");

    /** Strings still naming a flag, each with why: the file and a part of the literal. */
    private static final Map<String, List<String>> KNOWN = Map.of(
            // a warning, not an error: Picture.warnings are plain strings (List<String>) read by every front end
            "dev/colorizer/data/ImageFiles.java", List.of("(predict --all-pages colorizes each)"));

    @Test
    void noStringLiteralOfTheCoreNamesAFlag() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                for (String literal : stringLiterals(Files.readString(file))) {
                    if (FLAG.matcher(literal).find()
                            && KNOWN.getOrDefault(name, List.of()).stream().noneMatch(literal::contains)) {
                        found.add(name + ": \"" + literal + "\"");
                    }
                }
            }
        }
        assertThat(found).as("flags in the core's strings: refer to a Setting in a Message instead").isEmpty();
    }

    @Test
    void theScannerSeesLiteralsNotComments() {
        assertThat(stringLiterals("""
                // "--lr" in a comment
                /* "--out" in a block */ String a = "x --data y"; char c = '"'; String b = "q\\"--size";
                String t = \"""
                    --batch
                    \""";
                """)).containsExactly("x --data y", "q\\\"--size", "\n    --batch\n    ");
    }

    // the contents of the string literals and text blocks of Java source, escapes as written
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end;
                literals.add(source.substring(source.indexOf('\n', i), end));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    literals.add(source.substring(i + 1, Math.min(j, n)));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }
}
