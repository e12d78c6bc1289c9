package dev.colorizer.video;

/**
 * How one frame moved from the frame before it, at the model's working size: for every pixel of the new frame, where
 * its content was in the old one, how sure that match is, and how unlike the two frames are as a whole (a scene cut
 * when {@link #isCut()}).
 *
 * <p>Estimated by block matching on each frame's lightness normalised to zero mean and unit spread, so that a change
 * of exposure (film flicker) is not taken for a change of content: blocks of {@link #BLOCK}² pixels, every whole
 * displacement up to {@link #RADIUS} pixels, refined to a fraction of a pixel by a parabola through the costs around
 * the best one, smoothed by a 3×3 median over the blocks, then interpolated between block centres. A pixel's
 * confidence falls with how unlike its warped old lightness is to its new one (occlusion, a new object, a bad match).
 *
 * @param dx         (h, w): the pixel (x, y) of the new frame was at (x + dx, y + dy) in the old one
 * @param dy         (h, w)
 * @param confidence (h, w) in [0, 1]: exp(−(r / σ)²) of the local mean normalised residual r
 * @param residual   the mean absolute difference of the normalised lightness after warping: about 0.1–0.3 for one
 *                   shot with grain, near 1.1 for two unrelated pictures
 */
public record Motion(float[] dx, float[] dy, float[] confidence, float residual, int width, int height) {
    /** Block side, in working-size pixels. */
    static final int BLOCK = 8;
    /** Largest displacement searched, in working-size pixels (about 5 % of the width a frame: a fast pan). */
    static final int RADIUS = 6;
    /** Above this {@link #residual} the two frames are taken for different shots. */
    static final float CUT_RESIDUAL = 0.6f;
    // the residual at which a pixel's confidence is 1/e; grain on a still shot gives about 0.15
    private static final float SIGMA = 0.45f;
    // cost added per pixel of displacement: a flat block stays still rather than wander
    private static final float STILLNESS = 0.004f;

    /** Whether the new frame starts a new shot: its colors must not come from the old one. */
    public boolean isCut() {
        return residual > CUT_RESIDUAL;
    }

    /**
     * The motion from {@code previous} to {@code current}, two lightness planes (h, w) in any one affine scale.
     */
    public static Motion estimate(float[] previous, float[] current, int w, int h) {
        float[] old = normalised(previous);
        float[] now = normalised(current);
        int bw = (w + BLOCK - 1) / BLOCK;
        int bh = (h + BLOCK - 1) / BLOCK;
        float[] bx = new float[bw * bh]; // (bh, bw) block displacements
        float[] by = new float[bw * bh];
        float[] costs = new float[(2 * RADIUS + 1) * (2 * RADIUS + 1)];
        for (int j = 0; j < bh; j++) {
            for (int i = 0; i < bw; i++) {
                int x0 = i * BLOCK;
                int y0 = j * BLOCK;
                int x1 = Math.min(w, x0 + BLOCK);
                int y1 = Math.min(h, y0 + BLOCK);
                int best = 0;
                for (int k = 0, dy = -RADIUS; dy <= RADIUS; dy++) {
                    for (int dx = -RADIUS; dx <= RADIUS; dx++, k++) {
                        costs[k] = blockCost(old, now, w, h, x0, y0, x1, y1, dx, dy)
                                + STILLNESS * (Math.abs(dx) + Math.abs(dy));
                        if (costs[k] < costs[best]) {
                            best = k;
                        }
                    }
                }
                int side = 2 * RADIUS + 1;
                int bdx = best % side;
                int bdy = best / side;
                bx[j * bw + i] = bdx - RADIUS + subPixel(costs, bdx, bdy, side, 1);
                by[j * bw + i] = bdy - RADIUS + subPixel(costs, bdx, bdy, side, side);
            }
        }
        bx = median3(bx, bw, bh);
        by = median3(by, bw, bh);
        float[] dx = new float[w * h];
        float[] dy = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                dx[y * w + x] = sampleBlocks(bx, bw, bh, x, y);
                dy[y * w + x] = sampleBlocks(by, bw, bh, x, y);
            }
        }
        float[] warped = Warp.bilinear(old, w, h, dx, dy);
        float[] diff = new float[w * h];
        double sum = 0;
        for (int k = 0; k < diff.length; k++) {
            diff[k] = Math.abs(now[k] - warped[k]);
            sum += diff[k];
        }
        float[] local = box3(diff, w, h);
        float[] confidence = new float[w * h];
        for (int k = 0; k < confidence.length; k++) {
            float r = local[k] / SIGMA;
            confidence[k] = (float) Math.exp(-r * r);
        }
        return new Motion(dx, dy, confidence, (float) (sum / diff.length), w, h);
    }

    // the plane shifted to zero mean and scaled to unit standard deviation (a flat plane: to zero)
    static float[] normalised(float[] plane) {
        double sum = 0;
        for (float v : plane) {
            sum += v;
        }
        double mean = sum / plane.length;
        double sq = 0;
        for (float v : plane) {
            sq += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(sq / plane.length);
        float scale = std < 1e-4 ? 0f : (float) (1 / std);
        float[] out = new float[plane.length];
        for (int k = 0; k < plane.length; k++) {
            out[k] = (float) (plane[k] - mean) * scale;
        }
        return out;
    }

    // mean |now(p) - old(p + d)| over the block, old read with its edges repeated
    private static float blockCost(float[] old, float[] now, int w, int h, int x0, int y0, int x1, int y1,
                                   int dx, int dy) {
        float sum = 0;
        for (int y = y0; y < y1; y++) {
            int oy = Math.max(0, Math.min(h - 1, y + dy)) * w;
            for (int x = x0; x < x1; x++) {
                int ox = Math.max(0, Math.min(w - 1, x + dx));
                sum += Math.abs(now[y * w + x] - old[oy + ox]);
            }
        }
        return sum / ((x1 - x0) * (y1 - y0));
    }

    // the offset in (-0.5, 0.5) of a parabola's minimum through the costs before, at and after the best one
    private static float subPixel(float[] costs, int bx, int by, int side, int step) {
        int at = by * side + bx;
        int pos = step == 1 ? bx : by;
        if (pos == 0 || pos == side - 1) {
            return 0;
        }
        float before = costs[at - step];
        float after = costs[at + step];
        float curve = before - 2 * costs[at] + after;
        if (curve <= 1e-6f) {
            return 0;
        }
        return Math.max(-0.5f, Math.min(0.5f, 0.5f * (before - after) / curve));
    }

    // each block's value replaced by the median of its 3×3 neighbourhood (those inside the grid)
    private static float[] median3(float[] v, int bw, int bh) {
        float[] out = new float[v.length];
        float[] window = new float[9];
        for (int j = 0; j < bh; j++) {
            for (int i = 0; i < bw; i++) {
                int n = 0;
                for (int y = Math.max(0, j - 1); y <= Math.min(bh - 1, j + 1); y++) {
                    for (int x = Math.max(0, i - 1); x <= Math.min(bw - 1, i + 1); x++) {
                        window[n++] = v[y * bw + x];
                    }
                }
                java.util.Arrays.sort(window, 0, n);
                out[j * bw + i] = n % 2 == 1 ? window[n / 2] : (window[n / 2 - 1] + window[n / 2]) / 2;
            }
        }
        return out;
    }

    // the block values interpolated bilinearly between block centres at pixel (x, y)
    private static float sampleBlocks(float[] v, int bw, int bh, int x, int y) {
        return Warp.sample(v, 0, bw, bh, (x + 0.5f) / BLOCK - 0.5f, (y + 0.5f) / BLOCK - 0.5f);
    }

    // the mean over each pixel's 3×3 neighbourhood (those inside)
    private static float[] box3(float[] v, int w, int h) {
        float[] out = new float[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                int n = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        sum += v[yy * w + xx];
                        n++;
                    }
                }
                out[y * w + x] = sum / n;
            }
        }
        return out;
    }
}
