package dev.parley.automation.rules;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A customer's text as rules look at it: as typed (regular expressions), analyzed like the search index
 * ({@code contains}) and folded whole ({@code exact}), each worked out once, when a rule first needs it.
 */
final class Inbound {
    private final String text;
    private MessageTokens tokens;
    private String folded;

    /**
     * @param text the message's text
     */
    Inbound(String text) {
        this.text = text == null ? "" : text;
    }

    /** @return the text as typed */
    String text() {
        return text;
    }

    /** @return its tokens */
    MessageTokens tokens() {
        if (tokens == null) {
            tokens = MessageTokens.of(text);
        }
        return tokens;
    }

    /** @return the text folded for {@code exact} */
    String folded() {
        if (folded == null) {
            folded = fold(text);
        }
        return folded;
    }

    /**
     * Width and case folded, surrounding spaces and punctuation dropped, inner spaces collapsed: "ＨＩ！" is "hi".
     *
     * @param text any text
     * @return its folded form
     */
    static String fold(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return n.replaceAll("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$", "").replaceAll("\\s+", " ");
    }
}
