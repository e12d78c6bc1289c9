package dev.colorizer.color;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * sRGB <-> CIE L*a*b* (D65 white, 2° observer, IEC 61966-2-1 sRGB curve) and the Lab normalisation constants.
 * This is the only place in the project that converts color spaces. Pixels are packed 0xRRGGBB ints (alpha ignored);
 * images are handled as planar float arrays, row-major, plane after plane.
 */
public final class Lab {
    /** L is in [0, 100]. */
    public static final float L_MAX = 100f;
    /** Seed normalisation of a and b: (ab + 128) / 255 in [0, 1], as in the original Keras project. */
    public static final float AB_OFFSET = 128f;
    public static final float AB_SPAN = 255f;
    /** Symmetric normalisation of a and b: ab / 128 in about [-1, 1] (for later models). */
    public static final float AB_SCALE = 128f;

    // linear sRGB -> XYZ (D65); the white point is the row sums, so white maps to a = b = 0 exactly
    private static final double M_XR = 0.4124564, M_XG = 0.3575761, M_XB = 0.1804375;
    private static final double M_YR = 0.2126729, M_YG = 0.7151522, M_YB = 0.0721750;
    private static final double M_ZR = 0.0193339, M_ZG = 0.1191920, M_ZB = 0.9503041;
    private static final double XN = M_XR + M_XG + M_XB;
    private static final double YN = M_YR + M_YG + M_YB;
    private static final double ZN = M_ZR + M_ZG + M_ZB;
    // XYZ -> linear sRGB, the inverse of the matrix above
    private static final double[] M_INV = invert3x3(new double[] {
        M_XR, M_XG, M_XB, M_YR, M_YG, M_YB, M_ZR, M_ZG, M_ZB});

    // the rows of M_INV with the white point folded in: linear R, G, B of (X / XN, Y / YN, Z / ZN)
    // (scalars: the JIT folds static final doubles into the code, not array elements)
    private static final double RX = M_INV[0] * XN, RY = M_INV[1] * YN, RZ = M_INV[2] * ZN;
    private static final double GX = M_INV[3] * XN, GY = M_INV[4] * YN, GZ = M_INV[5] * ZN;
    private static final double BX = M_INV[6] * XN, BY = M_INV[7] * YN, BZ = M_INV[8] * ZN;
    // multiplications instead of divisions in the per-pixel path (within an ulp of them)
    private static final double INV_116 = 1.0 / 116.0;
    private static final double INV_500 = 1.0 / 500.0;
    private static final double INV_200 = 1.0 / 200.0;

    private static final double DELTA = 6.0 / 29.0;
    private static final double DELTA3 = DELTA * DELTA * DELTA;
    private static final double F_SLOPE = 1.0 / (3.0 * DELTA * DELTA);
    private static final double INV_F_SLOPE = 3.0 * DELTA * DELTA;

    // 8-bit sRGB code -> linear intensity in [0, 1]
    private static final double[] TO_LINEAR = new double[256];
    // LINEAR_BOUNDS[k] = linear intensity of the sRGB code k + 0.5: the rounding boundary between codes k and k + 1;
    // LINEAR_BOUNDS[255] = +infinity, so that code 255 has an upper boundary too
    private static final double[] LINEAR_BOUNDS = new double[256];
    // L of the neutral gray (g, g, g), g in 0..255
    private static final float[] GRAY_LIGHTNESS = new float[256];
    // linear intensity in [0, 1] -> the first sRGB code whose upper rounding boundary lies in its bucket of width
    // 1 / ENCODE_BUCKETS: the boundaries are at least 1 / (12.92 * 255) = 3.0e-4 apart (near black), wider than a
    // bucket (2.4e-4), so a bucket holds at most one and one comparison after the look-up gives the exact code
    private static final int ENCODE_BUCKETS = 4096;
    private static final int[] ENCODE_START = new int[ENCODE_BUCKETS + 1]; // the last: linear >= 1, code 255
    private static final double[] ENCODE_BOUND = new double[ENCODE_BUCKETS + 1]; // LINEAR_BOUNDS[ENCODE_START[i]]
    // float copy of TO_LINEAR for the lightness path (float has 24 bits: Y to 6e-8, far below the table's error)
    private static final float[] TO_LINEAR_F = new float[256];
    // L = 116 f(Y) - 16 sampled at Y = k / L_SEGMENTS, k in 0..L_SEGMENTS, read with linear interpolation: cbrt's
    // curvature is largest just above DELTA3 (f'' = 2 / 9 * DELTA3^(-5/3) = 590), so the error is at most
    // 116 * 590 / 8 / L_SEGMENTS^2 = 5e-4 L units (LabTest checks it on every 8-bit color), where 1 level is 0.4
    private static final int L_SEGMENTS = 4096;
    private static final float[] L_OF_Y = new float[L_SEGMENTS + 2]; // one more so that Y = 1 interpolates in range

    static {
        for (int i = 0; i < 256; i++) {
            TO_LINEAR[i] = decode(i / 255.0);
        }
        for (int k = 0; k < 255; k++) {
            LINEAR_BOUNDS[k] = decode((k + 0.5) / 255.0);
        }
        LINEAR_BOUNDS[255] = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= ENCODE_BUCKETS; i++) {
            ENCODE_START[i] = encode8Search((double) i / ENCODE_BUCKETS);
            ENCODE_BOUND[i] = LINEAR_BOUNDS[ENCODE_START[i]];
        }
        for (int i = 0; i < 256; i++) {
            TO_LINEAR_F[i] = (float) TO_LINEAR[i];
        }
        for (int k = 0; k < L_OF_Y.length; k++) {
            L_OF_Y[k] = (float) (116.0 * f((double) k / L_SEGMENTS) - 16.0);
        }
        float[] lab = new float[3];
        for (int g = 0; g < 256; g++) {
            rgbToLab(g * 0x010101, lab, 0);
            GRAY_LIGHTNESS[g] = lab[0];
        }
    }

    private Lab() {
    }

    /** L in [0, 100] -> [0, 1]. */
    public static float normalizeL(float l) {
        return l / L_MAX;
    }

    /** a or b in about [-128, 127] -> (ab + 128) / 255 in [0, 1], the original Keras project's normalisation. */
    public static float normalizeAbSeed(float ab) {
        return (ab + AB_OFFSET) / AB_SPAN;
    }

    /** Inverse of {@link #normalizeAbSeed}: v * 255 - 128. */
    public static float denormalizeAbSeed(float v) {
        return v * AB_SPAN - AB_OFFSET;
    }

    /** Packed 0xRRGGBB (alpha ignored) -> lab[offset] = L in [0, 100], lab[offset + 1] = a, lab[offset + 2] = b. */
    public static void rgbToLab(int rgb, float[] lab, int offset) {
        double r = TO_LINEAR[(rgb >> 16) & 0xFF];
        double g = TO_LINEAR[(rgb >> 8) & 0xFF];
        double b = TO_LINEAR[rgb & 0xFF];
        double fx = f((M_XR * r + M_XG * g + M_XB * b) / XN);
        double fy = f((M_YR * r + M_YG * g + M_YB * b) / YN);
        double fz = f((M_ZR * r + M_ZG * g + M_ZB * b) / ZN);
        lab[offset] = (float) (116.0 * fy - 16.0);
        lab[offset + 1] = (float) (500.0 * (fx - fy));
        lab[offset + 2] = (float) (200.0 * (fy - fz));
    }

    /** Lab -> packed 0xRRGGBB; colors outside the sRGB gamut are clipped per channel to [0, 255], then rounded. */
    public static int labToRgb(float l, float a, float b) {
        double fy = (l + 16.0) * INV_116;
        double x = fInverse(fy + a * INV_500); // X / XN
        double y = fInverse(fy); // Y / YN
        double z = fInverse(fy - b * INV_200); // Z / ZN
        return encode8(RX * x + RY * y + RZ * z) << 16 | encode8(GX * x + GY * y + GZ * z) << 8
                | encode8(BX * x + BY * y + BZ * z);
    }

    /**
     * Lab -> 16-bit sRGB, into rgb[0..2] (0..65535 each): as {@link #labToRgb}, encoded through the sRGB curve to
     * 16 bits instead of 8 (for outputs that keep a 16-bit input's precision).
     */
    public static void labToRgb16(float l, float a, float b, int[] rgb) {
        double fy = (l + 16.0) * INV_116;
        double x = fInverse(fy + a * INV_500);
        double y = fInverse(fy);
        double z = fInverse(fy - b * INV_200);
        rgb[0] = encode16(RX * x + RY * y + RZ * z);
        rgb[1] = encode16(GX * x + GY * y + GZ * z);
        rgb[2] = encode16(BX * x + BY * y + BZ * z);
    }

    /** L in [0, 100] of the neutral gray whose sRGB-encoded samples are gray16 / 65535, gray16 in 0..65535. */
    public static float lightness16(int gray16) {
        return Gray16.LIGHTNESS[gray16];
    }

    // the table of lightness16, built on first use (65 536 entries, a few milliseconds)
    private static final class Gray16 {
        static final float[] LIGHTNESS = new float[65536];

        static {
            for (int g = 0; g < LIGHTNESS.length; g++) { // as rgbToLab's L of R = G = B, Y / YN of the linear gray
                LIGHTNESS[g] = (float) (116.0 * f(decode(g / 65535.0) * (M_YR + M_YG + M_YB) / YN) - 16.0);
            }
        }
    }

    // linear intensity -> 16-bit sRGB code, clipped to [0, 65535], rounded
    private static int encode16(double linear) {
        double v = Math.max(0, Math.min(1, linear));
        double encoded = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
        return (int) Math.round(encoded * 65535);
    }

    /** L in [0, 100] of the neutral gray (gray8, gray8, gray8), gray8 in 0..255. */
    public static float lightness(int gray8) {
        return GRAY_LIGHTNESS[gray8];
    }

    /** Planar float[3 * H * W]: the L plane, then the a plane, then the b plane, each row-major. */
    public static float[] toLab(BufferedImage image) {
        int[] rgb = packedRgb(image);
        int n = rgb.length;
        float[] planes = new float[3 * n];
        float[] lab = new float[3];
        for (int i = 0; i < n; i++) {
            rgbToLab(rgb[i], lab, 0);
            planes[i] = lab[0];
            planes[n + i] = lab[1];
            planes[2 * n + i] = lab[2];
        }
        return planes;
    }

    /**
     * float[H * W], row-major: L in [0, 100] of each pixel, from its luminance Y through an interpolated table of
     * 116 f(Y) - 16 (within 5e-4 of {@link #rgbToLab}'s L; gray pixels take the exact gray table). Rows are converted
     * in parallel bands.
     */
    public static float[] lightnessPlane(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] l = new float[w * h];
        forEachBand(h, w, (y0, y1) -> {
            int[] rgb = packedRgb(image, y0, y1 - y0, null);
            for (int i = 0, o = y0 * w; i < rgb.length; i++, o++) {
                int p = rgb[i] & 0xFFFFFF;
                int g = p & 0xFF;
                l[o] = p == g * 0x010101 ? GRAY_LIGHTNESS[g] : lightnessOfColor(p);
            }
        });
        return l;
    }

    // L of a packed 0xRRGGBB: Y (white = 1) -> position on the L_OF_Y grid -> linear interpolation
    private static float lightnessOfColor(int p) {
        float y = (float) ((M_YR * TO_LINEAR_F[p >> 16 & 0xFF] + M_YG * TO_LINEAR_F[p >> 8 & 0xFF]
                + M_YB * TO_LINEAR_F[p & 0xFF]) / YN);
        float pos = y * L_SEGMENTS;
        int k = Math.min(L_SEGMENTS, (int) pos);
        float t = pos - k;
        return L_OF_Y[k] + t * (L_OF_Y[k + 1] - L_OF_Y[k]);
    }

    /** A band of rows [y0, y1). */
    public interface Band {
        void rows(int y0, int y1);
    }

    /**
     * Runs {@code band} over rows [0, height) of a picture {@code width} wide, in bands of about 256 K pixels on the
     * common fork-join pool (one band, in the caller, for a small picture): big enough to amortise the task, small
     * enough for several per core on a multi-megapixel picture.
     */
    public static void forEachBand(int height, int width, Band band) {
        int rows = bandRows(width);
        int bands = (height + rows - 1) / rows;
        if (bands <= 1) {
            band.rows(0, height);
            return;
        }
        java.util.stream.IntStream.range(0, bands).parallel()
                .forEach(b -> band.rows(b * rows, Math.min(height, (b + 1) * rows)));
    }

    /** The rows of each band {@link #forEachBand} cuts a picture {@code width} wide into (the last may be shorter). */
    public static int bandRows(int width) {
        return Math.max(1, (1 << 18) / Math.max(1, width));
    }

    /**
     * Packed 0xRRGGBB of each pixel, row-major (alpha bits may be set; callers mask). 8- and 16-bit gray images are
     * read from the raster as sRGB-encoded gray (g, g, g): {@link BufferedImage#getRGB} would treat their samples as
     * linear and brighten them (128 -> 188).
     */
    public static int[] packedRgb(BufferedImage image) {
        return packedRgb(image, 0, image.getHeight(), null);
    }

    /**
     * {@link #packedRgb(BufferedImage)} of rows [y, y + rows) into {@code dst} (length W * rows; null: a new array).
     * A TYPE_INT_RGB image is copied from its raster row by row, without getRGB's per-pixel color model call.
     */
    public static int[] packedRgb(BufferedImage image, int y, int rows, int[] dst) {
        int w = image.getWidth();
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB) {
            Raster raster = image.getRaster();
            return (int[]) raster.getDataElements(raster.getMinX(), raster.getMinY() + y, w, rows, dst);
        }
        if (type != BufferedImage.TYPE_BYTE_GRAY && type != BufferedImage.TYPE_USHORT_GRAY) {
            return image.getRGB(0, y, w, rows, dst, 0, w);
        }
        Raster raster = image.getRaster();
        int[] pixels = raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, rows, 0, dst);
        boolean sixteenBit = type == BufferedImage.TYPE_USHORT_GRAY;
        for (int i = 0; i < pixels.length; i++) {
            int g = sixteenBit ? (pixels[i] * 255 + 32767) / 65535 : pixels[i];
            pixels[i] = g * 0x010101;
        }
        return pixels;
    }

    // sRGB transfer curve: encoded value in [0, 1] -> linear intensity in [0, 1]
    private static double decode(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    // linear intensity -> nearest 8-bit sRGB code, clipped: the bucket's first code, plus one if the value lies past
    // that code's upper boundary; exactly encode8Search, without branches (the bucket index clamped as an int: below 0
    // and NaN, which converts to 0, read bucket 0 and compare false; 1 and above read code 255, whose boundary is
    // infinite), so that the unpredictable
    // comparisons of colorful pictures cost no mispredictions
    private static int encode8(double linear) {
        int bucket = Math.max(0, Math.min(ENCODE_BUCKETS, (int) (linear * ENCODE_BUCKETS)));
        return ENCODE_START[bucket] + (linear >= ENCODE_BOUND[bucket] ? 1 : 0);
    }

    // linear intensity -> nearest 8-bit sRGB code, clipped; binary search of the rounding boundaries (exact, no pow)
    private static int encode8Search(double linear) {
        int lo = 0;
        int hi = 255;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (linear >= LINEAR_BOUNDS[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double f(double t) {
        return t > DELTA3 ? Math.cbrt(t) : t * F_SLOPE + 4.0 / 29.0;
    }

    private static double fInverse(double t) {
        return t > DELTA ? t * t * t : (t - 4.0 / 29.0) * INV_F_SLOPE;
    }

    // row-major 3x3 inverse by cofactors
    private static double[] invert3x3(double[] m) {
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        return new double[] {
            c00 / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            c01 / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            c02 / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det};
    }
}
