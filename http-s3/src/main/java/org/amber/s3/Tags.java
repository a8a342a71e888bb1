package org.amber.s3;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.amber.s3.xml.XmlOut;

/**
 * Object tags: parsed from a {@code <Tagging>} document or an {@code x-amz-tagging} header
 * (URL-query encoded), checked against S3's limits, and written back as {@code <Tagging>}.
 */
public final class Tags {
    /** S3's limits: 10 tags per object, keys of 1–128 and values of 0–256 Unicode characters. */
    static final int MAX_TAGS = 10;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 256;
    private static final XMLInputFactory FACTORY = newFactory();

    private Tags() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /** {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>}; MalformedXML otherwise. */
    public static Map<String, String> fromXml(byte[] body) {
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            r.nextTag();
            expect(r, "Tagging");
            r.nextTag();
            expect(r, "TagSet");
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                expect(r, "Tag");
                String key = null;
                String value = null;
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    String text = r.getElementText();
                    if ("Key".equals(name)) {
                        key = text;
                    } else if ("Value".equals(name)) {
                        value = text;
                    }
                }
                if (key == null || value == null) {
                    throw new S3Exception(S3Error.MALFORMED_XML);
                }
                put(tags, key, value);
            }
        } catch (XMLStreamException | IllegalStateException e) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        return check(tags);
    }

    /** The {@code x-amz-tagging} header: {@code k1=v1&k2=v2}, URL-encoded; empty when absent. */
    public static Map<String, String> fromHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return tags;
        }
        for (String pair : header.split("&")) {
            int eq = pair.indexOf('=');
            put(tags, Percent.decodeQuery(eq < 0 ? pair : pair.substring(0, eq)),
                    eq < 0 ? "" : Percent.decodeQuery(pair.substring(eq + 1)));
        }
        return check(tags);
    }

    /** The GetObjectTagging document. */
    public static byte[] toXml(Map<String, String> tags) {
        XmlOut x = XmlOut.s3("Tagging").start("TagSet");
        tags.forEach((k, v) -> x.start("Tag").el("Key", k).el("Value", v).end());
        return x.end().finish();
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (tags.put(key, value) != null) {
            throw new S3Exception(S3Error.INVALID_TAG, "Cannot provide multiple Tags with the same key");
        }
    }

    private static Map<String, String> check(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new S3Exception(S3Error.INVALID_TAG, "Object tags cannot be greater than 10");
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            int keyLength = t.getKey().codePointCount(0, t.getKey().length());
            if (keyLength == 0 || keyLength > MAX_KEY) {
                throw new S3Exception(S3Error.INVALID_TAG, "The TagKey you have provided is invalid");
            }
            if (t.getValue().codePointCount(0, t.getValue().length()) > MAX_VALUE) {
                throw new S3Exception(S3Error.INVALID_TAG, "The TagValue you have provided is too long, max 256");
            }
        }
        return tags;
    }

    private static void expect(XMLStreamReader r, String name) {
        if (!name.equals(r.getLocalName())) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
    }
}
