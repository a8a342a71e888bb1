package org.amber.s3.xml;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * The body of DeleteObjects: {@code <Delete><Quiet/><Object><Key/><VersionId/></Object>…</Delete>},
 * at most {@link #MAX_OBJECTS} objects. Anything else is MalformedXML, as on S3.
 */
public record DeleteRequest(boolean quiet, List<ObjectId> objects) {
    /** S3's limit on keys per DeleteObjects request. */
    public static final int MAX_OBJECTS = 1000;
    /** 1,000 keys of up to 1,024 bytes each, escaped, with their version ids. */
    public static final int MAX_BYTES = 2 << 20;
    private static final XMLInputFactory FACTORY = XmlIn.newFactory();

    /** One key to delete; {@code versionId} is null for a simple delete. */
    public record ObjectId(String key, String versionId) {
    }

    public static DeleteRequest parse(byte[] body) {
        boolean quiet = false;
        List<ObjectId> objects = new ArrayList<>();
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            r.nextTag();
            expect(r, "Delete");
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if ("Quiet".equals(r.getLocalName())) {
                    quiet = Boolean.parseBoolean(r.getElementText().trim());
                } else if ("Object".equals(r.getLocalName())) {
                    objects.add(object(r));
                } else {
                    throw new S3Exception(S3Error.MALFORMED_XML);
                }
            }
        } catch (XMLStreamException | IllegalStateException e) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        if (objects.isEmpty() || objects.size() > MAX_OBJECTS) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        return new DeleteRequest(quiet, List.copyOf(objects));
    }

    private static ObjectId object(XMLStreamReader r) throws XMLStreamException {
        String key = null;
        String versionId = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            String text = r.getElementText();
            if ("Key".equals(name)) {
                key = text;
            } else if ("VersionId".equals(name)) {
                versionId = text.isEmpty() ? null : text;
            }
        }
        if (key == null || key.isEmpty()) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        return new ObjectId(key, versionId);
    }

    private static void expect(XMLStreamReader r, String name) {
        if (!name.equals(r.getLocalName())) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
    }
}
