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
     * @param ab (2, s, s) planar a/b at the working size, Lab units
     * @param guideSmall (s, s) the lightness the model saw, L / 100 in [0, 1]
     * @param guideFull (H, W) the picture's lightness, L / 100 in [0, 1]
     * @return (2, H, W) planar a/b, Lab units
     */
    public static float[] upsample(float[] ab, float[] guideSmall, int s, float[] guideFull, int w, int h) {
        int pixels = s * s;
        if (ab.length != 2 * pixels || guideSmall.length != pixels || guideFull.length != w * h) {
            throw new IllegalArgumentException("planes do not match " + s + "x" + s + " -> " + w + "x" + h);
        }
        float[] meanI = box(guideSmall, s);
        float[] corrII = box(product(guideSmall, guideSmall, 0), s);
        float[] out = new float[2 * w * h];
        for (int c = 0; c < 2; c++) {
            float[] p = java.util.Arrays.copyOfRange(ab, c * pixels, (c + 1) * pixels);
            float[] meanP = box(p, s);
            float[] corrIP = box(product(guideSmall, p, 0), s);
            float[] a = new float[pixels];
            float[] b = new float[pixels];
            for (int i = 0; i < pixels; i++) {
                float var = corrII[i] - meanI[i] * meanI[i];
                float cov = corrIP[i] - meanI[i] * meanP[i];
                a[i] = cov / (var + EPSILON);
                b[i] = meanP[i] - a[i] * meanI[i];
            }
            apply(box(a, s), box(b, s), s, guideFull, w, h, out, c * w * h);
        }
        return out;
    }

    private static float[] product(float[] x, float[] y, int off) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * y[off + i];
        }
        return out;
    }

    // mean over the (2r + 1)² window clipped to the plane, (s, s) -> (s, s), separable running sums
    private static float[] box(float[] src, int s) {
        float[] tmp = new float[s * s];
        for (int y = 0; y < s; y++) {
            boxLine(src, y * s, 1, s, tmp);
        }
        float[] out = new float[s * s];
        for (int x = 0; x < s; x++) {
            boxLine(tmp, x, s, s, out);
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

    // out[off + y*w + x] = A↑·I + B↑ with A, B (s, s) upsampled bilinearly (half-pixel centers, edges clamped)
    private static void apply(float[] a, float[] b, int s, float[] guide, int w, int h, float[] out, int off) {
        int[] x0 = new int[w];
        float[] fx = new float[w];
        taps(s, w, x0, fx);
        int[] y0 = new int[h];
        float[] fy = new float[h];
        taps(s, h, y0, fy);
        float[] rowsA = new float[s * w]; // horizontal pass: (s, W)
        float[] rowsB = new float[s * w];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < w; x++) {
                int i0 = y * s + x0[x];
                int i1 = y * s + Math.min(s - 1, x0[x] + 1);
                rowsA[y * w + x] = a[i0] + fx[x] * (a[i1] - a[i0]);
                rowsB[y * w + x] = b[i0] + fx[x] * (b[i1] - b[i0]);
            }
        }
        for (int y = 0; y < h; y++) {
            int r0 = y0[y] * w;
            int r1 = Math.min(s - 1, y0[y] + 1) * w;
            float t = fy[y];
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float ca = rowsA[r0 + x] + t * (rowsA[r1 + x] - rowsA[r0 + x]);
                float cb = rowsB[r0 + x] + t * (rowsB[r1 + x] - rowsB[r0 + x]);
                out[off + row + x] = ca * guide[row + x] + cb;
            }
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
