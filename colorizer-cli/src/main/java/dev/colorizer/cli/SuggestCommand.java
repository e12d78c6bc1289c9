package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.ExitCode;
import dev.colorizer.data.FolderPlan;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.InputNames;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.Suggestions;
import dev.colorizer.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = {"Suggest where a color hint would help most: per picture, a hints file with the N points "
                + "where the model is least sure of its colors over a region (spread out), each with the color it "
                + "shows there now.",
                "Edit the colors, then pass the folder back: colorize predict INPUT --hints OUT. A picture REL/NAME.EXT "
                        + "gets OUT/REL/NAME.EXT.json, the name predict looks for first."})
final class SuggestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PICTURE", description = "Image files or folders.")
    List<Path> inputs;

    @Option(names = "--count", defaultValue = "5", paramLabel = "N",
            description = "Points per picture, 1 to " + Suggestions.MAX_COUNT + ". Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--out", defaultValue = "output/suggested", paramLabel = "DIR",
            description = "Folder of the hints files. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--model", paramLabel = "RUN_DIR",
            description = "Run folder of a trained model that predicts its uncertainty (default: the bundled one).")
    Path model;

    @Override
    public Integer call() throws IOException {
        FolderPlan plan = FolderPlan.of(inputs, out, OutputFormat.PNG);
        List<String> skipped = plan.skipped().stream().map(s -> s.entry() + ": " + s.reason()).toList();
        skipped.forEach(s -> System.err.println("skipped: " + s));
        if (plan.jobs().isEmpty()) {
            throw InputNames.noPictures(inputs, skipped);
        }
        int failed = 0;
        int written = 0;
        try (Colorizer colorizer = Colorizer.load(model); ProgressBar bar = Bars.images("suggest",
                plan.jobs().size())) {
            Suggestions.check(colorizer, count);
            for (FolderPlan.Job job : plan.jobs()) {
                try {
                    BufferedImage picture = ImageFiles.readRgb(job.input());
                    List<Suggestions.Point> points = Suggestions.suggest(colorizer, picture, count);
                    AtomicFiles.writeString(out.resolve(job.relative() + ".json"), Suggestions.toJson(points));
                    written++;
                } catch (ColorizerException e) { // this picture only: the others go on
                    System.err.println("error: " + Flags.message(e) + " (skipped)");
                    failed++;
                }
                bar.step();
            }
        }
        System.out.printf("suggested %d points for each of %d of %d pictures in %s%s%n", count, written,
                plan.jobs().size(), out, failed > 0 ? "; " + failed + " failed (see above)" : "");
        if (written == 0) {
            return ExitCode.BAD_DATA;
        }
        return failed > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
    }
}
