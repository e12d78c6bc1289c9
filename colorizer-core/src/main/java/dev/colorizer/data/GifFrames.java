package dev.colorizer.data;

import java.awt.AlphaComposite;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The frames of a GIF as a viewer shows them. A GIF frame is a patch: a rectangle of the logical screen, with
 * transparent pixels where the picture shown before shows through, and a disposal rule for what stays after it. The
 * JDK's reader returns the patch alone, so frame {@code k} is composed here from frames 0..k on a canvas of the
 * logical screen's size (at least the first frame's extent: some writers leave the screen size 0), transparent where
 * no frame painted (composited over white later, as for any transparency).
 */
final class GifFrames {
    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";
    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private GifFrames() {}

    static boolean isGif(ImageReader reader) throws IOException {
        return reader.getFormatName().toLowerCase(Locale.ROOT).contains("gif");
    }

    /** The size every frame of the GIF is shown at. */
    static Dimension canvasSize(ImageReader reader) throws IOException {
        int w = 0;
        int h = 0;
        IIOMetadata stream = reader.getStreamMetadata();
        Element screen = stream == null ? null
                : first(stream.getAsTree(STREAM_FORMAT), "LogicalScreenDescriptor");
        if (screen != null) {
            w = intAttribute(screen, "logicalScreenWidth");
            h = intAttribute(screen, "logicalScreenHeight");
        }
        Rectangle first = patch(reader, 0);
        return new Dimension(Math.max(w, first.x + first.width), Math.max(h, first.y + first.height));
    }

    /** Frame {@code frame} (0-based) as shown: TYPE_INT_ARGB of {@link #canvasSize}. */
    static BufferedImage composed(ImageReader reader, int frame) throws IOException {
        Dimension size = canvasSize(reader);
        BufferedImage canvas = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        try {
            BufferedImage beforePatch = null; // the canvas before a frame whose rule is to restore it afterwards
            Rectangle previous = null;
            String previousDisposal = "none";
            for (int i = 0; i <= frame; i++) {
                if (previous != null && previousDisposal.equals("restoreToBackgroundColor")) {
                    g.setComposite(AlphaComposite.Clear); // viewers clear to transparent, not to the background color
                    g.fill(previous);
                } else if (previous != null && previousDisposal.equals("restoreToPrevious") && beforePatch != null) {
                    g.setComposite(AlphaComposite.Src);
                    g.drawImage(beforePatch, 0, 0, null);
                }
                Rectangle patch = patch(reader, i);
                String disposal = disposal(reader, i);
                beforePatch = disposal.equals("restoreToPrevious") && i < frame ? copy(canvas) : null;
                g.setComposite(AlphaComposite.SrcOver); // the patch's transparent pixels keep what is there
                g.drawImage(reader.read(i), patch.x, patch.y, null);
                previous = patch;
                previousDisposal = disposal;
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static Rectangle patch(ImageReader reader, int frame) throws IOException {
        Element descriptor = first(reader.getImageMetadata(frame).getAsTree(IMAGE_FORMAT), "ImageDescriptor");
        if (descriptor == null) {
            return new Rectangle(0, 0, reader.getWidth(frame), reader.getHeight(frame));
        }
        return new Rectangle(intAttribute(descriptor, "imageLeftPosition"), intAttribute(descriptor, "imageTopPosition"),
                reader.getWidth(frame), reader.getHeight(frame));
    }

    // none, doNotDispose, restoreToBackgroundColor or restoreToPrevious
    private static String disposal(ImageReader reader, int frame) throws IOException {
        Element control = first(reader.getImageMetadata(frame).getAsTree(IMAGE_FORMAT), "GraphicControlExtension");
        return control == null ? "none" : control.getAttribute("disposalMethod");
    }

    private static BufferedImage copy(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
        out.setData(img.getRaster());
        return out;
    }

    private static Element first(Node tree, String name) {
        return MetadataTree.first(tree, e -> e.getNodeName().equals(name));
    }

    private static int intAttribute(Element e, String name) {
        try {
            return Math.max(0, Integer.parseInt(e.getAttribute(name).trim()));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
