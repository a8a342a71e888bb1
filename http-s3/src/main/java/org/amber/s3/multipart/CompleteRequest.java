package org.amber.s3.multipart;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.amber.lockd.Part;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.body.ChecksumAlgorithm;

/**
 * The body of CompleteMultipartUpload:
 * {@code <CompleteMultipartUpload><Part><PartNumber/><ETag/><ChecksumCRC32/>…</Part>…</CompleteMultipartUpload>}.
 * Anything else, no part at all, or more than {@link Part#MAX_PARTS} is MalformedXML, as on S3.
 */
public record CompleteRequest(List<Requested> parts) {
    /** 10,000 parts with their ETags and a checksum each. */
    public static final int MAX_BYTES = 4 << 20;
    private static final XMLInputFactory FACTORY = org.amber.s3.xml.XmlIn.newFactory();

    /**
     * One part as the client names it.
     *
     * @param etag      as sent, quotes removed
     * @param checksums the ChecksumXXX elements, by algorithm, base64 as sent
     */
    public record Requested(int number, String etag, Map<ChecksumAlgorithm, String> checksums) {
    }

    public static CompleteRequest parse(byte[] body) {
        List<Requested> parts = new ArrayList<>();
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            r.nextTag();
            if (!"CompleteMultipartUpload".equals(r.getLocalName())) {
                throw new S3Exception(S3Error.MALFORMED_XML);
            }
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (!"Part".equals(r.getLocalName()) || parts.size() == Part.MAX_PARTS) {
                    throw new S3Exception(S3Error.MALFORMED_XML);
                }
                parts.add(part(r));
            }
        } catch (XMLStreamException | IllegalStateException e) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        if (parts.isEmpty()) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        return new CompleteRequest(List.copyOf(parts));
    }

    private static Requested part(XMLStreamReader r) throws XMLStreamException {
        Integer number = null;
        String etag = null;
        Map<ChecksumAlgorithm, String> checksums = new TreeMap<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            String text = r.getElementText().trim();
            if ("PartNumber".equals(name)) {
                try {
                    number = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new S3Exception(S3Error.MALFORMED_XML);
                }
            } else if ("ETag".equals(name)) {
                etag = unquote(text);
            } else if (name.startsWith("Checksum") && !text.isEmpty()) {
                ChecksumAlgorithm a = ChecksumAlgorithm.fromName(name.substring("Checksum".length()))
                        .orElseThrow(() -> new S3Exception(S3Error.MALFORMED_XML));
                checksums.put(a, text);
            }
        }
        if (number == null || etag == null) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        return new Requested(number, etag, checksums);
    }

    /** An ETag without its quotes; clients send it quoted, with entities, or bare. */
    static String unquote(String etag) {
        String e = etag.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }
}
