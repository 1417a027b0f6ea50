package dev.parley.channel;

import java.util.Optional;

/**
 * Cards that take an answer by reply: someone replies to the message showing the card, and what they wrote is the
 * free text of a command (an AI draft's card turns a reply into {@code /ai edit #12} with the reply as the new text).
 * The feature that posted the card knows which message shows it; the chat adapters only say what was replied to.
 */
@FunctionalInterface
public interface CardReplies {
    /** Nothing takes replies. */
    CardReplies NONE = repliedTo -> Optional.empty();

    /**
     * @param repliedTo the message replied to
     * @return the command a reply to it runs, its text passed as the command's free text; empty when it takes none
     */
    Optional<String> commandFor(SentCard repliedTo);
}
