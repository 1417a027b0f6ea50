package dev.parley.connector.gewe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One element of a parsed WeChat XML snippet. Look-ups never return {@code null}: a missing child is
 * {@link #EMPTY}, a missing attribute or text is {@code ""}, so callers can chain paths such as
 * {@code root.path("appmsg", "refermsg", "svrid").text()} without checks.
 *
 * @param name       the element's tag name, {@code ""} for {@link #EMPTY}
 * @param attributes the element's attributes by name
 * @param text       the element's own character data (text and CDATA), stripped of surrounding whitespace
 * @param children   the child elements in document order
 */
record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children) {

    /** The absent element: what failed parses and missing paths return. */
    static final XmlElement EMPTY = new XmlElement("", Map.of(), "", List.of());

    XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** @return whether this is the absent element */
    boolean isEmpty() {
        return this == EMPTY;
    }

    /**
     * @param childName tag name
     * @return the first child with that name, or {@link #EMPTY}
     */
    XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return EMPTY;
    }

    /**
     * @param names tag names from this element downwards
     * @return the element at the end of the path, or {@link #EMPTY}
     */
    XmlElement path(String... names) {
        XmlElement current = this;
        for (String childName : names) {
            current = current.child(childName);
        }
        return current;
    }

    /**
     * @param childName tag name
     * @return all children with that name, in document order
     */
    List<XmlElement> children(String childName) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /**
     * @param attributeName attribute name
     * @return its value, stripped, or {@code ""}
     */
    String attribute(String attributeName) {
        return attributes.getOrDefault(attributeName, "").strip();
    }

    /**
     * Depth-first search below this element.
     *
     * @param descendantName tag name
     * @return the text of the first descendant with that name and non-blank text, or {@code ""}
     */
    String firstText(String descendantName) {
        List<XmlElement> pending = new ArrayList<>(children.reversed());
        while (!pending.isEmpty()) {
            XmlElement next = pending.removeLast();
            if (next.name.equals(descendantName) && !next.text.isEmpty()) {
                return next.text;
            }
            pending.addAll(next.children.reversed());
        }
        return "";
    }
}
