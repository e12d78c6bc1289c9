package dev.colorizer.eval;

import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImagePair;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.Saturation;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The saturation trade-off of a model on held-out pictures: PSNR, SSIM and colorfulness for every saturation policy
 * of a grid (a constant gain, and confidence-dependent gains of several variance scales) at each working size of a
 * list, and the (size, policy) chosen by {@link #RULE}; for a model with color bins a policy also has a share of the
 * bins' colors, mixed with the regression's ({@link Colorizer#binsShare}). Each picture goes through the model once per size; every
 * policy then re-runs only the post-processing ({@link Colorizer#finish}), the same path prediction takes.
 */
public final class SaturationSweep {
    /** The colorfulness the chosen policy must reach, as a fraction of the truth's. */
    public static final double COLORFULNESS_FLOOR = 0.8;
    /** How the default is chosen. */
    public static final String RULE = "the highest mean PSNR among the policies whose mean colorfulness is at least "
            + COLORFULNESS_FLOOR + " × the truth's (if none is, the most colorful within 0.3 dB of the best PSNR)";

    /**
     * One policy's scores.
     *
     * @param workingSize the working size S the pictures were seen at
     * @param maxGain the gain of a confident pixel
     * @param varianceScale the variance at which the gain halves; +∞ for a constant gain
     * @param binsShare the share of the color bins' colors (1 for a model without them)
     */
    public record Point(int workingSize, float maxGain, float varianceScale, float binsShare, double psnr, double ssim,
                        double colorfulness) {
        /** The CSV header of {@link #csv()}. */
        public static final String CSV_HEADER =
                "working_size,max_gain,variance_scale,psnr,ssim,colorfulness,bins_share";

        /** A CSV row: working_size,max_gain,variance_scale,psnr,ssim,colorfulness,bins_share. */
        public String csv() {
            return String.format(Locale.ROOT, "%d,%.3f,%s,%.4f,%.5f,%.3f,%.2f", workingSize, maxGain,
                    Float.isInfinite(varianceScale) ? "inf" : String.format(Locale.ROOT, "%.5f", varianceScale),
                    psnr, ssim, colorfulness, binsShare);
        }
    }

    /**
     * @param points every (size, policy) of the grid, sizes in the order given, each size's policies in grid order
     * @param gray the gray baseline's PSNR, SSIM and colorfulness (0)
     * @param truthColorfulness the truth's mean colorfulness
     * @param chosen the point {@link #RULE} picks
     * @param images pictures scored
     */
    public record Result(List<Point> points, Point gray, double truthColorfulness, Point chosen, int images) {}

    private SaturationSweep() {}

    /**
     * Scores every (size, share, gain, scale) of the grid; a scale of +∞ means a constant gain (the only kind a model
     * without an uncertainty head has).
     *
     * @param sizes working sizes, each checked by {@link Colorizer#checkSize}
     * @param shares shares of the color bins' colors to try (a model without bins tries 1 only)
     */
    public static Result run(Colorizer colorizer, List<ImagePair> pairs, int[] sizes, float[] gains, float[] scales,
                             float[] shares, IntConsumer progress) {
        for (int size : sizes) {
            colorizer.checkSize(size);
        }
        float[] tried = colorizer.architecture().hasBins() ? shares : new float[] {1};
        List<float[]> grid = new ArrayList<>(); // (gain, scale, share)
        for (float share : tried) {
            for (float scale : scales) {
                if (Float.isFinite(scale) && !colorizer.architecture().predictsUncertainty()) {
                    continue;
                }
                for (float gain : gains) {
                    grid.add(new float[] {gain, scale, share});
                }
            }
        }
        if (grid.isEmpty() || sizes.length == 0) {
            throw new dev.colorizer.UsageException(sizes.length == 0 || gains.length == 0 || tried.length == 0
                    ? Message.of("no working size, gain or bins share to try: give ", Setting.SIZES, ", ",
                            Setting.GAINS, " and ", Setting.BINS_SHARES, " a value each at least")
                    : Message.of("model " + colorizer.architecture().id() + " predicts no uncertainty, so only a "
                            + "constant gain applies: add Infinity to ", Setting.SCALES));
        }
        List<Colorizer> policies = grid.stream().map(g -> policy(colorizer, g[0], g[1], g[2])).toList();
        return score(colorizer, pairs, sizes, policies, grid, progress);
    }

    /**
     * {@code colorizer} under one point of the grid: a constant a/b gain when {@code varianceScale} is infinite,
     * else the confidence-dependent gain(v) = maxGain · scale / (scale + exp(v)); for a model with color bins, that
     * share of their colors (1 for others).
     */
    public static Colorizer policy(Colorizer colorizer, float maxGain, float varianceScale, float binsShare) {
        Colorizer shared = colorizer.withBinsShare(binsShare);
        return shared.withPolicy(new Saturation(maxGain, varianceScale)); // an infinite scale: a constant gain
    }

    /**
     * The user's knob at one policy: scores {@code policy} at each {@code --saturation} factor (0 gray, 1 the
     * policy, up to {@link dev.colorizer.infer.Saturation#MAX_USER_FACTOR}) at working size s; each point's maxGain
     * is the factor times the policy's (the gain a confident pixel gets).
     */
    public static Result userFactors(Colorizer policy, List<ImagePair> pairs, int s, float[] factors,
                                     IntConsumer progress) {
        policy.checkSize(s);
        float scale = policy.policy().varianceScale();
        float gain = policy.policy().maxGain();
        List<float[]> grid = new ArrayList<>();
        List<Colorizer> policies = new ArrayList<>();
        for (float factor : factors) {
            grid.add(new float[] {factor * gain, scale, policy.binsShare()});
            policies.add(policy.with(policy.settings().toBuilder().optSaturation(factor).build()));
        }
        return score(policy, pairs, new int[] {s}, policies, grid, progress);
    }

    // each picture through the model once per size, then through every policy's post-processing
    private static Result score(Colorizer colorizer, List<ImagePair> pairs, int[] sizes, List<Colorizer> policies,
                                List<float[]> grid, IntConsumer progress) {
        double[][] sums = new double[sizes.length * grid.size()][3]; // [size index * grid + policy] = PSNR, SSIM, CF
        double[] graySums = new double[2];
        double truthColorfulness = 0;
        int n = 0;
        int scored = 0;
        for (ImagePair pair : pairs) {
            BufferedImage truth;
            BufferedImage gray;
            try {
                truth = ImageFiles.readColorTruth(pair.color());
                gray = Evaluation.grayInput(pair, truth);
            } catch (ColorizerException e) {
                progress.accept(++n);
                continue; // a bad file is reported by evaluate; here it is only left out
            }
            for (int j = 0; j < sizes.length; j++) {
                Colorizer sized = colorizer.with(colorizer.settings().toBuilder().optWorkingSize(sizes[j]).build());
                Colorizer.Prepared prepared = sized.prepare(gray);
                float[] outputs = sized.forward(List.of(prepared)).get(0);
                for (int k = 0; k < grid.size(); k++) {
                    BufferedImage out = policies.get(k).finish(prepared, outputs).colorized();
                    double[] sum = sums[j * grid.size() + k];
                    sum[0] += ImageMetrics.psnr(out, truth);
                    sum[1] += ImageMetrics.ssim(out, truth);
                    sum[2] += ImageMetrics.colorfulness(out);
                }
            }
            BufferedImage baseline = colorizer.grayBaseline(colorizer.prepare(gray)).colorized(); // the same finish
            graySums[0] += ImageMetrics.psnr(baseline, truth);
            graySums[1] += ImageMetrics.ssim(baseline, truth);
            truthColorfulness += ImageMetrics.colorfulness(truth);
            scored++;
            progress.accept(++n);
        }
        if (scored == 0) {
            throw new ColorizerException("no picture could be read for the saturation sweep");
        }
        List<Point> points = new ArrayList<>();
        for (int j = 0; j < sizes.length; j++) {
            for (int k = 0; k < grid.size(); k++) {
                double[] sum = sums[j * grid.size() + k];
                points.add(new Point(sizes[j], grid.get(k)[0], grid.get(k)[1], grid.get(k)[2], sum[0] / scored,
                        sum[1] / scored, sum[2] / scored));
            }
        }
        double truth = truthColorfulness / scored;
        return new Result(points, new Point(0, 0, Float.POSITIVE_INFINITY, 0, graySums[0] / scored,
                graySums[1] / scored, 0), truth, choose(points, truth), scored);
    }

    /** The policy {@link #RULE} picks among {@code points}. */
    public static Point choose(List<Point> points, double truthColorfulness) {
        List<Point> colorful = points.stream()
                .filter(p -> p.colorfulness() >= COLORFULNESS_FLOOR * truthColorfulness).toList();
        if (!colorful.isEmpty()) {
            return colorful.stream().max(Comparator.comparingDouble(Point::psnr)).orElseThrow();
        }
        double best = points.stream().mapToDouble(Point::psnr).max().orElseThrow();
        return points.stream().filter(p -> p.psnr() >= best - 0.3)
                .max(Comparator.comparingDouble(Point::colorfulness)).orElseThrow();
    }

    /**
     * PSNR against colorfulness: at the chosen working size and bins share one series per variance scale; at each
     * other size, and at each other share, one series at the chosen scale; the gray baseline and the chosen point
     * marked.
     */
    public static XYChart chart(Result result, String title) {
        XYChart chart = new XYChartBuilder().width(720).height(480).title(title)
                .xAxisTitle("mean colorfulness (truth " + String.format(Locale.ROOT, "%.1f", result.truthColorfulness())
                        + ")").yAxisTitle("mean PSNR (dB)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        Point chosen = result.chosen();
        List<Integer> sizes = result.points().stream().map(Point::workingSize).distinct().toList();
        List<Float> scales = result.points().stream().map(Point::varianceScale).distinct().toList();
        List<Float> shares = result.points().stream().map(Point::binsShare).distinct().toList();
        for (int size : sizes) {
            for (float share : shares) {
                for (float scale : scales) {
                    int differences = (size != chosen.workingSize() ? 1 : 0) + (share != chosen.binsShare() ? 1 : 0);
                    if (differences > 1 || differences == 1 && scale != chosen.varianceScale()) {
                        continue;
                    }
                    List<Point> series = result.points().stream().filter(p -> p.workingSize() == size
                            && p.binsShare() == share && p.varianceScale() == scale).toList();
                    String name = (sizes.size() > 1 ? "S " + size + ", " : "")
                            + (shares.size() > 1 ? String.format(Locale.ROOT, "bins %.2f, ", share) : "")
                            + (Float.isInfinite(scale) ? "constant gain"
                            : String.format(Locale.ROOT, "v0 = %.4f", scale));
                    chart.addSeries(name, series.stream().mapToDouble(Point::colorfulness).toArray(),
                            series.stream().mapToDouble(Point::psnr).toArray()).setMarker(SeriesMarkers.CIRCLE);
                }
            }
        }
        chart.addSeries("gray input", new double[] {0}, new double[] {result.gray().psnr()})
                .setMarker(SeriesMarkers.SQUARE);
        chart.addSeries("chosen", new double[] {result.chosen().colorfulness()}, new double[] {result.chosen().psnr()})
                .setMarker(SeriesMarkers.DIAMOND);
        return chart;
    }
}
