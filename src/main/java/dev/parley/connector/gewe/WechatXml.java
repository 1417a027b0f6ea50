package dev.parley.connector.gewe;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the XML that WeChat embeds in message contents ({@code <msg>}, {@code <sysmsg>},
 * {@code <msgsource>}) into a small {@link XmlElement} tree. It exists because that XML comes from
 * strangers: DTDs and external entities are refused (no XXE, no entity expansion), nesting is bounded,
 * and malformed input never throws; it yields {@link XmlElement#EMPTY} so callers fall back to the raw
 * text.
 */
final class WechatXml {

    /** Deeper nesting than any WeChat payload uses; beyond it the input is treated as hostile. */
    static final int MAX_DEPTH = 64;

    private static final XMLInputFactory FACTORY = secureFactory();
    /** The JDK does not document its factory as thread-safe, so reader creation is serialised. */
    private static final ReentrantLock FACTORY_LOCK = new ReentrantLock();

    private WechatXml() {
    }

    /**
     * @param xml an XML document or fragment with one root element; leading whitespace is allowed
     * @return the root element, or {@link XmlElement#EMPTY} when the input is blank, malformed, declares
     *     entities, or nests deeper than {@link #MAX_DEPTH}
     */
    static XmlElement parse(String xml) {
        if (xml == null || xml.isBlank()) {
            return XmlElement.EMPTY;
        }
        try {
            XMLStreamReader reader = open(xml.strip());
            try {
                return readRoot(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException malformed) {
            return XmlElement.EMPTY;
        }
    }

    private static XMLStreamReader open(String xml) throws XMLStreamException {
        FACTORY_LOCK.lock();
        try {
            return FACTORY.createXMLStreamReader(new StringReader(xml));
        } finally {
            FACTORY_LOCK.unlock();
        }
    }

    /** Builds the tree of the first root element and stops there, ignoring anything after it. */
    private static XmlElement readRoot(XMLStreamReader reader) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() == MAX_DEPTH) {
                        return XmlElement.EMPTY;
                    }
                    open.push(new Builder(reader));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        return done;
                    }
                    open.peek().children.add(done);
                }
                default -> {
                    // comments, processing instructions and the (ignored) DTD carry nothing we read
                }
            }
        }
        return XmlElement.EMPTY;
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** An element whose end tag has not been read yet. */
    private static final class Builder {
        private final String name;
        private final Map<String, String> attributes;
        private final StringBuilder text = new StringBuilder();
        private final List<XmlElement> children = new ArrayList<>();

        private Builder(XMLStreamReader reader) {
            name = reader.getLocalName();
            int count = reader.getAttributeCount();
            attributes = count == 0 ? Map.of() : new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
        }

        private XmlElement build() {
            return new XmlElement(name, attributes, text.toString().strip(), children);
        }
    }
}
