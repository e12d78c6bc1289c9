package dev.colorizer.infer;

/**
 * Upsamples the a/b predicted at the working size to the picture's size guided by the picture's own full-resolution
 * lightness, so that color changes where the lightness changes instead of bleeding across edges as plain bilinear
 * upsampling does: the fast guided filter (He, Sun and Tang, "Guided image filtering", TPAMI 2013; He and Sun, "Fast
 * guided filter", 2015). At the working size, each a/b plane p is fitted locally as a linear function of the
 * lightness I there, p ≈ A·I + B over every (2r + 1)² window, A = cov(I, p) / (var(I) + ε), B = mean(p) − A·mean(I);
 * A and B are averaged over the windows covering each pixel, upsampled bilinearly, and applied to the full-size
 * lightness: q = A↑·I_full + B↑. Where the working-size lightness is flat (var ≪ ε), A → 0 and q is the bilinear
 * upsampling of the smoothed a/b.
 *
 * <p>Cost: box filters at the working size, then per output pixel and channel one bilinear read of two coefficient
 * planes and a multiply-add (about twice plain bilinear upsampling).
 */
public final class GuidedUpsampling {
    /** Window radius at the working size: 5 × 5 windows. */
    public static final int RADIUS = 2;
    /**
     * Regularisation in (L / 100)² units: edges of lightness contrast above about √ε = 0.03 (3 L units) steer the
     * color; flatter texture does not.
     */
    public static final float EPSILON = 1e-3f;

    private GuidedUpsampling() {}

    /**
     * @param ab (2, sh, sw) planar a/b at the working shape, Lab units
     * @param guideSmall (sh, sw) the lightness the model saw, L / 100 in [0, 1]
     * @param guideFull (H, W) the picture's lightness, L / 100 in [0, 1]
     * @return (2, H, W) planar a/b, Lab units
     */
    public static float[] upsample(float[] ab, float[] guideSmall, int sw, int sh, float[] guideFull, int w, int h) {
        if (guideFull.length != w * h) {
            throw new IllegalArgumentException("planes do not match " + sw + "x" + sh + " -> " + w + "x" + h);
        }
        Rows rows = guided(ab, guideSmall, sw, sh, w, h);
        float[] out = new float[2 * w * h];
        float[] a = new float[w];
        float[] b = new float[w];
        for (int y = 0; y < h; y++) {
            rows.row(y, guideFull, y * w, 1f, a, b);
            System.arraycopy(a, 0, out, y * w, w);
            System.arraycopy(b, 0, out, w * h + y * w, w);
        }
        return out;
    }

    /**
     * The guided upsampling of {@link #upsample} prepared at the working size, to be applied one full-size row at a
     * time ({@link Rows#row}) so that a caller never holds the (2, H, W) planes.
     *
     * @param ab (2, sh, sw) planar a/b at the working shape, Lab units
     * @param guideSmall (sh, sw) the lightness the model saw, L / 100 in [0, 1]
     */
    public static Rows guided(float[] ab, float[] guideSmall, int sw, int sh, int w, int h) {
        int pixels = sw * sh;
        if (ab.length != 2 * pixels || guideSmall.length != pixels) {
            throw new IllegalArgumentException("planes do not match " + sw + "x" + sh + " -> " + w + "x" + h);
        }
        float[] meanI = box(guideSmall, sw, sh);
        float[] corrII = box(product(guideSmall, guideSmall, 0), sw, sh);
        float[][] coefA = new float[2][];
        float[][] coefB = new float[2][];
        for (int c = 0; c < 2; c++) {
            float[] p = java.util.Arrays.copyOfRange(ab, c * pixels, (c + 1) * pixels);
            float[] meanP = box(p, sw, sh);
            float[] corrIP = box(product(guideSmall, p, 0), sw, sh);
            float[] a = new float[pixels];
            float[] b = new float[pixels];
            for (int i = 0; i < pixels; i++) {
                float var = corrII[i] - meanI[i] * meanI[i];
                float cov = corrIP[i] - meanI[i] * meanP[i];
                a[i] = cov / (var + EPSILON);
                b[i] = meanP[i] - a[i] * meanI[i];
            }
            coefA[c] = box(a, sw, sh);
            coefB[c] = box(b, sw, sh);
        }
        return new Rows(coefA, coefB, sw, sh, w, h);
    }

    /**
     * Plain bilinear upsampling of (2, sh, sw) a/b in the same row-at-a-time form: the guided form with A = 0 and B
     * the a/b themselves (half-pixel centers, edges clamped: {@link dev.colorizer.data.Resize#resizePlane}'s
     * sampling, to float rounding).
     */
    public static Rows bilinear(float[] ab, int sw, int sh, int w, int h) {
        int pixels = sw * sh;
        if (ab.length != 2 * pixels) {
            throw new IllegalArgumentException("a/b has " + ab.length + " values, expected 2x" + sw + "x" + sh);
        }
        float[] zero = new float[pixels];
        return new Rows(new float[][] {zero, zero}, new float[][] {java.util.Arrays.copyOfRange(ab, 0, pixels),
            java.util.Arrays.copyOfRange(ab, pixels, 2 * pixels)}, sw, sh, w, h);
    }

    /**
     * Coefficient planes A, B of both channels already upsampled horizontally to the full width, (sh, W) each (a few
     * hundred KB for any picture); row y of the output is their vertical interpolation applied to the guide.
     * Immutable: rows may be computed from several threads at once.
     */
    public static final class Rows {
        private final int sw;
        private final int sh;
        private final int w;
        private final int[] y0;
        private final float[] fy;
        private final float[][] rowsA = new float[2][]; // per channel (sh, W)
        private final float[][] rowsB = new float[2][];

        private Rows(float[][] a, float[][] b, int sw, int sh, int w, int h) {
            this.sw = sw;
            this.sh = sh;
            this.w = w;
            int[] x0 = new int[w];
            float[] fx = new float[w];
            taps(sw, w, x0, fx);
            y0 = new int[h];
            fy = new float[h];
            taps(sh, h, y0, fy);
            for (int c = 0; c < 2; c++) {
                rowsA[c] = horizontal(a[c], x0, fx);
                rowsB[c] = horizontal(b[c], x0, fx);
            }
        }

        private float[] horizontal(float[] plane, int[] x0, float[] fx) {
            float[] rows = new float[sh * w];
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < w; x++) {
                    int i0 = y * sw + x0[x];
                    int i1 = y * sw + Math.min(sw - 1, x0[x] + 1);
                    rows[y * w + x] = plane[i0] + fx[x] * (plane[i1] - plane[i0]);
                }
            }
            return rows;
        }

        /**
         * Output row y: a[x] and b[x] (Lab units, x in [0, W)) = A↑·I + B↑ with I = guide[off + x] / guideScale,
         * the picture's lightness as L / 100 in [0, 1] (guideScale 100 for a guide in L units, 1 for L / 100).
         */
        public void row(int y, float[] guide, int off, float guideScale, float[] a, float[] b) {
            int r0 = y0[y] * w;
            int r1 = Math.min(sh - 1, y0[y] + 1) * w;
            float t = fy[y];
            float inv = 1f / guideScale;
            float[] a0 = rowsA[0];
            float[] b0 = rowsB[0];
            float[] a1 = rowsA[1];
            float[] b1 = rowsB[1];
            for (int x = 0; x < w; x++) {
                float i = guide[off + x] * inv;
                float ca = a0[r0 + x] + t * (a0[r1 + x] - a0[r0 + x]);
                float cb = b0[r0 + x] + t * (b0[r1 + x] - b0[r0 + x]);
                a[x] = ca * i + cb;
                float da = a1[r0 + x] + t * (a1[r1 + x] - a1[r0 + x]);
                float db = b1[r0 + x] + t * (b1[r1 + x] - b1[r0 + x]);
                b[x] = da * i + db;
            }
        }
    }

    private static float[] product(float[] x, float[] y, int off) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * y[off + i];
        }
        return out;
    }

    // mean over the (2r + 1)² window clipped to the plane, (sh, sw) -> (sh, sw), separable running sums
    private static float[] box(float[] src, int sw, int sh) {
        float[] tmp = new float[sw * sh];
        for (int y = 0; y < sh; y++) {
            boxLine(src, y * sw, 1, sw, tmp);
        }
        float[] out = new float[sw * sh];
        for (int x = 0; x < sw; x++) {
            boxLine(tmp, x, sw, sh, out);
        }
        return out;
    }

    private static void boxLine(float[] src, int start, int stride, int n, float[] dst) {
        double sum = 0;
        int lo = 0;
        int hi = -1; // window [lo, hi] currently summed
        for (int i = 0; i < n; i++) {
            int wantHi = Math.min(n - 1, i + RADIUS);
            int wantLo = Math.max(0, i - RADIUS);
            while (hi < wantHi) {
                sum += src[start + ++hi * stride];
            }
            while (lo < wantLo) {
                sum -= src[start + lo++ * stride];
            }
            dst[start + i * stride] = (float) (sum / (hi - lo + 1));
        }
    }

    // source index and fraction of each output position: coordinate max(0, (i + 0.5) · in / out − 0.5)
    private static void taps(int in, int outSize, int[] index, float[] frac) {
        double scale = (double) in / outSize;
        for (int i = 0; i < outSize; i++) {
            double src = Math.max(0, (i + 0.5) * scale - 0.5);
            int i0 = Math.min(in - 1, (int) Math.floor(src));
            index[i] = i0;
            frac[i] = i0 >= in - 1 ? 0f : (float) (src - i0);
        }
    }
}
