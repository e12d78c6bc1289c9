package dev.colorizer.eval;

import dev.colorizer.UsageException;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.Saturation;
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
        saturations.forEach(Saturation::checkUserFactor);
        List<BufferedImage> rows = new ArrayList<>();
        for (int s : sizes) {
            Colorizer sized = colorizer.with(colorizer.settings().toBuilder().optWorkingSize(s).build());
            // one forward pass a size: the saturation only scales the colors it predicts
            Colorizer.Prepared prepared = sized.prepare(picture);
            float[] output = sized.forward(List.of(prepared)).get(0);
            List<String> titles = new ArrayList<>();
            List<BufferedImage> cells = new ArrayList<>();
            for (float saturation : saturations) {
                titles.add(String.format(Locale.ROOT, "size %d, saturation %s", s, saturation));
                cells.add(sized.with(sized.settings().toBuilder().optSaturation(saturation).build())
                        .finish(prepared, output).colorized());
            }
            rows.add(ComparisonGrid.build(titles, List.of(cells), CELL));
        }
        return ComparisonGrid.stack(rows);
    }
}
