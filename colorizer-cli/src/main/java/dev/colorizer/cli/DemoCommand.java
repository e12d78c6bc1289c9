package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.Setting;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.ImagePair;
import dev.colorizer.eval.EvalReport;
import dev.colorizer.infer.Colorizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Colorize the grayscale versions of the bundled public-domain pictures (1940s color "
                + "photographs of people at work, and landscapes) with the pretrained model, and show how close they "
                + "come to the true colors, each set beside the gray baseline.",
                "Writes OUT/predicted/NAME.EXT.png (named as predict names outputs), OUT/demo-grid.png (gray | "
                        + "predicted | truth, people above landscapes), OUT/demo-metrics.json (a report per set) "
                        + "and OUT/demo-report.html "
                        + "(self-contained, with the metrics beside the gray baseline)."})
final class DemoCommand implements Callable<Integer> {
    /** Rows of each set in the grid. */
    private static final int GRID_ROWS = 5;

    @Option(names = "--out", defaultValue = "output", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--model", paramLabel = "RUN_DIR",
            description = "Run folder of a trained model (default: the bundled pretrained model).")
    Path model;

    @Mixin
    ColorOptions color = new ColorOptions();

    @Mixin
    WorkingSizeOption workingSize = new WorkingSizeOption();

    @Override
    public Integer call() throws Exception {
        Map<String, List<ImagePair>> sets = new LinkedHashMap<>();
        int pictures = 0;
        for (Map.Entry<String, Path> sample : BundledSample.demoSets().entrySet()) {
            dev.colorizer.data.FolderPlan.refuseOutputInside(out, Setting.OUT, sample.getValue(), "sample");
            sets.put(sample.getKey(), ImageFolder.scan(sample.getValue()).pairs());
            pictures += sets.get(sample.getKey()).size();
        }
        Path predicted = out.resolve("predicted");
        try (Colorizer loaded = Colorizer.load(model)) {
            Colorizer colorizer = workingSize.applyTo(color.apply(loaded));
            EvaluationWriter writer = new EvaluationWriter(out, "demo-",
                    pair -> EvaluateCommand.predictedFile(predicted, pair), GRID_ROWS, pictures,
                    "colorizer demo: public-domain people and landscapes");
            Map<String, EvalReport> reports = writer.runSets(colorizer, sets);
            reports.forEach((set, report) -> System.out.printf("%n%s (%d pictures)%n%s", set, report.images(),
                    report.table()));
            System.out.printf("%ncolorized %d pictures into %s%ngrid:   %s%nreport: %s%n", pictures, predicted,
                    writer.gridFile().toAbsolutePath(), writer.reportFile().toAbsolutePath());
        }
        return ExitCode.OK;
    }
}
