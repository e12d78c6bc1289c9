package dev.colorizer.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The values of one tag of a TIFF page, read from the reader's native metadata: {@code javax_imageio_tiff_image_1.0},
 * the tree both the JDK's TIFF reader and TwelveMonkeys' give (TIFFIFD > TIFFField number="274" > TIFFShorts >
 * TIFFShort value="6").
 */
final class TiffTags {
    static final int ORIENTATION = 274;
    /** What each sample beyond the color ones is: 0 unspecified, 1 premultiplied alpha, 2 straight alpha. */
    static final int EXTRA_SAMPLES = 338;

    private TiffTags() {}

    /** Whether {@code reader} (set to its input) reads a TIFF. */
    static boolean isTiff(ImageReader reader) throws IOException {
        return reader.getFormatName().toLowerCase(Locale.ROOT).contains("tif");
    }

    /**
     * The integer values of tag {@code tag} of page {@code page} (0-based) of the TIFF {@code reader} reads, in order;
     * empty when the page has no such tag, or a value is not an integer.
     */
    static int[] values(ImageReader reader, int page, int tag) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(page);
        String format = metadata == null ? null : metadata.getNativeMetadataFormatName();
        if (format == null) {
            return new int[0];
        }
        String number = Integer.toString(tag);
        Element field = MetadataTree.first(metadata.getAsTree(format),
                e -> e.getNodeName().equals("TIFFField") && number.equals(e.getAttribute("number")));
        List<Element> values = new ArrayList<>();
        if (field != null) {
            withValues(field, values);
        }
        int[] out = new int[values.size()];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = Integer.parseInt(values.get(i).getAttribute("value").trim());
            }
        } catch (NumberFormatException e) {
            return new int[0];
        }
        return out;
    }

    private static void withValues(Node node, List<Element> out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.hasAttribute("value")) {
                out.add(e);
            } else {
                withValues(child, out);
            }
        }
    }
}
