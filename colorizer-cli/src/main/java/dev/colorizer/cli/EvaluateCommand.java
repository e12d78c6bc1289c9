package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.InputNames;
import dev.colorizer.eval.EvalReport;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.run.RunConfig;
import dev.colorizer.train.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a trained model on image pairs beside the gray baseline (the input returned as is): "
                + "MSE, PSNR, SSIM, colorfulness.",
                "Writes metrics.json, grid.png (gray | predicted | target), report.html (self-contained) and "
                        + "predicted/NAME.EXT.png (a PNG's as NAME.png; pairs in folders in those folders)."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--data", paramLabel = "DIR",
            description = "Pairs to score (default: the run's own validation split).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write results (default: RUN_DIR/evaluation).")
    Path out;

    @Option(names = "--ab-gain", paramLabel = "F",
            description = "Factor on the predicted a/b (default: the model's own, e.g. 1.1 for unet): more color, "
                    + "less PSNR.")
    Float abGain;

    @Mixin
    ColorOptions color = new ColorOptions();

    @Mixin
    WorkingSizeOption workingSize = new WorkingSizeOption();

    @Option(names = "--grid-rows", defaultValue = "8", description = "Pictures in grid.png. Default: ${DEFAULT-VALUE}.")
    int gridRows;

    @Option(names = "--report-rows", defaultValue = "60",
            description = "Pictures in report.html. Default: ${DEFAULT-VALUE}.")
    int reportRows;

    @Option(names = "--hints", split = ",", paramLabel = "N[,N...]",
            description = "Also score the model given N color hints per picture, simulated from the truth (random "
                    + "points, the true color around each; the first N of a picture are the same for every count), "
                    + "e.g. --hints 1,2,5,10: what each click is worth. Needs a model that takes hints.")
    List<Integer> hints = List.of();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated hints' points. "
            + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (gridRows < 1 || reportRows < 0) {
            throw new UsageException("--grid-rows " + gridRows + " --report-rows " + reportRows + ": the grid needs 1 "
                    + "picture or more, the report 0 or more");
        }
        if (data != null && out != null) {
            dev.colorizer.data.FolderPlan.refuseOutputInside(out, Setting.OUT, data, Setting.DATA);
        }
        try (Colorizer loaded = model.load()) {
            Colorizer colorizer = workingSize.applyTo(color.apply(abGain != null ? loaded.withPolicy(
                    dev.colorizer.infer.Saturation.constant(abGain)) : loaded));
            List<ImagePair> pairs = pairs(colorizer.config());
            Path dir = out != null ? out : model.path() != null ? model.path().resolve("evaluation") : Path.of("output/evaluation");
            Path predicted = dir.resolve("predicted");
            EvaluationWriter writer = new EvaluationWriter(dir, "",
                    pair -> predictedFile(predicted, pair), gridRows, reportRows,
                    "colorizer evaluation: " + colorizer.architecture().id());
            EvalReport report = writer.run(colorizer, pairs, hints, seed);
            System.out.printf("model %s on %d pictures (%s)%n", colorizer.architecture().id(), report.images(),
                    data != null ? data : "the run's validation split");
            System.out.print(report.table());
            System.out.printf("wrote %s, %s, %s and %s%n", writer.metricsFile(), writer.gridFile(),
                    writer.reportFile(), predicted);
            return report.problems().isEmpty() ? ExitCode.OK : ExitCode.SOME_FAILED;
        }
    }

    private List<ImagePair> pairs(RunConfig config) {
        if (data != null) {
            return DataFolders.scan(data).pairs();
        }
        if (model.path() == null) {
            throw new UsageException("the bundled model has no validation split here: pass --data DIR");
        }
        if (config.validationNames().isEmpty()) {
            throw new UsageException(model.path(), "the run has no validation split: pass --data DIR");
        }
        return TrainingRun.validationPairs(config);
    }

    /**
     * Where a pair's colorization goes in {@code predicted}: named as {@code colorize predict} names outputs ({@link
     * InputNames#outputName}), after the pair's relative name: "sub/a.jpg" -> "sub/a.jpg.png", "a.png" -> "a.png".
     */
    static Path predictedFile(Path predicted, dev.colorizer.data.ImagePair pair) {
        return predicted.resolve(InputNames.outputName(pair.name(), dev.colorizer.data.OutputFormat.PNG));
    }
}
