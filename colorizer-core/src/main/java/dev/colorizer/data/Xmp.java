package dev.colorizer.data;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * XMP packets as XML documents (RDF/XML inside x:xmpmeta): the input's packet carried over to an output with what
 * no longer holds taken out (tiff:Orientation, since the pixels are turned upright; xmp:Thumbnails, which show the
 * gray picture), and a record of fields of one namespace written in and read back (the colorizer's provenance). Parsed
 * without DTDs or external entities: a packet is data from the file, never a reason to fetch anything.
 */
public final class Xmp {
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String X = "adobe:ns:meta/";
    private static final String TIFF_NS = "http://ns.adobe.com/tiff/1.0/";
    private static final String XMP_NS = "http://ns.adobe.com/xap/1.0/";
    private static final List<String[]> STALE = List.of(new String[] {TIFF_NS, "Orientation"},
            new String[] {XMP_NS, "Thumbnails"});

    private Xmp() {}

    /**
     * The packet {@code xmp} (null: a new one) with what no longer holds taken out and, when {@code record} is not
     * empty, one rdf:Description of namespace {@code namespace} (prefix {@code prefix}) holding each field as an
     * element, in the map's order, replacing any earlier record of that namespace. Null when there is neither a
     * packet nor a record; a packet that is not XMP is replaced by the record alone.
     */
    public static String merged(String xmp, String namespace, String prefix, Map<String, String> record) {
        Document doc = xmp == null ? null : withoutStale(parse(xmp));
        if (doc == null && record.isEmpty()) {
            return null;
        }
        if (doc == null) {
            doc = builder().newDocument();
            Element meta = doc.createElementNS(X, "x:xmpmeta");
            doc.appendChild(meta);
            meta.appendChild(doc.createElementNS(RDF, "rdf:RDF"));
        }
        remove(doc.getDocumentElement(), namespace, null);
        if (!record.isEmpty()) {
            Element description = doc.createElementNS(RDF, "rdf:Description");
            description.setAttributeNS(RDF, "rdf:about", "");
            description.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, namespace);
            for (Map.Entry<String, String> field : record.entrySet()) {
                Element element = doc.createElementNS(namespace, prefix + ":" + field.getKey());
                element.setTextContent(field.getValue());
                description.appendChild(element);
            }
            first(doc.getDocumentElement(), RDF, "RDF").appendChild(description);
        }
        return packet(doc);
    }

    /** The packet with what no longer holds taken out; null when it is null or not XMP (RDF/XML). */
    public static String withoutStale(String xmp) {
        Document doc = xmp == null ? null : withoutStale(parse(xmp));
        return doc == null ? null : packet(doc);
    }

    // the document with the STALE properties taken out; null when it is null or holds no rdf:RDF
    private static Document withoutStale(Document doc) {
        if (doc == null || first(doc.getDocumentElement(), RDF, "RDF") == null) {
            return null;
        }
        for (String[] stale : STALE) {
            remove(doc.getDocumentElement(), stale[0], stale[1]);
        }
        return doc;
    }

    private static String packet(Document doc) {
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>" + serialized(doc.getDocumentElement())
                + "<?xpacket end=\"w\"?>";
    }

    /**
     * The fields of namespace {@code namespace} in the packet (elements or attributes of its rdf:Descriptions), in
     * document order; empty when there are none or the packet is not XML.
     */
    public static Map<String, String> fields(String xmp, String namespace) {
        Map<String, String> fields = new LinkedHashMap<>();
        Document doc = xmp == null ? null : parse(xmp);
        if (doc != null) {
            collect(doc.getDocumentElement(), namespace, fields);
        }
        return fields;
    }

    private static void collect(Element element, String namespace, Map<String, String> into) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (namespace.equals(a.getNamespaceURI())) {
                into.put(a.getLocalName(), a.getValue());
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                if (namespace.equals(e.getNamespaceURI())) {
                    into.put(e.getLocalName(), e.getTextContent());
                } else {
                    collect(e, namespace, into);
                }
            }
        }
    }

    // removes, under element, the elements and attributes of the namespace named local (null: any name)
    private static void remove(Element element, String namespace, String local) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = attributes.getLength() - 1; i >= 0; i--) {
            Attr a = (Attr) attributes.item(i);
            if (namespace.equals(a.getNamespaceURI()) && (local == null || local.equals(a.getLocalName()))) {
                element.removeAttributeNode(a);
            }
        }
        for (Node child = element.getFirstChild(); child != null; ) {
            Node next = child.getNextSibling();
            if (child instanceof Element e) {
                if (namespace.equals(e.getNamespaceURI()) && (local == null || local.equals(e.getLocalName()))) {
                    element.removeChild(e);
                } else {
                    remove(e, namespace, local);
                }
            }
            child = next;
        }
        // an rdf:Description left empty by the removal (e.g. the earlier record) goes too
        if (RDF.equals(element.getNamespaceURI()) && "Description".equals(element.getLocalName())
                && !element.hasChildNodes() && onlyAboutAndNamespaces(element) && element.getParentNode() != null) {
            element.getParentNode().removeChild(element);
        }
    }

    private static boolean onlyAboutAndNamespaces(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            boolean about = RDF.equals(a.getNamespaceURI()) && "about".equals(a.getLocalName());
            if (!about && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                return false;
            }
        }
        return true;
    }

    private static Element first(Element element, String namespace, String local) {
        NodeList found = element.getElementsByTagNameNS(namespace, local);
        if (namespace.equals(element.getNamespaceURI()) && local.equals(element.getLocalName())) {
            return element;
        }
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    // the packet parsed, or null when it is not XML (a damaged packet is dropped, not fatal)
    private static Document parse(String xmp) {
        try {
            return builder().parse(new ByteArrayInputStream(xmp.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (org.xml.sax.SAXException | java.io.IOException e) {
            return null;
        }
    }

    // one parser and one serializer a thread, made once: finding the JDK's XML factories searches the class path
    // (in the one-jar build, 145 MB) and cost predict about a fifth of its throughput on small pictures when done a
    // picture; neither is thread-safe, both are reusable once a document is done (reset before each use)
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(Xmp::newBuilder);
    private static final ThreadLocal<Transformer> SERIALIZER = ThreadLocal.withInitial(Xmp::newSerializer);

    private static DocumentBuilder builder() {
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // fails, prints nothing
        return builder;
    }

    private static Transformer newSerializer() {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            return transformer;
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK's XML serializer takes these properties", e);
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // fails, prints nothing
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser takes these features", e);
        }
    }

    private static String serialized(Element root) {
        try {
            Transformer transformer = SERIALIZER.get();
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(root), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("a DOM built here always serializes", e);
        }
    }
}
