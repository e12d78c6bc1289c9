package dev.colorizer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.data.ImagePair;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void eachPictureShowsTheModelsScoresAndTheGrayBaselinesAndHeadersSitOverTheirColumns() {
        BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        EvalReport.ImageScores model = new EvalReport.ImageScores("a.png", Evaluation.MODEL, 0.001, 31.25, 0.9, 20);
        EvalReport.ImageScores gray = new EvalReport.ImageScores("a.png", Evaluation.BASELINE, 0.002, 27.5, 0.8, 0);
        EvalReport report = new EvalReport("unet", 1,
                List.of(new EvalReport.Scores(Evaluation.BASELINE, 0.002, 27.5, 0.8, 0),
                        new EvalReport.Scores(Evaluation.MODEL, 0.001, 31.25, 0.9, 20)),
                25, List.of(gray, model), List.of());
        String html = HtmlReport.render("t", report, List.of(new Evaluation.Scored(
                new ImagePair("a.png", Path.of("a.png"), null), picture, picture, picture, model, gray)));
        assertThat(html).contains("gray baseline — PSNR 27.50 dB, SSIM 0.800").contains("PSNR 31.25 dB")
                .contains(".pics td,.pics th{text-align:center");
    }

    @Test
    void eachSetHasItsHeadingAndItsOwnTableBesideTheGrayBaseline() {
        EvalReport people = report(26.05, 27.0);
        EvalReport landscapes = report(24.70, 23.9);
        String html = HtmlReport.render("demo", List.of(new HtmlReport.Section("people", people, List.of()),
                new HtmlReport.Section("landscapes", landscapes, List.of())));
        assertThat(html.indexOf("<h2>people</h2>")).isLessThan(html.indexOf("<h2>landscapes</h2>")).isPositive();
        assertThat(html.indexOf("27.00")).isLessThan(html.indexOf("<h2>landscapes</h2>"));
        assertThat(html.indexOf("23.90")).isGreaterThan(html.indexOf("<h2>landscapes</h2>"));
        assertThat(html).endsWith("</body></html>\n");
        assertThat(html.split("<table class=\"pics\">", -1)).hasSize(3);
    }

    private static EvalReport report(double grayPsnr, double modelPsnr) {
        return new EvalReport("unet", 1, List.of(new EvalReport.Scores(Evaluation.BASELINE, 0.002, grayPsnr, 0.8, 0),
                new EvalReport.Scores(Evaluation.MODEL, 0.001, modelPsnr, 0.9, 20)), 25, List.of(), List.of());
    }
}
