package dev.colorizer.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Frames turned by quarter turns: a video stored sideways (a phone's, with a display rotation) is colored upright, as
 * the model learnt pictures, and turned back, so that the output keeps the stored frames and their rotation.
 */
final class QuarterTurns {
    private QuarterTurns() {}

    /**
     * The clockwise quarter turns that show a stored frame upright, from FFmpeg's display rotation (degrees the
     * frame is turned counter-clockwise by its display matrix, as {@code av_display_rotation_get} gives it; FFmpeg's
     * own players turn the frame clockwise by minus that angle).
     */
    static int uprightTurns(double rotation) {
        long quarters = Math.round(-rotation / 90);
        return (int) Math.floorMod(quarters, 4L);
    }

    /** The picture (TYPE_INT_RGB) turned clockwise by {@code turns} quarter turns (0 to 3). */
    static BufferedImage clockwise(BufferedImage picture, int turns) {
        if (turns == 0) {
            return picture;
        }
        int w = picture.getWidth();
        int h = picture.getHeight();
        boolean sideways = turns % 2 == 1;
        BufferedImage out = new BufferedImage(sideways ? h : w, sideways ? w : h, BufferedImage.TYPE_INT_RGB);
        int[] src = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int ow = out.getWidth();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = src[y * w + x];
                switch (turns) {
                    case 1 -> dst[x * ow + (h - 1 - y)] = p; // (x, y) -> (h - 1 - y, x)
                    case 2 -> dst[(h - 1 - y) * ow + (w - 1 - x)] = p;
                    default -> dst[(w - 1 - x) * ow + y] = p; // (x, y) -> (y, w - 1 - x)
                }
            }
        }
        return out;
    }
}
