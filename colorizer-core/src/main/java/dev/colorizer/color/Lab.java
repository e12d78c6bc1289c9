package dev.colorizer.color;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
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

    private static final double DELTA = 6.0 / 29.0;
    private static final double DELTA3 = DELTA * DELTA * DELTA;
    private static final double F_SLOPE = 1.0 / (3.0 * DELTA * DELTA);

    // 8-bit sRGB code -> linear intensity in [0, 1]
    private static final double[] TO_LINEAR = new double[256];
    // LINEAR_BOUNDS[k] = linear intensity of the sRGB code k + 0.5: the rounding boundary between codes k and k + 1
    private static final double[] LINEAR_BOUNDS = new double[255];
    // L of the neutral gray (g, g, g), g in 0..255
    private static final float[] GRAY_LIGHTNESS = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            TO_LINEAR[i] = decode(i / 255.0);
        }
        for (int k = 0; k < 255; k++) {
            LINEAR_BOUNDS[k] = decode((k + 0.5) / 255.0);
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
        double fy = (l + 16.0) / 116.0;
        double x = XN * fInverse(fy + a / 500.0);
        double y = YN * fInverse(fy);
        double z = ZN * fInverse(fy - b / 200.0);
        int r = encode8(M_INV[0] * x + M_INV[1] * y + M_INV[2] * z);
        int g = encode8(M_INV[3] * x + M_INV[4] * y + M_INV[5] * z);
        int bl = encode8(M_INV[6] * x + M_INV[7] * y + M_INV[8] * z);
        return (r << 16) | (g << 8) | bl;
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

    /** float[H * W], row-major: L in [0, 100] of each pixel (the full conversion; gray pixels take the table). */
    public static float[] lightnessPlane(BufferedImage image) {
        int[] rgb = packedRgb(image);
        float[] l = new float[rgb.length];
        float[] lab = new float[3];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i] & 0xFFFFFF;
            int g = p & 0xFF;
            if (p == g * 0x010101) {
                l[i] = GRAY_LIGHTNESS[g];
            } else {
                rgbToLab(p, lab, 0);
                l[i] = lab[0];
            }
        }
        return l;
    }

    /**
     * l: float[H * W] in [0, 100]; ab: planar float[2 * H * W], the a plane then the b plane; both row-major.
     * Returns a new TYPE_INT_RGB image (out-of-gamut colors clipped per channel).
     */
    public static BufferedImage fromLab(float[] l, float[] ab, int width, int height) {
        int n = width * height;
        if (width <= 0 || height <= 0 || l.length != n || ab.length != 2 * n) {
            throw new IllegalArgumentException("fromLab " + width + "x" + height + " needs l of length " + n
                + " and ab of length " + 2 * n + ", got " + l.length + " and " + ab.length);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData(); // fresh image: no offset, no stride
        for (int i = 0; i < n; i++) {
            out[i] = labToRgb(l[i], ab[i], ab[n + i]);
        }
        return image;
    }

    /**
     * Packed 0xRRGGBB of each pixel, row-major (alpha bits may be set; callers mask). 8- and 16-bit gray images are
     * read from the raster as sRGB-encoded gray (g, g, g): {@link BufferedImage#getRGB} would treat their samples as
     * linear and brighten them (128 -> 188).
     */
    public static int[] packedRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int type = image.getType();
        if (type != BufferedImage.TYPE_BYTE_GRAY && type != BufferedImage.TYPE_USHORT_GRAY) {
            return image.getRGB(0, 0, w, h, null, 0, w);
        }
        Raster raster = image.getRaster();
        int[] pixels = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, 0, (int[]) null);
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

    // linear intensity -> nearest 8-bit sRGB code, clipped; binary search of the rounding boundaries (exact, no pow)
    private static int encode8(double linear) {
        int lo = 0;
        int hi = LINEAR_BOUNDS.length;
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
        return t > DELTA ? t * t * t : (t - 4.0 / 29.0) / F_SLOPE;
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
