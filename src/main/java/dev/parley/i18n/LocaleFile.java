package dev.parley.i18n;

import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One locale's YAML file, nested maps flattened to dotted keys. Each template remembers its line so that a
 * disagreement between locales can be reported as {@code locales/zh-CN.yaml:12}.
 *
 * @param locale  the locale tag, e.g. {@code zh-CN}
 * @param path    the file as named in messages, e.g. {@code locales/zh-CN.yaml}
 * @param entries dotted key to template and line, in file order
 */
record LocaleFile(String locale, String path, Map<String, Entry> entries) {

    /**
     * @param template the message with {@code {name}} placeholders
     * @param line     1-based line of the value in the file
     */
    record Entry(String template, int line) {
    }

    /**
     * @param locale the locale tag
     * @param yaml   the file's content
     * @return the flattened file
     * @throws LocaleException for malformed YAML, duplicate keys, or values that are not strings
     */
    static LocaleFile parse(String locale, String yaml) {
        String path = "locales/" + locale + ".yaml";
        if (!LocaleTags.isWellFormed(locale)) {
            throw new LocaleException(path + ": '" + locale + "' is not a locale tag such as en or zh-CN");
        }
        Node root;
        try {
            root = new Yaml().compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new LocaleException(path + ":" + (mark == null ? 1 : mark.getLine() + 1) + ": invalid YAML: "
                    + e.getProblem());
        } catch (YAMLException e) {
            throw new LocaleException(path + ": invalid YAML: " + e.getMessage());
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (root != null) {
            if (!(root instanceof MappingNode mapping)) {
                throw new LocaleException(path + ":" + line(root) + ": expected a map of keys to messages");
            }
            flatten(path, "", mapping, entries);
        }
        return new LocaleFile(locale, path, Collections.unmodifiableMap(entries));
    }

    private static void flatten(String path, String prefix, MappingNode mapping, Map<String, Entry> entries) {
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getValue().isBlank()) {
                throw new LocaleException(path + ":" + line(tuple.getKeyNode()) + ": keys must be plain words");
            }
            String key = prefix + keyNode.getValue();
            Integer first = seen.putIfAbsent(keyNode.getValue(), line(keyNode));
            if (first != null) {
                throw new LocaleException(path + ":" + line(keyNode) + ": key '" + key + "' is defined twice (also at line "
                        + first + ")");
            }
            Node value = tuple.getValueNode();
            if (value instanceof MappingNode nested) {
                flatten(path, key + ".", nested, entries);
            } else if (value instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
                Entry previous = entries.putIfAbsent(key, new Entry(scalar.getValue(), line(value)));
                if (previous != null) {
                    throw new LocaleException(path + ":" + line(keyNode) + ": key '" + key + "' is defined twice (also at line "
                            + previous.line() + ")");
                }
            } else {
                throw new LocaleException(path + ":" + line(value) + ": key '" + key
                        + "' must have a text value or nested keys");
            }
        }
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
