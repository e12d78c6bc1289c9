package dev.colorizer.color;

/**
 * The one gray value of a color, for training, prediction and the gray baseline alike: the 8-bit luma
 * Y = round(0.299 R + 0.587 G + 0.114 B), OpenCV's BGR2GRAY weights (which made the Kaggle gray files), rounded half
 * up, computed in integers so that it is exact (float arithmetic misrounds 824 of the 2^24 colors).
 */
public final class Luma {
    private Luma() {}

    /** Y in 0..255 of 0xRRGGBB (higher bits ignored). */
    public static int of(int rgb) {
        return (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF) + 500) / 1000;
    }
}
