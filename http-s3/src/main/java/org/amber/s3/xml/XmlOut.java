package org.amber.s3.xml;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Builds one S3 XML response body with StAX; every response type writes itself through this. */
public final class XmlOut {
    /** The S3 namespace every response root carries. */
    public static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final XMLStreamWriter w;

    private XmlOut(String root, String namespace) {
        try {
            w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            if (namespace != null) {
                w.writeDefaultNamespace(namespace);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A document whose root element is in the S3 namespace. */
    public static XmlOut s3(String root) {
        return new XmlOut(root, S3_NS);
    }

    /** A document whose root element is in {@code namespace} (IAM and STS responses). */
    public static XmlOut ns(String root, String namespace) {
        return new XmlOut(root, namespace);
    }

    /** A document whose root has no namespace (error bodies). */
    public static XmlOut plain(String root) {
        return new XmlOut(root, null);
    }

    public XmlOut start(String name) {
        try {
            w.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlOut end() {
        try {
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <name>text</name>}; nothing at all when text is null. */
    public XmlOut el(String name, String text) {
        if (text == null) {
            return this;
        }
        start(name);
        try {
            w.writeCharacters(text);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return end();
    }

    /** Text inside the current element. */
    public XmlOut text(String text) {
        try {
            w.writeCharacters(text);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlOut el(String name, long value) {
        return el(name, Long.toString(value));
    }

    public XmlOut el(String name, boolean value) {
        return el(name, Boolean.toString(value));
    }

    /** An instant as S3 lists it: ISO-8601 UTC with milliseconds. */
    public XmlOut el(String name, Instant t) {
        return el(name, isoMillis(t));
    }

    public static String isoMillis(Instant t) {
        return ISO_MILLIS.format(t);
    }

    /** Closes the document and returns its bytes. */
    public byte[] finish() {
        try {
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
