package dev.colorizer.eval;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A self-contained HTML page of an evaluation: the metrics table beside the gray baseline, then one row per
 * picture (gray | predicted | truth) with the model's scores and, under the gray input, the baseline's. Pictures are embedded as data URIs, so the file can be mailed
 * or opened offline on its own.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /**
     * One set of pictures in a report: its heading (null: none, for a report of one set), scores and shown rows.
     */
    public record Section(String heading, EvalReport report, List<Evaluation.Scored> rows) {}

    public static String render(String title, EvalReport report, List<Evaluation.Scored> rows) {
        return render(title, List.of(new Section(null, report, rows)));
    }

    /** A report of several sets, each with its own table beside the gray baseline, then its pictures. */
    public static String render(String title, List<Section> sections) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:.3em .8em;text-align:right}")
                .append("th{border-bottom:1px solid #999}td:first-child,th:first-child{text-align:left}")
                .append(".pics td,.pics th{text-align:center;vertical-align:top}.pics img{max-width:260px;display:block;margin:auto}")
                .append(".pics small{color:#555}\n</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        for (Section section : sections) {
            if (section.heading() != null) {
                h.append("<h2>").append(escape(section.heading())).append("</h2>\n");
            }
            appendSection(h, section.report(), section.rows());
        }
        return h.append("</body></html>\n").toString();
    }

    private static void appendSection(StringBuilder h, EvalReport report, List<Evaluation.Scored> rows) {
        h.append("<p>").append(report.images()).append(" pictures, model <code>").append(escape(report.model()))
                .append("</code>. The gray baseline returns the input unchanged: a model is only useful above it.</p>\n")
                .append("<table><tr><th>method</th><th>MSE</th><th>PSNR (dB)</th><th>SSIM</th><th>colorfulness</th></tr>\n");
        for (EvalReport.Scores s : report.methods()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.5f</td><td>%.2f</td><td>%.4f</td><td>%.2f</td></tr>%n",
                    escape(s.method()), s.mse(), s.psnr(), s.ssim(), s.colorfulness()));
        }
        h.append(String.format(Locale.ROOT, "<tr><td>truth</td><td></td><td></td><td></td><td>%.2f</td></tr>%n",
                report.truthColorfulness()));
        h.append("</table>\n<table class=\"pics\"><tr><th>gray input</th><th>predicted</th><th>truth</th></tr>\n");
        for (Evaluation.Scored r : rows) {
            String name = r.pair().name();
            h.append("<tr><td>").append(img(r.gray(), name + " gray"))
                    .append(String.format(Locale.ROOT, "<small>gray baseline — PSNR %.2f dB, SSIM %.3f</small>",
                            r.baseline().psnr(), r.baseline().ssim()))
                    .append("</td><td>")
                    .append(img(r.predicted(), name + " predicted"))
                    .append(String.format(Locale.ROOT, "<small>%s — PSNR %.2f dB, SSIM %.3f, colorfulness %.1f</small>",
                            escape(name), r.scores().psnr(), r.scores().ssim(), r.scores().colorfulness()))
                    .append("</td><td>").append(img(r.truth(), name + " truth")).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String img(BufferedImage image, String alt) {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream(); // JPEG keeps a report of hundreds of pictures small
        try {
            ImageIO.write(image, "jpg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "<img alt=\"" + escape(alt) + "\" src=\"data:image/jpeg;base64,"
                + Base64.getEncoder().encodeToString(jpeg.toByteArray()) + "\">";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
