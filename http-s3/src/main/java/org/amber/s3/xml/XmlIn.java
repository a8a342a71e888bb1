package org.amber.s3.xml;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * Parses the small configuration documents clients send (at most {@link #MAX_BYTES}), with DTDs
 * and external entities off, into a flat map of leaf element paths to text.
 */
public final class XmlIn {
    /** Configuration bodies are tiny; MinIO limits lock configuration to 4 KiB too. */
    public static final int MAX_BYTES = 4096;
    private static final XMLInputFactory FACTORY = newFactory();

    private XmlIn() {
    }

    public static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /**
     * Leaf elements by path from the root, e.g. {@code VersioningConfiguration/Status -> Enabled};
     * the root's own name is returned under the key {@code ""}. Throws MalformedXML for anything that
     * is not well-formed XML.
     */
    public static Map<String, String> leaves(byte[] body) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder path = new StringBuilder();
        StringBuilder text = new StringBuilder();
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (path.length() == 0) {
                        out.put("", r.getLocalName());
                    }
                    path.append(path.length() == 0 ? "" : "/").append(r.getLocalName());
                    text.setLength(0);
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    text.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    out.putIfAbsent(path.toString(), text.toString().trim());
                    int cut = path.lastIndexOf("/");
                    path.setLength(Math.max(cut, 0));
                    text.setLength(0);
                } else if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new S3Exception(S3Error.MALFORMED_XML);
                }
            }
        } catch (XMLStreamException e) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        if (!out.containsKey("")) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        return out;
    }
}
