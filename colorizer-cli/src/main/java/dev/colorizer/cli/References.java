package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.data.FolderPlan;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.InputNames;
import dev.colorizer.infer.ReferenceColors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which reference photograph each picture of {@code predict --reference} takes: one file for all (an album), or per
 * picture REL/NAME.EXT in a folder (else its one REL/NAME.* picture: {@link InputNames#referenceFiles}). Every
 * reference is read and checked before any work, so that a bad one stops the command naming it (exit 2); the folder
 * job reads each again when its picture is colored (an album's one reference once).
 */
final class References {
    static final References NONE = new References(Map.of());

    private final Map<FolderPlan.Job, Path> files; // the picture's reference file, absent for none

    private References(Map<FolderPlan.Job, Path> files) {
        this.files = files;
    }

    static References of(Path reference, List<FolderPlan.Job> jobs) {
        if (!Files.exists(reference)) {
            throw new ColorizerException(reference, "no such reference file or folder: check the --reference path");
        }
        Map<FolderPlan.Job, Path> files = new HashMap<>();
        if (Files.isDirectory(reference)) {
            Map<String, String> named = InputNames.referenceFiles(jobs.stream().map(FolderPlan.Job::relative)
                    .toList(), held(reference), reference.toString());
            for (FolderPlan.Job job : jobs) {
                if (named.containsKey(job.relative())) {
                    Path found = reference.resolve(named.get(job.relative()));
                    read(found);
                    files.put(job, found);
                }
            }
        } else {
            read(reference);
            for (FolderPlan.Job job : jobs) {
                files.put(job, reference);
            }
        }
        return new References(files);
    }

    // a reference decoded and checked: its size from its header first, so that an enormous one is never decoded
    static BufferedImage read(Path file) {
        java.awt.Dimension size = ImageFiles.readSize(file);
        ReferenceColors.checkSize(size.width, size.height, file.toString());
        BufferedImage picture = ImageFiles.readRgb(file);
        ReferenceColors.checkColor(picture, file.toString());
        return picture;
    }

    // the relative names ('/'-separated) of the folder's files, at any depth
    private static Set<String> held(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            Set<String> names = new HashSet<>();
            walk.filter(Files::isRegularFile).forEach(f -> names.add(folder.relativize(f).toString()
                    .replace(f.getFileSystem().getSeparator(), "/")));
            return names;
        } catch (IOException | UncheckedIOException e) {
            throw new ColorizerException(folder, "cannot be listed (" + e.getMessage() + "): check its permissions");
        }
    }

    /** The picture's reference photograph, or null for none. */
    Path file(FolderPlan.Job job) {
        return files.get(job);
    }
}
