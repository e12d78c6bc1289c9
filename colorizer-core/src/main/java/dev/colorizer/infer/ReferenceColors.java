package dev.colorizer.infer;

import dev.colorizer.ColorizerException;
import dev.colorizer.color.Lab;
import dev.colorizer.data.Resize;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Colors taken from a reference photograph as color hints. Both pictures are seen at the working size (the
 * reference also mirrored: a scene is the same either way); each point is described by its 5×5 neighbourhood of
 * lightness, less its mean and over its spread (shape, whatever the exposure), and by its lightness rank and local
 * mean's rank within its own picture (so that exposure and contrast need not agree); position is no feature. Every
 * third point of the picture is matched to its {@value #K} nearest reference points; a match is taken when they are
 * near enough, agree on a color, and a neighbouring point's match lies where the two points' offset says (the same
 * scene mirrored, cropped or rescaled keeps its layout; matches into another scene scatter). The model then colors the
 * picture through at most {@value #MAX_HINTS} of those colors as hints, so its own sense of edges and objects decides
 * how far each spreads, and a part with no good match keeps the model's own colors. A reference that gives too few
 * such matches gives no hints at all: the picture is colored as without one. Measured in docs/REFERENCE.md.
 *
 * <p>Cost: about 150 ms a picture on one core of the 2-core VM, whatever the picture's size (the search runs at the
 * working size), against seconds for the model's full-size finish of a large scan.
 */
public final class ReferenceColors {
    /** The most hints one reference gives (the model was trained with up to 64). */
    public static final int MAX_HINTS = 40;
    /** The fewest pixels a reference's shorter side may have. */
    public static final int MIN_SIDE = 16;
    /** The most pixels a reference may have (a 12,000 × 10,000 scan), decoded at once. */
    public static final long MAX_PIXELS = 120_000_000L;

    // the side of the neighbourhood a point is described by, at the working size
    private static final int PATCH = 5;
    // features: the 25 shape values, then the two ranks
    private static final int FEATURES = PATCH * PATCH + 2;
    // each rank counts as much as the shape values together: a rank difference of 0.1 costs as much as a shape
    // difference of 0.1·√(25/2) a value
    private static final float RANK_WEIGHT = (float) Math.sqrt(PATCH * PATCH / 2.0);
    // a match is good when the root mean square feature difference is below this
    private static final float GOOD_DISTANCE = 0.45f;
    // the reference's best matches of a point must agree on its color within this (Lab a/b units, mean distance)
    private static final float AGREEMENT = 8f;
    // neighbours asked for a point's color
    public static final int K = 6;
    // below this share of the matched points that are good and coherent, the reference is taken not to show this
    // scene: no hints
    private static final float MIN_SHARE = 0.08f;

    private ReferenceColors() {}

    /**
     * Checks a reference before any work: size and color.
     *
     * @param name the reference's file name or form field, for the message
     * @throws ColorizerException naming it and the fix
     */
    public static void check(BufferedImage reference, String name) {
        checkSize(reference.getWidth(), reference.getHeight(), name);
        checkColor(reference, name);
    }

    /** Checks a reference's size (from its header, before it is decoded). */
    public static void checkSize(int w, int h, String name) {
        if (Math.min(w, h) < MIN_SIDE) {
            throw new ColorizerException(name + ": a reference of " + w + "×" + h + " is too small to match: give "
                    + "one at least " + MIN_SIDE + " pixels on its shorter side");
        }
        if ((long) w * h > MAX_PIXELS) {
            throw new ColorizerException(name + ": a reference of " + w + "×" + h + " is too large: give one of at "
                    + "most " + MAX_PIXELS / 1_000_000 + " megapixels (a smaller copy does as well)");
        }
    }

    /** Checks that a reference has color to give. */
    public static void checkColor(BufferedImage reference, String name) {
        int w = reference.getWidth();
        int h = reference.getHeight();
        float[] lab = Lab.toLab(Resize.resize(reference, Math.min(w, 64), Math.min(h, 64)));
        int pixels = lab.length / 3;
        double chroma = 0;
        for (int k = 0; k < pixels; k++) {
            chroma += Math.hypot(lab[pixels + k], lab[2 * pixels + k]);
        }
        if (chroma / pixels < 2) {
            throw new ColorizerException(name + ": the reference has no color (it is gray): give a color "
                    + "photograph of the same scene, or none");
        }
    }

    /**
     * The hints a reference gives a picture, in the picture's pixels (none when it does not show the scene).
     *
     * @param picture   the picture to color (only its lightness is used)
     * @param reference a color photograph of the same scene, things or people, in any framing
     * @param colorizer the model that colors the picture: it is matched at its working size
     */
    public static List<ColorHint> hints(Colorizer colorizer, BufferedImage picture, BufferedImage reference) {
        WorkingShape shape = colorizer.shapeOf(picture);
        int gw = shape.width();
        int gh = shape.height();
        WorkingShape rs = WorkingShape.keepingAspect(reference.getWidth(), reference.getHeight(),
                (int) Math.round(Math.sqrt(shape.pixels())), 1);
        int rw = rs.width();
        int rh = rs.height();
        float[] gLab = Lab.toLab(Resize.resize(picture, gw, gh)); // (3, gh, gw)
        float[] once = Lab.toLab(Resize.resize(reference, rw, rh)); // (3, rh, rw)
        // the reference and its mirror image side by side, as one (3, rh, 2·rw): a scene is the same either way
        float[] rLab = new float[2 * once.length];
        float[] flipped = mirrored(once, rw, rh);
        int rPixels = 2 * rw * rh;
        for (int c = 0; c < 3; c++) {
            System.arraycopy(once, c * rw * rh, rLab, c * rPixels, rw * rh);
            System.arraycopy(flipped, c * rw * rh, rLab, c * rPixels + rw * rh, rw * rh);
        }
        float[] g = features(gLab, gw, gh); // (gh·gw, F)
        float[] r = new float[rPixels * FEATURES]; // (2·rh·rw, F)
        System.arraycopy(features(once, rw, rh), 0, r, 0, rw * rh * FEATURES);
        System.arraycopy(features(flipped, rw, rh), 0, r, rw * rh * FEATURES, rw * rh * FEATURES);
        int step = 3; // every third point in each direction: a ninth of the picture's points
        int cols = (gw - step / 2 + step - 1) / step;
        int rows = (gh - step / 2 + step - 1) / step;
        float[][] candidate = new float[cols * rows][]; // per grid point: {x, y, a, b, distance}, null if no match
        int[] matched = new int[cols * rows]; // per grid point: its best match in the reference (or its mirror)
        int tried = 0;
        int[] nearest = new int[K];
        float[] distances = new float[K];
        for (int row = 0, y = step / 2; row < rows; row++, y += step) {
            for (int col = 0, x = step / 2; col < cols; col++, x += step) {
                tried++;
                int at = (y * gw + x) * FEATURES;
                Arrays.fill(distances, Float.MAX_VALUE);
                for (int q = 0; q < rPixels; q++) {
                    float d = 0;
                    for (int f = 0; f < FEATURES && d < distances[K - 1]; f++) { // stop once no better
                        float diff = g[at + f] - r[q * FEATURES + f];
                        d += diff * diff;
                    }
                    if (d < distances[K - 1]) { // insert, keeping the K best in order
                        int i = K - 1;
                        while (i > 0 && distances[i - 1] > d) {
                            distances[i] = distances[i - 1];
                            nearest[i] = nearest[i - 1];
                            i--;
                        }
                        distances[i] = d;
                        nearest[i] = q;
                    }
                }
                float mean = 0;
                float a = 0;
                float b = 0;
                for (int i = 0; i < K; i++) {
                    mean += (float) Math.sqrt(distances[i] / FEATURES) / K;
                    a += rLab[rPixels + nearest[i]] / K;
                    b += rLab[2 * rPixels + nearest[i]] / K;
                }
                float spread = 0;
                for (int i = 0; i < K; i++) {
                    spread += (float) Math.hypot(rLab[rPixels + nearest[i]] - a, rLab[2 * rPixels + nearest[i]] - b)
                            / K;
                }
                if (mean < GOOD_DISTANCE && spread < AGREEMENT) {
                    candidate[row * cols + col] = new float[] {x, y, a, b, mean};
                    matched[row * cols + col] = nearest[0];
                }
            }
        }
        // a match is kept when a neighbouring point's match lies where the two points' offset says (the same scene
        // seen mirrored, cropped or rescaled keeps its layout; matches into another scene scatter)
        List<float[]> good = new ArrayList<>();
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                int c = j * cols + i;
                if (candidate[c] != null && (coherent(c, c + 1, i + 1 < cols, candidate, matched, rw, rh, step, true)
                        || coherent(c, c - 1, i > 0, candidate, matched, rw, rh, step, false)
                        || coherent(c, c + cols, j + 1 < rows, candidate, matched, rw, rh, step, true)
                        || coherent(c, c - cols, j > 0, candidate, matched, rw, rh, step, false))) {
                    good.add(candidate[c]);
                }
            }
        }
        if (good.size() < MIN_SHARE * tried) {
            return List.of();
        }
        return spreadOut(good, picture.getWidth(), picture.getHeight(), gw, gh);
    }

    // whether grid points c and n (its neighbour, when there is one) both matched, in the same half (the reference
    // or its mirror image), n's match displaced from c's as n from c: step pixels along the row or the column, scaled
    // by 0.4 to 2.5 (the reference may show the scene larger or smaller), less than half a step across
    private static boolean coherent(int c, int n, boolean exists, float[][] candidate, int[] matched, int rw, int rh,
                                    int step, boolean after) {
        if (!exists || candidate[n] == null) {
            return false;
        }
        int half = rw * rh;
        if (matched[c] / half != matched[n] / half) {
            return false;
        }
        int cq = matched[c] % half;
        int nq = matched[n] % half;
        float along;
        float across;
        boolean row = candidate[c][1] == candidate[n][1];
        if (row) {
            along = (nq % rw - cq % rw) * (after ? 1 : -1);
            across = nq / rw - cq / rw;
        } else {
            along = (nq / rw - cq / rw) * (after ? 1 : -1);
            across = nq % rw - cq % rw;
        }
        return along >= 0.4f * step && along <= 2.5f * step && Math.abs(across) <= 0.5f * step;
    }

    // at most MAX_HINTS of the good points, the best match in each cell of a grid over the picture
    private static List<ColorHint> spreadOut(List<float[]> good, int w, int h, int gw, int gh) {
        int cells = (int) Math.ceil(Math.sqrt(MAX_HINTS));
        float[][] best = new float[cells * cells][];
        for (float[] p : good) {
            int cx = Math.min(cells - 1, (int) (p[0] * cells / gw));
            int cy = Math.min(cells - 1, (int) (p[1] * cells / gh));
            int c = cy * cells + cx;
            if (best[c] == null || p[4] < best[c][4]) {
                best[c] = p;
            }
        }
        List<float[]> chosen = new ArrayList<>();
        for (float[] p : best) {
            if (p != null) {
                chosen.add(p);
            }
        }
        chosen.sort((p, q) -> Float.compare(p[4], q[4]));
        List<ColorHint> hints = new ArrayList<>();
        for (float[] p : chosen.subList(0, Math.min(MAX_HINTS, chosen.size()))) {
            hints.add(new ColorHint((p[0] + 0.5) * w / gw, (p[1] + 0.5) * h / gh, p[2], p[3], Double.NaN));
        }
        return hints;
    }

    // per pixel: its 5×5 neighbourhood of lightness less its mean, over its spread (at least 2 L units), so that
    // shapes match whatever their brightness; then its lightness rank and its 5×5 mean's rank within the picture,
    // weighted as much as the 25 shape values together
    private static float[] features(float[] lab, int w, int h) {
        int pixels = w * h;
        float[] light = Arrays.copyOf(lab, pixels); // (h, w), L in [0, 100]
        float[] rankL = ranks(light);
        float[] rankMean = ranks(boxMean(light, w, h, 2));
        float[] out = new float[pixels * FEATURES];
        float[] patch = new float[PATCH * PATCH];
        int r = PATCH / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float mean = 0;
                for (int dy = -r, i = 0; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++, i++) {
                        patch[i] = light[Math.max(0, Math.min(h - 1, y + dy)) * w + Math.max(0, Math.min(w - 1, x + dx))];
                        mean += patch[i] / patch.length;
                    }
                }
                float sq = 0;
                for (float v : patch) {
                    sq += (v - mean) * (v - mean) / patch.length;
                }
                float scale = 1f / Math.max(2f, (float) Math.sqrt(sq));
                int o = (y * w + x) * FEATURES;
                for (int i = 0; i < patch.length; i++) {
                    out[o + i] = (patch[i] - mean) * scale;
                }
                out[o + patch.length] = RANK_WEIGHT * rankL[y * w + x];
                out[o + patch.length + 1] = RANK_WEIGHT * rankMean[y * w + x];
            }
        }
        return out;
    }

    // the (h, w) planes of a Lab picture mirrored left-right
    private static float[] mirrored(float[] lab, int w, int h) {
        float[] out = new float[lab.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[c * w * h + y * w + x] = lab[c * w * h + y * w + (w - 1 - x)];
                }
            }
        }
        return out;
    }

    // each value's rank in [0, 1] among the plane's values
    private static float[] ranks(float[] plane) {
        Integer[] order = new Integer[plane.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Float.compare(plane[i], plane[j]));
        float[] rank = new float[plane.length];
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = (i + 0.5f) / order.length;
        }
        return rank;
    }

    private static float[] boxMean(float[] plane, int w, int h, int r) {
        float[] out = new float[plane.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                int n = 0;
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                        sum += plane[yy * w + xx];
                        n++;
                    }
                }
                out[y * w + x] = sum / n;
            }
        }
        return out;
    }
}
