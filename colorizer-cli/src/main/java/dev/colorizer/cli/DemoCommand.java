package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.Setting;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageFolder;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.eval.EvalReport;
import dev.colorizer.eval.Evaluation;
import dev.colorizer.eval.GrayInputs;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.job.FolderJob;
import dev.colorizer.job.LocalLedger;
import dev.colorizer.job.OutputRecipe;
import dev.colorizer.run.OutputManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
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
    /** Pictures a forward pass. */
    private static final int BATCH = 16;

    @Option(names = "--out", defaultValue = "output", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    ModelOption model = new ModelOption();

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
        List<ImagePair> all = sets.values().stream().flatMap(List::stream).toList();
        int done;
        int[] made = {0}; // colorized so far, counted by the batches' callback
        int failed;
        try (OutputManifest manifest = OutputManifest.open(predicted); Colorizer loaded = model.load()) {
            manifest.removeStaleTemps();
            Colorizer colorizer = workingSize.applyTo(color.apply(loaded));
            // the gray versions through predict's folder job: named by predict's rule, written atomically with the
            // record of what made them, kept in the ledger; a run again redoes only what is missing or changed
            LocalLedger ledger = new LocalLedger(manifest, "colorize demo");
            FolderJob<Path> job = FolderJob.<Path>builder().setStore(new GrayInputs(all)).setRecipe(new OutputRecipe(
                    colorizer, OutputFormat.PNG, OutputFormat.DEFAULT_JPEG_QUALITY)).optLedger(ledger).build();
            List<FolderJob.Item<Path>> items = all.stream()
                    .map(pair -> new FolderJob.Item<>(pair.color(), predictedFile(predicted, pair))).toList();
            LocalLedger.Plan needs = ledger.plan(job, items, false);
            needs.refused().forEach(e -> System.err.println("error: " + Flags.message(e) + " (skipped)"));
            done = needs.done();
            try (ProgressBar bar = Bars.images("demo", needs.todo().size())) {
                List<List<FolderJob.Item<Path>>> batches = new ArrayList<>();
                for (int from = 0; from < needs.todo().size(); from += BATCH) {
                    batches.add(needs.todo().subList(from, Math.min(needs.todo().size(), from + BATCH)));
                }
                job.runAll(batches, outcomes -> {
                    made[0] += PredictCommand.report(outcomes);
                    ledger.force();
                    bar.stepBy(outcomes.size());
                });
            }
            failed = needs.refused().size() + needs.todo().size() - made[0];
            // then scored, each set beside the gray baseline, from the files written
            EvaluationWriter writer = new EvaluationWriter(out, "demo-", null, GRID_ROWS, pictures,
                    "colorizer demo: public-domain people and landscapes");
            Map<String, EvalReport> reports = writer.runSets(sets, Evaluation.ofOutputs(colorizer, GRID_ROWS,
                    pair -> ImageFiles.readRgb(predictedFile(predicted, pair))));
            reports.forEach((set, report) -> System.out.printf("%n%s (%d pictures)%n%s", set, report.images(),
                    report.table()));
            System.out.printf("%ncolorized %d of %d pictures into %s%s%s%ngrid:   %s%nreport: %s%n", made[0], pictures,
                    predicted, done > 0 ? "; " + done + " already done (same input and settings)" : "",
                    failed > 0 ? "; " + failed + " failed (see above)" : "", writer.gridFile().toAbsolutePath(),
                    writer.reportFile().toAbsolutePath());
        }
        return failed > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
    }

    // where a demo picture's colors go: named by predict's rule
    private static Path predictedFile(Path predicted, ImagePair pair) {
        return EvaluateCommand.predictedFile(predicted, pair);
    }
}
