package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.eval.ComparisonGrid;
import dev.colorizer.eval.ContactSheet;
import dev.colorizer.infer.Colorizer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Colorize one picture at several working sizes and saturations and write them side by side on "
                + "one labelled contact sheet (PNG), to pick the settings before running predict on a folder."})
final class PreviewCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PICTURE", description = "The picture to try the settings on.")
    Path picture;

    @Option(names = "--sizes", split = ",", paramLabel = "S", description = "Working sizes, one row each, e.g. "
            + "96,128,192. Default: the model's smallest, its own and its largest.")
    List<Integer> sizes;

    @Option(names = "--saturations", split = ",", paramLabel = "F", defaultValue = "1", description = "Saturations, "
            + "one column each, e.g. 0.8,1,1.3 (0 gray, 1 the model's default, up to 2). Default: ${DEFAULT-VALUE}.")
    List<Float> saturations;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "output/preview.png",
            description = "The contact sheet. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    ModelOption model = new ModelOption();

    @Override
    public Integer call() {
        if (java.nio.file.Files.exists(out) && java.nio.file.Files.exists(picture) && isSameFile(out, picture)) {
            throw new dev.colorizer.UsageException(out, "is the picture itself: it is not overwritten; choose "
                    + "another --out");
        }
        try (Colorizer colorizer = model.load()) {
            List<Integer> rows = sizes == null ? ContactSheet.defaultSizes(colorizer) : sizes;
            // each value checked here, so that the error names this command's list options
            checked("--sizes", rows, colorizer::checkSize);
            checked("--saturations", saturations, dev.colorizer.infer.Saturation::checkUserFactor);
            ComparisonGrid.writePng(ContactSheet.of(colorizer, ImageFiles.readRgb(picture), rows, saturations), out);
            System.out.println("contact sheet of " + picture + " at sizes " + rows + " and saturations " + saturations
                    + ": " + out.toAbsolutePath());
        }
        return ExitCode.OK;
    }

    private static <T> void checked(String option, List<T> values, java.util.function.Consumer<T> check) {
        for (T value : values) {
            try {
                check.accept(value);
            } catch (dev.colorizer.ColorizerException e) {
                throw new dev.colorizer.UsageException(option + " " + values.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")) + ": " + e.getMessage());
            }
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false; // unreadable: reading the picture says why
        }
    }
}
