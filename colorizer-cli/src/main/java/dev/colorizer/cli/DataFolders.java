package dev.colorizer.cli;

import dev.colorizer.data.ImageFolder;
import java.nio.file.Path;

/** A --data folder scanned for a command, with every entry it skips named on the console (nothing in silence). */
final class DataFolders {
    private DataFolders() {}

    /** {@link ImageFolder#scan}, each of its problems printed as a warning line on standard error. */
    static ImageFolder scan(Path dir) {
        ImageFolder folder = ImageFolder.scan(dir);
        warn(folder);
        return folder;
    }

    /** Prints the folder's problems (skipped files, pairs missing a side) as warning lines on standard error. */
    static void warn(ImageFolder folder) {
        folder.problems().forEach(p -> System.err.println("warning: " + folder.dir() + ": " + p));
    }
}
