package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.data.ImagePair;
import dev.colorizer.eval.SaturationSweep;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.io.AtomicFiles;
import dev.colorizer.run.RunConfig;
import dev.colorizer.run.RunDir;
import dev.colorizer.train.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import org.knowm.xchart.BitmapEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure a trained model's saturation trade-off on held-out pictures (its validation split) "
                + "and save the chosen default in its config.json.",
                "Sweeps working sizes and, at each, a constant a/b gain and, for a model that predicts its "
                        + "uncertainty (unet-hints, unet-bins), confidence-dependent gains, and for unet-bins shares "
                        + "of its bins' colors mixed with its regression's; picks " + SaturationSweep.RULE
                        + ", and saves its working size with it. Writes "
                        + "RUN_DIR/calibration/saturation.csv and saturation.png."})
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run folder of a trained model.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Held-out pictures to calibrate on (default: the run's validation split). Never a test set.")
    Path data;

    @Option(names = "--gains", split = ",", defaultValue = "1,1.1,1.2,1.3,1.4,1.5,1.6,1.8,2",
            description = "Gains of a confident pixel to try. Default: ${DEFAULT-VALUE}.")
    float[] gains;

    @Option(names = "--scales", split = ",", defaultValue = "0.002,0.004,0.008,0.016,0.032,Infinity",
            description = "Variance scales to try, in (a/b / 128)^2 units; Infinity: a constant gain. "
                    + "Default: ${DEFAULT-VALUE}.")
    float[] scales;

    @Option(names = "--bins-shares", split = ",", defaultValue = "0.5,0.75,1",
            description = "For a model with color bins (unet-bins): shares of the bins' colors to try, mixed with the "
                    + "regression's (0: the regression alone, 1: the bins alone). Default: ${DEFAULT-VALUE}.")
    float[] shares;

    @Option(names = "--sizes", split = ",", paramLabel = "S",
            description = "Working sizes to try (each a multiple of the model's size multiple, from half to twice the "
                    + "size it was trained at). Default: every one from half the trained size up to it.")
    int[] sizes;

    @Option(names = "--dry-run", description = "Only measure: leave config.json as it is.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        RunDir run = RunDir.existing(model);
        try (Colorizer colorizer = Colorizer.load(model)) {
            RunConfig config = colorizer.config();
            List<ImagePair> pairs = data != null ? DataFolders.scan(data).pairs() : TrainingRun.validationPairs(config);
            int[] tried = sizes != null ? sizes : IntStream.iterate(colorizer.minSize(),
                    s -> s <= colorizer.trainedSize(), s -> s + colorizer.architecture().sizeMultiple()).toArray();
            SaturationSweep.Result result;
            try (ProgressBar bar = Bars.images("calibrate", pairs.size())) {
                result = SaturationSweep.run(colorizer, pairs, tried, gains, scales, shares,
                        bar::stepTo);
            }
            Path dir = run.calibrationDir();
            StringBuilder csv = new StringBuilder(SaturationSweep.Point.CSV_HEADER + "\n");
            csv.append(result.gray().csv()).append(" # gray input\n");
            result.points().forEach(p -> csv.append(p.csv()).append('\n'));
            AtomicFiles.writeString(dir.resolve("saturation.csv"), csv.toString());
            AtomicFiles.write(dir.resolve("saturation.png"), AtomicFiles.Durability.RENAMED, out -> BitmapEncoder.saveBitmap(
                    SaturationSweep.chart(result, colorizer.architecture().id() + ": saturation on "
                            + result.images() + " held-out pictures"), out, BitmapEncoder.BitmapFormat.PNG));
            SaturationSweep.Point c = result.chosen();
            System.out.printf(Locale.ROOT, "%d pictures; gray input: PSNR %.2f dB, SSIM %.4f; truth colorfulness %.1f%n",
                    result.images(), result.gray().psnr(), result.gray().ssim(), result.truthColorfulness());
            System.out.printf(Locale.ROOT, "chosen: working size %d, %sgain %.2f, %s: PSNR %.2f dB, SSIM %.4f, "
                            + "colorfulness %.1f (%.2f x truth)%n", c.workingSize(), colorizer.architecture().hasBins()
                            ? String.format(Locale.ROOT, "bins share %.2f, ", c.binsShare()) : "", c.maxGain(),
                    Float.isInfinite(c.varianceScale()) ? "constant"
                            : String.format(Locale.ROOT, "variance scale %.4f", c.varianceScale()), c.psnr(), c.ssim(),
                    c.colorfulness(), c.colorfulness() / result.truthColorfulness());
            float[] factors = {0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f, 1.5f, 2f};
            Colorizer chosen = SaturationSweep.policy(colorizer, c.maxGain(), c.varianceScale(), c.binsShare());
            SaturationSweep.Result knob;
            try (ProgressBar bar = Bars.images("--saturation curve", pairs.size())) {
                knob = SaturationSweep.userFactors(chosen, pairs, c.workingSize(), factors, bar::stepTo);
            }
            StringBuilder curve = new StringBuilder("saturation,psnr,ssim,colorfulness,colorfulness_vs_truth\n");
            System.out.println("--saturation F at the chosen policy (F = 0: gray):");
            for (int i = 0; i < factors.length; i++) {
                SaturationSweep.Point p = knob.points().get(i);
                String row = String.format(Locale.ROOT, "%.2f,%.4f,%.5f,%.3f,%.3f", factors[i], p.psnr(), p.ssim(),
                        p.colorfulness(), p.colorfulness() / result.truthColorfulness());
                curve.append(row).append('\n');
                System.out.println("  " + row);
            }
            AtomicFiles.writeString(dir.resolve("saturation-knob.csv"), curve.toString());
            if (!dryRun) {
                String on = result.images() + " held-out pictures (" + (data != null ? data : "the run's validation "
                        + "split") + "): " + SaturationSweep.RULE;
                RunConfig saved = run.readConfig();
                RunConfig tuned = (Float.isInfinite(c.varianceScale())
                        ? saved.withAbGain(c.maxGain()).withSaturation(null)
                        : saved.withSaturation(new RunConfig.SaturationTuning(c.maxGain(), c.varianceScale(), on)))
                        .withWorkingSize(new RunConfig.WorkingSizeTuning(c.workingSize(),
                                on + ", among the working sizes " + java.util.Arrays.toString(tried)))
                        .withBinsShare(colorizer.architecture().hasBins() ? c.binsShare() : null);
                run.writeConfig(tuned);
                System.out.println("saved in " + run.configFile());
            }
            System.out.printf("wrote %s, %s and %s%n", dir.resolve("saturation.csv"), dir.resolve("saturation.png"),
                    dir.resolve("saturation-knob.csv"));
        }
        return ExitCode.OK;
    }
}
