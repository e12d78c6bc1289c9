package dev.colorizer.eval;

import dev.colorizer.color.Lab;
import java.awt.image.BufferedImage;

/**
 * Per-image quality measures on 8-bit sRGB images, computed over the R, G and B channels. Pairwise measures need
 * images of equal size. Pixels are read with {@link Lab#packedRgb}, so gray images count as (g, g, g).
 */
public final class ImageMetrics {
    /** PSNR of identical images, and the ceiling of every PSNR: keeps averages over a data set finite. */
    public static final double PSNR_CAP = 100.0;

    // SSIM, Wang et al. 2004: Gaussian window of side 11 (or the smaller image side), sigma 1.5, on 0..255
    private static final int SSIM_WINDOW = 11;
    private static final double SSIM_SIGMA = 1.5;
    private static final double C1 = (0.01 * 255) * (0.01 * 255);
    private static final double C2 = (0.03 * 255) * (0.03 * 255);

    private ImageMetrics() {
    }

    /** Mean over pixels and R, G, B of ((x - y) / 255)^2, in [0, 1]. */
    public static double mse(BufferedImage a, BufferedImage b) {
        return squaredError8(a, b) / (255.0 * 255.0);
    }

    /** 10 log10(255^2 / MSE) in dB, MSE on the 0..255 scale over R, G, B; at most {@link #PSNR_CAP}. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        double mse8 = squaredError8(a, b);
        return mse8 == 0 ? PSNR_CAP : Math.min(PSNR_CAP, 10 * Math.log10(255.0 * 255.0 / mse8));
    }

    /**
     * Mean SSIM (Wang et al. 2004) over R, G, B: Gaussian weights (sigma 1.5, 11x11, normalised), K1 = 0.01,
     * K2 = 0.03, L = 255, population (co)variances, averaged over the window positions that lie fully inside the
     * image (no padding), then over the channels. Matches scikit-image's {@code structural_similarity(...,
     * gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)}. Images narrower or shorter
     * than 11 px use a square window of side min(width, height), same sigma, renormalised (skimage refuses them).
     */
    public static double ssim(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a, b);
        int[] pb = Lab.packedRgb(b);
        int w = a.getWidth();
        int h = a.getHeight();
        double[] kernel = gaussian(Math.min(SSIM_WINDOW, Math.min(w, h)));
        double[] x = new double[w * h];
        double[] y = new double[w * h];
        double sum = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (pa[i] >> shift) & 0xFF;
                y[i] = (pb[i] >> shift) & 0xFF;
            }
            sum += ssimChannel(x, y, w, h, kernel);
        }
        return sum / 3;
    }

    /**
     * Colorfulness (Hasler and Süsstrunk 2003) on 0..255: rg = R - G, yb = (R + G) / 2 - B;
     * sqrt(sd_rg^2 + sd_yb^2) + 0.3 sqrt(mean_rg^2 + mean_yb^2), population standard deviations. 0 for gray images.
     */
    public static double colorfulness(BufferedImage image) {
        int[] p = Lab.packedRgb(image);
        long sumRg = 0;
        long sumRg2 = 0;
        long sumYb = 0; // of 2 * yb, an integer
        long sumYb2 = 0;
        for (int rgb : p) {
            int r = (rgb >> 16) & 0xFF;
            int g = (rgb >> 8) & 0xFF;
            int b = rgb & 0xFF;
            int rg = r - g;
            int yb2 = r + g - 2 * b;
            sumRg += rg;
            sumRg2 += (long) rg * rg;
            sumYb += yb2;
            sumYb2 += (long) yb2 * yb2;
        }
        double n = p.length;
        double meanRg = sumRg / n;
        double meanYb = sumYb / n / 2;
        double varRg = Math.max(0, sumRg2 / n - meanRg * meanRg);
        double varYb = Math.max(0, sumYb2 / n / 4 - meanYb * meanYb);
        return Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
    }

    // mean over pixels and R, G, B of (x - y)^2 on 0..255
    private static double squaredError8(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a, b);
        int[] pb = Lab.packedRgb(b);
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            int u = pa[i];
            int v = pb[i];
            int dr = ((u >> 16) & 0xFF) - ((v >> 16) & 0xFF);
            int dg = ((u >> 8) & 0xFF) - ((v >> 8) & 0xFF);
            int db = (u & 0xFF) - (v & 0xFF);
            sum += dr * dr + dg * dg + db * db;
        }
        return sum / (3.0 * pa.length);
    }

    // a's pixels, after checking that b has the same size
    private static int[] pixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("images differ in size: " + a.getWidth() + "x" + a.getHeight()
                + " vs " + b.getWidth() + "x" + b.getHeight());
        }
        return Lab.packedRgb(a);
    }

    // normalised Gaussian weights, sigma 1.5, centred in a window of the given side
    private static double[] gaussian(int side) {
        double[] k = new double[side];
        double centre = (side - 1) / 2.0;
        double total = 0;
        for (int i = 0; i < side; i++) {
            double d = i - centre;
            k[i] = Math.exp(-d * d / (2 * SSIM_SIGMA * SSIM_SIGMA));
            total += k[i];
        }
        for (int i = 0; i < side; i++) {
            k[i] /= total;
        }
        return k;
    }

    // mean SSIM of one channel (x, y: H*W row-major, 0..255) over the valid window positions; separable filtering
    private static double ssimChannel(double[] x, double[] y, int w, int h, double[] k) {
        int n = k.length;
        int ow = w - n + 1; // valid output width and height
        int oh = h - n + 1;
        // horizontal pass: (H, ow) maps of the weighted x, y, x^2, y^2, x*y
        double[] hx = new double[h * ow];
        double[] hy = new double[h * ow];
        double[] hxx = new double[h * ow];
        double[] hyy = new double[h * ow];
        double[] hxy = new double[h * ow];
        for (int r = 0; r < h; r++) {
            int row = r * w;
            for (int c = 0; c < ow; c++) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int t = 0; t < n; t++) {
                    double wt = k[t];
                    double u = x[row + c + t];
                    double v = y[row + c + t];
                    sx += wt * u;
                    sy += wt * v;
                    sxx += wt * u * u;
                    syy += wt * v * v;
                    sxy += wt * u * v;
                }
                int o = r * ow + c;
                hx[o] = sx;
                hy[o] = sy;
                hxx[o] = sxx;
                hyy[o] = syy;
                hxy[o] = sxy;
            }
        }
        // vertical pass, fused with the SSIM map and its mean over the (oh, ow) valid positions
        double total = 0;
        for (int r = 0; r < oh; r++) {
            for (int c = 0; c < ow; c++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int t = 0; t < n; t++) {
                    double wt = k[t];
                    int o = (r + t) * ow + c;
                    mx += wt * hx[o];
                    my += wt * hy[o];
                    mxx += wt * hxx[o];
                    myy += wt * hyy[o];
                    mxy += wt * hxy[o];
                }
                double vx = mxx - mx * mx;
                double vy = myy - my * my;
                double cov = mxy - mx * my;
                total += (2 * mx * my + C1) * (2 * cov + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
            }
        }
        return total / ((double) oh * ow);
    }
}
