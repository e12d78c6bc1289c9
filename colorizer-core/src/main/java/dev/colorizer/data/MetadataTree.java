package dev.colorizer.data;

import java.util.function.Predicate;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Searches an ImageIO metadata tree (a DOM of the reader's native format, e.g. TIFF's or GIF's). */
final class MetadataTree {
    private MetadataTree() {}

    /** The first element of the tree under {@code node} (itself included), depth first, that {@code match} accepts. */
    static Element first(Node node, Predicate<Element> match) {
        if (node instanceof Element e && match.test(e)) {
            return e;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Element found = first(child, match);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
