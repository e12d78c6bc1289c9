package dev.colorizer.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One training example: a color image and its grayscale input.
 *
 * @param name  the color file's path relative to its color folder, '/'-separated (e.g. "7.jpg", "sub/a.png")
 * @param color the color image file
 * @param gray  the grayscale image file, or null when the gray input is derived from the color image (luma)
 */
public record ImagePair(String name, Path color, Path gray) {
    public ImagePair {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(color, "color");
    }

    /** Whether the gray input is computed from the color image rather than read from a file. */
    public boolean grayDerived() {
        return gray == null;
    }
}
