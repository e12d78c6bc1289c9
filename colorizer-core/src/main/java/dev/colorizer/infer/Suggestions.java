package dev.colorizer.infer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.io.Json;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a user's click would help most: N points that share the picture, each standing for a disk of about 1/N of it
 * at the model's working size, chosen greedily where the model's predicted a/b variance summed over the disk is
 * largest, that doubt then counted as resolved; each point carries the color the model shows there now, ready to be
 * edited. On held-out pictures the true colors at these points gain more than at random points (docs/RESULTS.md). Written in the one hint
 * format ({@link HintFile}), so a suggestions file passed back with {@code --hints} gives the picture as it is, and
 * one edited gives the user's colors.
 */
public final class Suggestions {
    /** The most points asked for at once. */
    public static final int MAX_COUNT = 64;

    private Suggestions() {}

    /**
     * One suggested point.
     *
     * @param x           column in input pixels (the centre of a working-size pixel)
     * @param y           row in input pixels
     * @param rgb         the color the model shows there now, 0xRRGGBB
     * @param uncertainty the model's predicted a/b variance summed over the point's disk, less what earlier points
     *                    resolved (normalised a/b units², at the working size): larger is more worth a click
     */
    public record Point(double x, double y, int rgb, double uncertainty) {}

    /**
     * The count points of a picture where hints would change most, most uncertain first.
     *
     * @throws UsageException if the model does not predict how sure it is, or count is out of range
     */
    public static List<Point> suggest(Colorizer colorizer, BufferedImage image, int count) {
        check(colorizer, count);
        Colorizer.Prepared prepared = colorizer.prepare(image);
        return fromOutputs(colorizer, prepared, count, colorizer.forward(List.of(prepared)).get(0));
    }

    /**
     * {@link #suggest} from the model's outputs (C_out, sh, sw) for the picture prepared without hints, for a caller
     * that runs the forward pass itself (the server's batcher); check {@link #check} first.
     */
    public static List<Point> fromOutputs(Colorizer colorizer, Colorizer.Prepared prepared, int count,
                                         float[] outputs) {
        BufferedImage image = prepared.image();
        WorkingShape shape = prepared.shape();
        int sw = shape.width();
        int sh = shape.height();
        int pixels = shape.pixels();
        int logVariance = colorizer.architecture().logVarianceChannel() * pixels; // (1, sh, sw) from here
        float[] variance = new float[pixels];
        for (int k = 0; k < pixels; k++) {
            variance[k] = (float) Math.exp(outputs[logVariance + k]);
        }
        // N points share the picture: each stands for a disk of about 1/N of it, and a hint is worth what the model
        // is unsure of in its disk; the disk with the most doubt is taken, its doubt removed, and so on
        int reach = (int) Math.max(1, Math.round(Math.sqrt(pixels / (Math.PI * count))));
        BufferedImage shown = colorizer.finish(prepared, outputs).colorized();
        int w = image.getWidth();
        int h = image.getHeight();
        List<Point> points = new ArrayList<>();
        float[] doubt = variance.clone(); // (sh, sw): what is still unsure once the chosen points are given
        while (points.size() < count) {
            float[] region = diskSum(doubt, sw, sh, reach); // (sh, sw)
            int best = 0;
            for (int k = 1; k < pixels; k++) {
                if (region[k] > region[best]) {
                    best = k;
                }
            }
            if (region[best] <= 0) {
                break; // every region has a point already
            }
            int bx = best % sw;
            int by = best / sw;
            for (int y = Math.max(0, by - reach); y <= Math.min(sh - 1, by + reach); y++) {
                for (int x = Math.max(0, bx - reach); x <= Math.min(sw - 1, bx + reach); x++) {
                    if ((x - bx) * (x - bx) + (y - by) * (y - by) <= reach * reach) {
                        doubt[y * sw + x] = 0;
                    }
                }
            }
            double x = (bx + 0.5) * w / sw;
            double y = (by + 0.5) * h / sh;
            int px = Math.min(w - 1, (int) x);
            int py = Math.min(h - 1, (int) y);
            points.add(new Point(x, y, shown.getRGB(px, py) & 0xFFFFFF, region[best]));
        }
        return points;
    }

    /**
     * Checks, before any work, that the model can suggest points and that count is in range.
     *
     * @throws UsageException saying which and the fix
     */
    public static void check(Colorizer colorizer, int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new UsageException(count + " points asked for: ask for 1 to " + MAX_COUNT);
        }
        if (!colorizer.architecture().predictsUncertainty()) {
            throw new UsageException(Message.of("model " + colorizer.architecture().id() + " does not say how sure it "
                    + "is of its colors, so it cannot suggest points: use the bundled model or a run trained with ",
                    Setting.ARCH, " unet-hints"));
        }
    }

    /** The points as hints, each with the color shown there now (its chroma) and the default radius. */
    public static List<ColorHint> asHints(List<Point> points) {
        return points.stream().map(p -> ColorHint.ofRgb(p.x(), p.y(), p.rgb())).toList();
    }

    /** The points in the one hint format: {"points": [{"x", "y", "color", "uncertainty"}, …]}. */
    public static String toJson(List<Point> points) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("points");
        for (Point p : points) {
            ObjectNode node = list.addObject();
            node.put("x", Math.round(p.x() * 10) / 10.0);
            node.put("y", Math.round(p.y() * 10) / 10.0);
            node.put("color", String.format(Locale.ROOT, "#%06x", p.rgb()));
            node.put("uncertainty", Math.round(p.uncertainty() * 1e5) / 1e5);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of numbers and strings always writes
        }
    }

    // the sum over each pixel's disk of radius r (the parts inside the plane)
    private static float[] diskSum(float[] plane, int w, int h, int r) {
        float[] out = new float[plane.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        if ((xx - x) * (xx - x) + (yy - y) * (yy - y) <= r * r) {
                            sum += plane[yy * w + xx];
                        }
                    }
                }
                out[y * w + x] = (float) sum;
            }
        }
        return out;
    }
}
