package dev.colorizer.eval;

import dev.colorizer.UsageException;
import dev.colorizer.infer.Colorizer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One picture colorized at each working size and saturation asked for, side by side on one labelled sheet, so that
 * a user picks the settings before running a folder ({@code colorize preview}): a row per working size, a column
 * per saturation, each cell titled with both.
 */
public final class ContactSheet {
    /** The side of a cell, px: the colorized picture is scaled to fit it. */
    public static final int CELL = 256;

    private ContactSheet() {}

    /**
     * The working sizes shown when none are asked for: the model's smallest, its own and its largest (one of each
     * where they coincide).
     */
    public static List<Integer> defaultSizes(Colorizer colorizer) {
        return List.of(colorizer.minSize(), colorizer.size(), colorizer.maxSize()).stream().distinct().toList();
    }

    /**
     * The sheet of {@code picture} (TYPE_INT_RGB) colorized by {@code colorizer} at each of {@code sizes} (rows) and
     * {@code saturations} (columns).
     *
     * @throws UsageException for an empty list, a size the model does not take or a saturation out of range, before
     *                        any picture is colorized
     */
    public static BufferedImage of(Colorizer colorizer, BufferedImage picture, List<Integer> sizes,
                                   List<Float> saturations) {
        if (sizes.isEmpty() || saturations.isEmpty()) {
            throw new UsageException("a contact sheet needs at least one working size and one saturation");
        }
        sizes.forEach(colorizer::checkSize);
        List<Colorizer> saturated = saturations.stream().map(colorizer::withUserSaturation).toList();
        List<BufferedImage> rows = new ArrayList<>();
        for (int s : sizes) {
            // one forward pass a size: the saturation only scales the colors it predicts
            float[] output = colorizer.forward(colorizer.encode(picture, s), 1, colorizer.shapeOf(picture, s));
            List<String> titles = new ArrayList<>();
            List<BufferedImage> cells = new ArrayList<>();
            for (int k = 0; k < saturations.size(); k++) {
                titles.add(String.format(Locale.ROOT, "size %d, saturation %s", s, saturations.get(k)));
                cells.add(saturated.get(k).decode(picture, output, 0, s).colorized());
            }
            rows.add(ComparisonGrid.build(titles, List.of(cells), CELL));
        }
        return ComparisonGrid.stack(rows);
    }
}
