package dev.colorizer.cli;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.eval.ComparisonGrid;
import dev.colorizer.eval.EvalReport;
import dev.colorizer.eval.Evaluation;
import dev.colorizer.eval.HtmlReport;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.io.AtomicFiles;
import dev.colorizer.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Evaluates several sets of pictures apart, each beside the gray baseline: metrics.json maps each set's name to
     * its report, grid.png stacks the sets' grids in order (gridRows rows each) and report.html has a section each.
     *
     * @param sets       the pictures of each set, by name, in the order shown
     * @param evaluation how a set is scored: {@code new Evaluation(colorizer, gridRows)} colors them,
     *                   {@link Evaluation#ofOutputs} scores outputs made already (then predictedFile is null)
     */
    Map<String, EvalReport> runSets(Map<String, List<ImagePair>> sets, Evaluation evaluation) throws IOException {
        Map<String, EvalReport> reports = new LinkedHashMap<>();
        List<BufferedImage> grids = new ArrayList<>();
        List<HtmlReport.Section> sections = new ArrayList<>();
        for (Map.Entry<String, List<ImagePair>> set : sets.entrySet()) {
            List<Evaluation.Scored> shown = new ArrayList<>();
            Evaluation.Outcome outcome = evaluate(evaluation, set.getValue(), shown);
            reports.put(set.getKey(), outcome.report());
            grids.add(outcome.grid());
            sections.add(new HtmlReport.Section(set.getKey(), outcome.report(), shown));
        }
        Json.write(metricsFile(), reports);
        ComparisonGrid.writePng(ComparisonGrid.stack(grids), gridFile());
        AtomicFiles.writeString(reportFile(), HtmlReport.render(title, sections));
        return reports;
    }

    /** @param hints counts of simulated hints to score beside the automatic colors (see Evaluation.withHints) */
    EvalReport run(Colorizer colorizer, List<ImagePair> pairs, List<Integer> hints, long seed) throws IOException {
        List<Evaluation.Scored> shown = new ArrayList<>();
        Evaluation.Outcome outcome = evaluate(new Evaluation(colorizer, gridRows).withHints(hints, seed), pairs, shown);
        Json.write(metricsFile(), outcome.report());
        ComparisonGrid.writePng(outcome.grid(), gridFile());
        AtomicFiles.writeString(reportFile(), HtmlReport.render(title, outcome.report(), shown));
        return outcome.report();
    }

    // runs one evaluation with a progress bar, writing every colorized picture and keeping the first reportRows
    private Evaluation.Outcome evaluate(Evaluation evaluation, List<ImagePair> pairs, List<Evaluation.Scored> shown) {
        Evaluation.Outcome outcome;
        try (ProgressBar bar = Bars.images("evaluate", pairs.size())) {
            outcome = evaluation.run(pairs, picture -> {
                if (predictedFile != null) {
                    ImageFiles.writeImage(picture.predicted(), predictedFile.apply(picture.pair()), OutputFormat.PNG);
                }
                if (shown.size() < reportRows) {
                    shown.add(picture);
                }
            }, bar::stepTo);
        }
        outcome.report().problems().forEach(p -> System.err.println("warning: skipped " + p));
        return outcome;
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
