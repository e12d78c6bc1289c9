package dev.colorizer.eval;

import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.color.Luma;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImagePair;
import dev.colorizer.data.Resize;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.model.Encoding;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Scores a model on pairs of gray input and true color picture, at the pictures' own size, beside the gray baseline.
 * The input is the pair's gray file, or the color picture's luma when there is none.
 */
public final class Evaluation {
    public static final String BASELINE = "gray baseline";
    public static final String MODEL = "model";
    public static final String RAW_RGB = "model raw RGB";
    private static final int BATCH = 16;

    private final Colorizer colorizer;
    private final int gridRows;
    private final List<Integer> hintCounts; // > 0, ascending: each adds a method "model + N hints"
    private final long hintSeed;
    private final Function<ImagePair, BufferedImage> made; // the model's colors already written, or null

    /** @param gridRows how many pictures the comparison grid shows */
    public Evaluation(Colorizer colorizer, int gridRows) {
        this(colorizer, gridRows, List.of(), 0, null);
    }

    private Evaluation(Colorizer colorizer, int gridRows, List<Integer> hintCounts, long hintSeed,
                       Function<ImagePair, BufferedImage> made) {
        this.colorizer = colorizer;
        this.gridRows = gridRows;
        this.hintCounts = hintCounts;
        this.hintSeed = hintSeed;
        this.made = made;
    }

    /**
     * Scores the colors {@code colorizer} already made of each pair, as {@code made} reads them (the outputs of a
     * folder job, {@code colorize demo}'s), instead of coloring the pictures again; a pair whose output cannot be
     * read is a problem of the report, as an unreadable truth is.
     */
    public static Evaluation ofOutputs(Colorizer colorizer, int gridRows, Function<ImagePair, BufferedImage> made) {
        return new Evaluation(colorizer, gridRows, List.of(), 0, made);
    }

    /**
     * This evaluation also scoring the model given {@link SimulatedHints} from the truth: one method per count
     * ({@link #hintsMethod}), beside the automatic colors (0 hints) and the gray baseline.
     *
     * @param counts hints per picture, e.g. [1, 2, 5, 10, 20]; 0 is the automatic method, always there
     * @throws UsageException if a count is negative, or the model takes no hints
     */
    public Evaluation withHints(List<Integer> counts, long seed) {
        if (counts.stream().anyMatch(c -> c < 0)) {
            throw new UsageException(Message.of(Setting.HINTS, " " + counts + ": give counts of hints >= 0, e.g. "
                    + "1,2,5,10"));
        }
        List<Integer> positive = counts.stream().filter(c -> c > 0).distinct().sorted().toList();
        if (!positive.isEmpty() && !colorizer.takesHints()) {
            throw new UsageException(Message.of("model " + colorizer.architecture().id() + " takes no color hints: "
                    + "evaluate the bundled model or a run trained with ", Setting.ARCH, " unet-hints or unet-bins, "
                    + "or drop ", Setting.HINTS));
        }
        if (made != null && !positive.isEmpty()) {
            throw new IllegalStateException("outputs made already carry no simulated hints");
        }
        return new Evaluation(colorizer, gridRows, positive, seed, made);
    }

    /** The method name of the model given n simulated hints per picture. */
    public static String hintsMethod(int n) {
        return MODEL + " + " + n + (n == 1 ? " hint" : " hints");
    }

    /** Receives each scored picture, e.g. to save it or to put it in a report. */
    @FunctionalInterface
    public interface PredictionSink {
        void accept(Scored picture);
    }

    /**
     * One scored picture: its gray input, the model's colorization, the truth, the model's scores and the gray
     * baseline's.
     */
    public record Scored(ImagePair pair, BufferedImage gray, BufferedImage predicted, BufferedImage truth,
                         EvalReport.ImageScores scores, EvalReport.ImageScores baseline) {}

    /** The report and the comparison grid (gray | predicted [| raw RGB] | target). */
    public record Outcome(EvalReport report, BufferedImage grid) {}

    public Outcome run(List<ImagePair> pairs, PredictionSink sink, IntConsumer progress) {
        boolean raw = made == null && colorizer.architecture().encoding() == Encoding.RGB;
        List<String> methods = new ArrayList<>(raw ? List.of(BASELINE, MODEL, RAW_RGB) : List.of(BASELINE, MODEL));
        hintCounts.forEach(n -> methods.add(hintsMethod(n)));
        List<EvalReport.ImageScores> scores = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<List<BufferedImage>> gridCells = new ArrayList<>();
        double truthColorfulness = 0;
        int done = 0;
        for (int from = 0; from < pairs.size(); from += BATCH) {
            List<ImagePair> batch = pairs.subList(from, Math.min(pairs.size(), from + BATCH));
            List<ImagePair> ok = new ArrayList<>();
            List<BufferedImage> truths = new ArrayList<>();
            List<BufferedImage> grays = new ArrayList<>();
            List<BufferedImage> madeBefore = new ArrayList<>();
            for (ImagePair pair : batch) {
                try {
                    BufferedImage truth = ImageFiles.readColorTruth(pair.color());
                    BufferedImage gray = grayInput(pair, truth);
                    if (made != null) {
                        madeBefore.add(made.apply(pair));
                    }
                    grays.add(gray);
                    truths.add(truth);
                    ok.add(pair);
                } catch (ColorizerException e) {
                    problems.add(e.getMessage());
                }
            }
            List<Colorizer.Prepared> prepared = grays.stream().map(colorizer::prepare).toList();
            List<Colorizer.Result> results = made != null ? madeBefore.stream()
                    .map(p -> new Colorizer.Result(p, null)).toList() : colorizer.colorize(prepared);
            Map<Integer, List<Colorizer.Result>> hinted = new LinkedHashMap<>();
            Map<Integer, List<List<ColorHint>>> hintsByCount = new LinkedHashMap<>();
            for (int n : ok.isEmpty() ? List.<Integer>of() : hintCounts) {
                List<List<ColorHint>> hints = new ArrayList<>();
                for (int i = 0; i < ok.size(); i++) {
                    hints.add(SimulatedHints.draw(truths.get(i), ok.get(i).name(), n, hintSeed));
                }
                hintsByCount.put(n, hints);
                hinted.put(n, colorizer.colorize(IntStream.range(0, ok.size())
                        .mapToObj(i -> colorizer.withHints(prepared.get(i), hints.get(i))).toList()));
            }
            for (int i = 0; i < ok.size(); i++) {
                BufferedImage truth = truths.get(i);
                Map<String, BufferedImage> outputs = new LinkedHashMap<>();
                outputs.put(BASELINE, colorizer.grayBaseline(prepared.get(i)).colorized()); // the same finish
                outputs.put(MODEL, results.get(i).colorized());
                if (raw) {
                    outputs.put(RAW_RGB, results.get(i).rawRgb());
                }
                for (var e : hinted.entrySet()) {
                    outputs.put(hintsMethod(e.getKey()), e.getValue().get(i).colorized());
                }
                EvalReport.ImageScores modelScores = null;
                EvalReport.ImageScores baselineScores = null;
                for (var e : outputs.entrySet()) {
                    BufferedImage img = e.getValue();
                    EvalReport.ImageScores s = new EvalReport.ImageScores(ok.get(i).name(), e.getKey(),
                            ImageMetrics.mse(img, truth), ImageMetrics.psnr(img, truth), ImageMetrics.ssim(img, truth),
                            ImageMetrics.colorfulness(img));
                    scores.add(s);
                    if (e.getKey().equals(MODEL)) {
                        modelScores = s;
                    } else if (e.getKey().equals(BASELINE)) {
                        baselineScores = s;
                    }
                }
                truthColorfulness += ImageMetrics.colorfulness(truth);
                if (gridCells.size() < gridRows) {
                    List<BufferedImage> row = new ArrayList<>(outputs.values());
                    int first = row.size() - hinted.size(); // the hinted columns, marked where the hints are
                    int k = 0;
                    for (List<List<ColorHint>> hints : hintsByCount.values()) {
                        row.set(first + k, ComparisonGrid.markHints(row.get(first + k), hints.get(i)));
                        k++;
                    }
                    row.add(truth);
                    gridCells.add(row);
                }
                if (sink != null) {
                    sink.accept(new Scored(ok.get(i), grays.get(i), results.get(i).colorized(), truth, modelScores,
                            baselineScores));
                }
            }
            done += batch.size();
            progress.accept(done);
        }
        int n = scores.isEmpty() ? 0 : (int) scores.stream().filter(s -> s.method().equals(MODEL)).count();
        if (n == 0) {
            throw new ColorizerException("no picture could be evaluated: " + String.join("; ", problems));
        }
        List<EvalReport.Scores> means = new ArrayList<>();
        for (String method : methods) {
            List<EvalReport.ImageScores> of = scores.stream().filter(s -> s.method().equals(method)).toList();
            means.add(new EvalReport.Scores(method,
                    of.stream().mapToDouble(EvalReport.ImageScores::mse).average().orElse(Double.NaN),
                    of.stream().mapToDouble(EvalReport.ImageScores::psnr).average().orElse(Double.NaN),
                    of.stream().mapToDouble(EvalReport.ImageScores::ssim).average().orElse(Double.NaN),
                    of.stream().mapToDouble(EvalReport.ImageScores::colorfulness).average().orElse(Double.NaN)));
        }
        List<String> titles = new ArrayList<>(List.of("gray input", "predicted"));
        if (raw) {
            titles.add("raw RGB output");
        }
        hintCounts.forEach(c -> titles.add(c + (c == 1 ? " hint" : " hints")));
        titles.add("target");
        BufferedImage grid = ComparisonGrid.build(titles, gridCells, 150);
        EvalReport report = new EvalReport(colorizer.architecture().id(), n, means, truthColorfulness / n, scores, problems);
        return new Outcome(report, grid);
    }

    /** The pair's gray file at the truth's size, or the truth's luma (as OpenCV made the Kaggle gray files). */
    static BufferedImage grayInput(ImagePair pair, BufferedImage truth) {
        int w = truth.getWidth();
        int h = truth.getHeight();
        if (pair.gray() != null) {
            BufferedImage gray = ImageFiles.readRgb(pair.gray());
            return gray.getWidth() == w && gray.getHeight() == h ? gray : Resize.resize(gray, w, h);
        }
        return lumaPicture(truth);
    }

    /** The gray picture a color one becomes: its 8-bit luma ({@link Luma}) in R, G and B, TYPE_INT_RGB. */
    public static BufferedImage lumaPicture(BufferedImage color) {
        int w = color.getWidth();
        int h = color.getHeight();
        int[] px = dev.colorizer.color.Lab.packedRgb(color);
        for (int i = 0; i < px.length; i++) {
            int y = Luma.of(px[i]);
            px[i] = y << 16 | y << 8 | y;
        }
        BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        gray.setRGB(0, 0, w, h, px, 0, w);
        return gray;
    }
}
