package dev.colorizer.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * Image and plane resampling, separable (one pass per axis) and deterministic (plain Java, no Java2D hints).
 *
 * <p>{@link #resize} uses, per axis, area averaging when shrinking (each output pixel is the mean of the source area
 * it covers, fractional pixels weighted by their overlap: OpenCV's INTER_AREA, alias-free where Thumbnailator's
 * progressive bilinear halving only approximates it) and bilinear interpolation with half-pixel centers when
 * enlarging or keeping the size. {@link #resizePlane} is bilinear on both axes, exactly PyTorch's
 * {@code F.interpolate(mode="bilinear", align_corners=False, antialias=False)}.
 */
public final class Resize {
    private Resize() {
    }

    /** {@code src} (any type, converted by {@link ImageFiles#toRgb}) resampled to width x height, TYPE_INT_RGB. */
    public static BufferedImage resize(BufferedImage src, int width, int height) {
        checkSize(width, height);
        BufferedImage rgb = ImageFiles.toRgb(src);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] px = (int[]) rgb.getRaster().getDataElements(0, 0, w, h, null); // 0xRRGGBB, row-major
        Kernel kx = w > width ? Kernel.area(w, width) : Kernel.bilinear(w, width);
        Kernel ky = h > height ? Kernel.area(h, height) : Kernel.bilinear(h, height);

        // horizontal pass: h rows x width columns x 3 interleaved channels, still unrounded
        float[] tmp = new float[h * width * 3];
        for (int y = 0; y < h; y++) {
            int rowIn = y * w;
            int rowOut = y * width * 3;
            for (int x = 0; x < width; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int t = x * kx.taps, end = t + kx.taps; t < end; t++) {
                    int p = px[rowIn + kx.index[t]];
                    float wt = kx.weight[t];
                    r += wt * ((p >> 16) & 0xFF);
                    g += wt * ((p >> 8) & 0xFF);
                    b += wt * (p & 0xFF);
                }
                tmp[rowOut + x * 3] = r;
                tmp[rowOut + x * 3 + 1] = g;
                tmp[rowOut + x * 3 + 2] = b;
            }
        }

        // vertical pass over whole rows, rounded to 8 bit at the end only
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        float[] acc = new float[width * 3];
        for (int y = 0; y < height; y++) {
            Arrays.fill(acc, 0f);
            for (int t = y * ky.taps, end = t + ky.taps; t < end; t++) {
                int rowIn = ky.index[t] * width * 3;
                float wt = ky.weight[t];
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += wt * tmp[rowIn + i];
                }
            }
            for (int x = 0; x < width; x++) {
                dst[y * width + x] = to8(acc[x * 3]) << 16 | to8(acc[x * 3 + 1]) << 8 | to8(acc[x * 3 + 2]);
            }
        }
        return out;
    }

    /**
     * Bilinear resize of one float plane, row-major {@code src[y * w + x]}, to newW x newH, half-pixel centers
     * (align_corners=false): output pixel i samples source coordinate max(0, (i + 0.5) * w / newW - 0.5), edges
     * clamped. No antialiasing when shrinking, as in PyTorch; values are interpolated, never clipped.
     */
    public static float[] resizePlane(float[] src, int w, int h, int newW, int newH) {
        checkSize(w, h);
        checkSize(newW, newH);
        if (src.length != w * h) {
            throw new IllegalArgumentException("plane has " + src.length + " values, expected " + w + "x" + h);
        }
        Kernel kx = Kernel.bilinear(w, newW);
        Kernel ky = Kernel.bilinear(h, newH);
        float[] tmp = new float[h * newW];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < newW; x++) {
                int t = x * kx.taps;
                tmp[y * newW + x] = kx.weight[t] * src[y * w + kx.index[t]]
                    + kx.weight[t + 1] * src[y * w + kx.index[t + 1]];
            }
        }
        float[] out = new float[newH * newW];
        for (int y = 0; y < newH; y++) {
            int t = y * ky.taps;
            int r0 = ky.index[t] * newW;
            int r1 = ky.index[t + 1] * newW;
            float w0 = ky.weight[t];
            float w1 = ky.weight[t + 1];
            for (int x = 0; x < newW; x++) {
                out[y * newW + x] = w0 * tmp[r0 + x] + w1 * tmp[r1 + x];
            }
        }
        return out;
    }

    /**
     * Area-average resize of one float plane, row-major, to newW x newH, per axis: the mean of the source area each
     * output pixel covers when shrinking (as {@link #resize}), bilinear when enlarging or keeping the size.
     */
    public static float[] resizePlaneArea(float[] src, int w, int h, int newW, int newH) {
        checkSize(w, h);
        checkSize(newW, newH);
        if (src.length != w * h) {
            throw new IllegalArgumentException("plane has " + src.length + " values, expected " + w + "x" + h);
        }
        Kernel kx = w > newW ? Kernel.area(w, newW) : Kernel.bilinear(w, newW);
        Kernel ky = h > newH ? Kernel.area(h, newH) : Kernel.bilinear(h, newH);
        float[] tmp = new float[h * newW];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < newW; x++) {
                float v = 0;
                for (int t = x * kx.taps, end = t + kx.taps; t < end; t++) {
                    v += kx.weight[t] * src[y * w + kx.index[t]];
                }
                tmp[y * newW + x] = v;
            }
        }
        float[] out = new float[newH * newW];
        for (int y = 0; y < newH; y++) {
            for (int t = y * ky.taps, end = t + ky.taps; t < end; t++) {
                int row = ky.index[t] * newW;
                float wt = ky.weight[t];
                for (int x = 0; x < newW; x++) {
                    out[y * newW + x] += wt * tmp[row + x];
                }
            }
        }
        return out;
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * A 1-D resampling matrix in sparse form: output i = sum over t in [i * taps, (i + 1) * taps) of
     * weight[t] * source[index[t]]. Indices are clamped into the source; unused taps have weight 0.
     */
    private static final class Kernel {
        final int taps;
        final int[] index;
        final float[] weight;

        private Kernel(int taps, int outSize) {
            this.taps = taps;
            this.index = new int[taps * outSize];
            this.weight = new float[taps * outSize];
        }

        static Kernel bilinear(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            Kernel k = new Kernel(2, outSize);
            for (int i = 0; i < outSize; i++) {
                double x = Math.max(0.0, (i + 0.5) * scale - 0.5);
                int i0 = Math.min((int) x, inSize - 1);
                double f = x - i0;
                k.index[2 * i] = i0;
                k.index[2 * i + 1] = Math.min(i0 + 1, inSize - 1);
                k.weight[2 * i] = (float) (1.0 - f);
                k.weight[2 * i + 1] = (float) f;
            }
            return k;
        }

        // inSize > outSize: output i covers source [i * scale, (i + 1) * scale), scale > 1
        static Kernel area(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            Kernel k = new Kernel((int) Math.ceil(scale) + 1, outSize);
            for (int i = 0; i < outSize; i++) {
                double x0 = i * scale;
                double x1 = Math.min(inSize, (i + 1) * scale);
                int first = (int) Math.floor(x0);
                for (int t = 0; t < k.taps; t++) {
                    int j = first + t;
                    double overlap = j < inSize ? Math.min(x1, j + 1) - Math.max(x0, j) : 0.0;
                    k.index[i * k.taps + t] = Math.min(j, inSize - 1);
                    k.weight[i * k.taps + t] = (float) (Math.max(0.0, overlap) / scale);
                }
            }
            return k;
        }
    }
}
