package dev.colorizer.train;

import dev.colorizer.io.AtomicFiles;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.run.RunDir;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Redraws RUN_DIR/loss.png, training and validation MSE per epoch (the original's grafikLoss.png). */
public final class LossPlotListener implements TrainListener {
    private final RunDir run;
    private final String title;

    public LossPlotListener(RunDir run, String title) {
        this.run = run;
        this.title = title;
    }

    @Override
    public void onEpochEnd(EpochEnd end) throws IOException {
        XYChart chart = chart(title, end.history());
        AtomicFiles.write(run.lossPlotFile(), AtomicFiles.Durability.RENAMED, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** The loss chart of a history: epochs on x, MSE on y, one series for training and one for validation. */
    public static XYChart chart(String title, List<EpochMetrics> history) {
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title)
                .xAxisTitle("epoch").yAxisTitle("MSE").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
        chart.addSeries("training", epochs, history.stream().mapToDouble(EpochMetrics::trainMse).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        if (history.stream().noneMatch(m -> Double.isNaN(m.valMse()))) {
            chart.addSeries("validation", epochs, history.stream().mapToDouble(EpochMetrics::valMse).toArray())
                    .setMarker(SeriesMarkers.DIAMOND);
        }
        return chart;
    }
}
