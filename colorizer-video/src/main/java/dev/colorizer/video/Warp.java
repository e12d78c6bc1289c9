package dev.colorizer.video;

/** Planes resampled along a {@link Motion}: each pixel read where its content was, bilinearly, edges repeated. */
final class Warp {
    private Warp() {}

    /**
     * @param plane (h, w)
     * @param dx    (h, w): pixel (x, y) reads the plane at (x + dx, y + dy)
     * @return (h, w)
     */
    static float[] bilinear(float[] plane, int w, int h, float[] dx, float[] dy) {
        float[] out = new float[w * h];
        bilinear(plane, 0, out, 0, w, h, dx, dy);
        return out;
    }

    /** As {@link #bilinear(float[], int, int, float[], float[])}, from and into planes at offsets of arrays. */
    static void bilinear(float[] plane, int from, float[] out, int to, int w, int h, float[] dx, float[] dy) {
        for (int y = 0, k = 0; y < h; y++) {
            for (int x = 0; x < w; x++, k++) {
                out[to + k] = sample(plane, from, w, h, x + dx[k], y + dy[k]);
            }
        }
    }

    /** The (h, w) plane at {@code from} read bilinearly at (fx, fy), a point outside taken at the nearest edge. */
    static float sample(float[] plane, int from, int w, int h, float fx, float fy) {
        fx = Math.max(0, Math.min(w - 1, fx));
        fy = Math.max(0, Math.min(h - 1, fy));
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        float tx = fx - x0;
        float ty = fy - y0;
        float top = plane[from + y0 * w + x0] * (1 - tx) + plane[from + y0 * w + x1] * tx;
        float bottom = plane[from + y1 * w + x0] * (1 - tx) + plane[from + y1 * w + x1] * tx;
        return top * (1 - ty) + bottom * ty;
    }
}
