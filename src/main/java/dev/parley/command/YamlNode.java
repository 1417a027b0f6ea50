package dev.parley.command;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A node of a catalog file that knows its file and line, so every complaint about it reads
 * {@code commands/search.yaml:12: ...}. Wraps SnakeYAML's composed nodes, which keep positions.
 */
final class YamlNode {
    private final String file;
    private final Node node;

    private YamlNode(String file, Node node) {
        this.file = file;
        this.node = node;
    }

    /**
     * @return the document's root, or empty for a file with nothing but comments
     * @throws CatalogException for malformed YAML
     */
    static Optional<YamlNode> parse(String file, String yaml) {
        try {
            return Optional.ofNullable(new Yaml().compose(new StringReader(yaml))).map(root -> new YamlNode(file, root));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw CatalogException.at(new Origin(file, mark == null ? 1 : mark.getLine() + 1),
                    "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw CatalogException.at(new Origin(file, 1), "invalid YAML: " + e.getMessage());
        }
    }

    Origin origin() {
        return new Origin(file, node.getStartMark().getLine() + 1);
    }

    CatalogException error(String reason) {
        return CatalogException.at(origin(), reason);
    }

    /**
     * @param what    what the map describes, for messages: {@code command 'search'}
     * @param allowed the keys it may have
     * @return key to value, in file order
     * @throws CatalogException when this is not a map, or has an unknown or repeated key
     */
    Map<String, YamlNode> fields(String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(what + " must be a map with keys " + String.join(", ", allowed));
        }
        Map<String, YamlNode> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = new YamlNode(file, tuple.getKeyNode());
            String name = key.node instanceof ScalarNode scalar ? scalar.getValue() : "";
            if (!allowed.contains(name)) {
                throw key.error(what + " has unknown key '" + name + "' (expected one of: " + String.join(", ", allowed)
                        + ")");
            }
            if (fields.put(name, new YamlNode(file, tuple.getValueNode())) != null) {
                throw key.error(what + " has key '" + name + "' twice");
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /**
     * @return the keys and values of a map whose keys are data (such as locale tags) rather than fixed field names
     * @throws CatalogException when this is not a map, or repeats a key
     */
    Map<YamlNode, YamlNode> entries(String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(what + " must be a map");
        }
        Map<YamlNode, YamlNode> entries = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = new YamlNode(file, tuple.getKeyNode());
            String name = key.text(what + " key");
            if (seen.contains(name)) {
                throw key.error(what + " has key '" + name + "' twice");
            }
            seen.add(name);
            entries.put(key, new YamlNode(file, tuple.getValueNode()));
        }
        return entries;
    }

    /** @throws CatalogException unless this is a non-empty list */
    List<YamlNode> list(String what) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(what + " must be a list");
        }
        if (sequence.getValue().isEmpty()) {
            throw error(what + " must not be empty");
        }
        return sequence.getValue().stream().map(item -> new YamlNode(file, item)).toList();
    }

    /** @return whether this is a single value rather than a map or list */
    boolean isScalar() {
        return node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL);
    }

    /** @throws CatalogException unless this is a non-blank single value */
    String text(String what) {
        if (!isScalar() || ((ScalarNode) node).getValue().isBlank()) {
            throw error(what + " must be a single non-empty value");
        }
        return ((ScalarNode) node).getValue().strip();
    }

    /** @throws CatalogException unless this is {@code true} or {@code false} */
    boolean bool(String what) {
        String value = text(what).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(what + " must be true or false, not '" + value + "'");
        };
    }

    /** @throws CatalogException unless this is a whole number */
    long integer(String what) {
        String value = text(what);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw error(what + " must be a whole number, not '" + value + "'");
        }
    }
}
