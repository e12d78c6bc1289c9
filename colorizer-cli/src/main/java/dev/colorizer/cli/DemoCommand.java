package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.ImagePair;
import dev.colorizer.eval.EvalReport;
import dev.colorizer.infer.Colorizer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Colorize the grayscale versions of the bundled public-domain landscapes with the pretrained "
                + "model, and show how close they come to the true colors.",
                "Writes OUT/predicted/NAME.png, OUT/demo-grid.png (gray | predicted | truth) and OUT/demo-report.html "
                        + "(self-contained, with the metrics beside the gray baseline)."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "output", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--model", paramLabel = "RUN_DIR",
            description = "Run folder of a trained model (default: the bundled pretrained model).")
    Path model;

    @Mixin
    ColorOptions color = new ColorOptions();

    @Override
    public Integer call() throws Exception {
        dev.colorizer.data.FolderPlan.refuseOutputInside(out, "--out", BundledSample.path(), "sample");
        List<ImagePair> pairs = ImageFolder.scan(BundledSample.path()).pairs();
        Path predicted = out.resolve("predicted");
        try (Colorizer loaded = Colorizer.load(model)) {
            Colorizer colorizer = color.apply(loaded);
            EvaluationWriter writer = new EvaluationWriter(out, "demo-",
                    pair -> predicted.resolve(EvaluateCommand.baseName(pair.name()) + ".png"), 8, pairs.size(),
                    "colorizer demo: public-domain landscapes");
            EvalReport report = writer.run(colorizer, pairs);
            System.out.print(report.table());
            System.out.printf("colorized %d pictures into %s%ngrid:   %s%nreport: %s%n", report.images(), predicted,
                    writer.gridFile().toAbsolutePath(), writer.reportFile().toAbsolutePath());
        }
        return ExitCode.OK;
    }
}
