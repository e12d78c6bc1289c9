package dev.colorizer.data;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A picture as read for colorizing and for writing its output, upright ({@link ExifOrientation}).
 *
 * @param rgb      its pixels as TYPE_INT_RGB 8-bit sRGB, what the model sees
 * @param deepGray where its samples have more than 8 bits (a 16-bit scan): its gray, (H, W) row-major in 0..65535
 *                 (the luma 0.299 R + 0.587 G + 0.114 B of a color one), for an output that keeps that precision;
 *                 null for 8-bit pictures
 * @param metadata what its output keeps of its metadata
 * @param warnings what the decoder reported and the reader noticed (a damaged JPEG, pages not read), one line each,
 *                 as predict prints them
 */
public record Picture(BufferedImage rgb, int[] deepGray, ImageMetadata metadata, List<String> warnings) {
    public Picture {
        warnings = List.copyOf(warnings);
    }
}
