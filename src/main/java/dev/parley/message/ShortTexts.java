package dev.parley.message;

/**
 * Names and other short texts platforms send (nicknames, remarks, group names, display names) are kept in columns of
 * {@value #NAME_LENGTH} characters. A longer one is cut there with an ellipsis, so the cut shows and the write that
 * carries it (a contact change, a join, a message) never fails for it.
 */
public final class ShortTexts {
    /** The characters a stored name holds. */
    public static final int NAME_LENGTH = 256;

    private ShortTexts() {
    }

    /**
     * @param value a name, or {@code null}
     * @return it, cut to {@link #NAME_LENGTH} characters
     */
    public static String name(String value) {
        return cut(value, NAME_LENGTH);
    }

    /**
     * @param value a text, or {@code null}
     * @param max   the most characters (code points) kept, at least 1
     * @return the text, or its first {@code max - 1} characters and {@code …} when it is longer
     */
    public static String cut(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max - 1)) + "…";
    }
}
