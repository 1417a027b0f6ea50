package dev.parley.connector.gewe;

import java.util.Objects;

import dev.parley.message.MessageType;

/** What a message's {@code MsgType} and content amount to: something to store, or noise to skip. */
sealed interface MappedContent {

    /**
     * @param type     kind of content
     * @param text     searchable text, or {@code null} (blank text becomes {@code null})
     * @param refMsgId quoted or withdrawn message id, or {@code null}
     */
    record Kept(MessageType type, String text, String refMsgId) implements MappedContent {
        public Kept {
            Objects.requireNonNull(type, "type");
            text = text == null || text.isBlank() ? null : text;
        }

        public Kept(MessageType type, String text) {
            this(type, text, null);
        }
    }

    /** @param reason a short English token for logs */
    record Skipped(String reason) implements MappedContent {
    }
}
