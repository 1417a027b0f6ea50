package dev.parley.channel.telegram;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Telegram messages show one card, written into {@link dev.parley.channel.SentCard#messageId()}: a text
 * message ({@code t13}), a photo with its caption ({@code p12}), or a photo followed by a text message when the
 * card is too long for a caption ({@code p12t13}); the buttons are on the text message when there is one.
 *
 * @param photo the photo message's id, or {@code null}
 * @param text  the text message's id, or {@code null}
 */
record MessageRef(Integer photo, Integer text) {
    private static final Pattern FORM = Pattern.compile("(?:p(\\d+))?(?:t(\\d+))?");

    /** Rejects a reference to nothing. */
    MessageRef {
        if (photo == null && text == null) {
            throw new IllegalArgumentException("a card is shown by at least one message");
        }
    }

    /**
     * @param encoded what {@link #toString()} wrote
     * @return the reference
     */
    static MessageRef parse(String encoded) {
        Matcher m = FORM.matcher(encoded);
        if (!m.matches() || (m.group(1) == null && m.group(2) == null)) {
            throw new IllegalArgumentException("not a Telegram message reference: " + encoded);
        }
        return new MessageRef(m.group(1) == null ? null : Integer.valueOf(m.group(1)),
                m.group(2) == null ? null : Integer.valueOf(m.group(2)));
    }

    /** @return the id of the message that carries the buttons */
    int withButtons() {
        return text != null ? text : photo;
    }

    @Override
    public String toString() {
        return (photo == null ? "" : "p" + photo) + (text == null ? "" : "t" + text);
    }
}
