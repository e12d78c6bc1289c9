package dev.colorizer.eval;

import java.util.List;

/**
 * What {@code evaluate} measured, always beside the "do nothing" baseline (the gray input returned as is).
 *
 * @param model architecture id
 * @param images pictures scored
 * @param methods mean scores per method: "gray baseline", "model" and, for RGB models, "model raw RGB"
 * @param truthColorfulness mean colorfulness of the true color pictures
 * @param perImage every picture's scores, per method
 * @param problems pictures skipped, one line each
 */
public record EvalReport(String model, int images, List<Scores> methods, double truthColorfulness,
                         List<ImageScores> perImage, List<String> problems) {

    /** Mean scores of one method. MSE on RGB in [0, 1]; PSNR in dB (8-bit RGB); SSIM; colorfulness. */
    public record Scores(String method, double mse, double psnr, double ssim, double colorfulness) {}

    /** The scores of one picture under one method. */
    public record ImageScores(String name, String method, double mse, double psnr, double ssim, double colorfulness) {}

    /** The mean scores of a method, by name. */
    public Scores method(String name) {
        return methods.stream().filter(s -> s.method().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + name + " in " + methods));
    }

    /** A plain-text table, one row per method, then the truth's colorfulness. */
    public String table() {
        StringBuilder t = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%-16s %10s %10s %8s %13s%n", "method", "MSE", "PSNR (dB)", "SSIM", "colorfulness"));
        for (Scores s : methods) {
            t.append(String.format(java.util.Locale.ROOT, "%-16s %10.5f %10.2f %8.4f %13.2f%n",
                    s.method(), s.mse(), s.psnr(), s.ssim(), s.colorfulness()));
        }
        t.append(String.format(java.util.Locale.ROOT, "%-16s %10s %10s %8s %13.2f%n", "truth", "", "", "",
                truthColorfulness));
        return t.toString();
    }
}
