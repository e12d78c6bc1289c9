package dev.colorizer.cli;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.eval.ComparisonGrid;
import dev.colorizer.eval.EvalReport;
import dev.colorizer.eval.Evaluation;
import dev.colorizer.eval.HtmlReport;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.run.AtomicFiles;
import dev.colorizer.run.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;

/**
 * Runs an evaluation with a progress bar and writes what people look at: metrics.json, grid.png, report.html and
 * every colorized picture; shared by {@code evaluate} and {@code demo}.
 */
record EvaluationWriter(Path dir, String prefix, Function<ImagePair, Path> predictedFile, int gridRows,
                        int reportRows, String title) {

    EvalReport run(Colorizer colorizer, List<ImagePair> pairs) throws IOException {
        return run(colorizer, pairs, List.of(), 0);
    }

    /** @param hints counts of simulated hints to score beside the automatic colors (see Evaluation.withHints) */
    EvalReport run(Colorizer colorizer, List<ImagePair> pairs, List<Integer> hints, long seed) throws IOException {
        Evaluation evaluation = new Evaluation(colorizer, gridRows).withHints(hints, seed);
        Evaluation.Outcome outcome;
        List<Evaluation.Scored> shown = new ArrayList<>();
        try (ProgressBar bar = Bars.images("evaluate", pairs.size())) {
            outcome = evaluation.run(pairs, picture -> {
                ImageFiles.writeImage(picture.predicted(), predictedFile.apply(picture.pair()), OutputFormat.PNG);
                if (shown.size() < reportRows) {
                    shown.add(picture);
                }
            }, bar::stepTo);
        }
        outcome.report().problems().forEach(p -> System.err.println("warning: skipped " + p));
        Json.write(metricsFile(), outcome.report());
        ComparisonGrid.writePng(outcome.grid(), gridFile());
        AtomicFiles.writeString(reportFile(), HtmlReport.render(title, outcome.report(), shown));
        return outcome.report();
    }

    Path metricsFile() {
        return dir.resolve(prefix + "metrics.json");
    }

    Path gridFile() {
        return dir.resolve(prefix + "grid.png");
    }

    Path reportFile() {
        return dir.resolve(prefix + "report.html");
    }
}
