package dev.colorizer;

import java.util.function.Function;

/** A command line's wording for the core's tests: each setting as a flag of its name, e.g. --val-split. */
public final class TestWording {
    public static final Function<Setting, String> FLAGS = s -> "--" + s.toString().replace('_', '-');

    private TestWording() {}
}
