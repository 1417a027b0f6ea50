package dev.parley.config;

import io.helidon.config.Config;

/** Reading a text setting the way every adapter's settings do: trimmed, and blank treated as not set. */
public final class Settings {
    private Settings() {
    }

    /**
     * @param node      a config node
     * @param key       a key below it
     * @param otherwise the default
     * @return the trimmed value, or {@code otherwise} when it is missing or blank
     */
    public static String text(Config node, String key, String otherwise) {
        String v = node.get(key).asString().orElse(otherwise).trim();
        return v.isEmpty() ? otherwise : v;
    }
}
