package dev.parley.connector.gewe;

/**
 * The quotation marks WeChat puts around names in its notices: ASCII {@code "} in most, Chinese “ ” around
 * a new group name. Kept in one place so every reader of notices agrees on them.
 */
final class Quotes {

    private Quotes() {
    }

    /**
     * @param c a character
     * @return whether it opens a quotation
     */
    static boolean opens(char c) {
        return c == '"' || c == '“';
    }

    /**
     * @param c a character
     * @return whether it closes a quotation
     */
    static boolean closes(char c) {
        return c == '"' || c == '”';
    }

    /**
     * Removes one opening mark at the start and one closing mark at the end, each only if present, so
     * both {@code "张三、李四"} split at its separator and a whole {@code "Bob "the builder""} come out right.
     *
     * @param text a quoted or unquoted name, without surrounding whitespace
     * @return the text inside the quotation marks; quotation marks inside it are kept
     */
    static String unquote(String text) {
        int start = !text.isEmpty() && opens(text.charAt(0)) ? 1 : 0;
        int end = text.length() > start && closes(text.charAt(text.length() - 1)) ? text.length() - 1 : text.length();
        return text.substring(start, end);
    }
}
