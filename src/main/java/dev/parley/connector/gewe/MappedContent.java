package dev.parley.connector.gewe;

import java.util.List;
import java.util.Objects;

import dev.parley.message.MessageType;

/** What a message's {@code MsgType} and content amount to: something to store, or noise to skip. */
sealed interface MappedContent {

    /**
     * @param type     kind of content
     * @param text     searchable text, or {@code null} (blank text becomes {@code null})
     * @param refMsgId quoted or withdrawn message id, or {@code null}
     * @param changes  the group changes a system notice announces, else empty
     */
    record Kept(MessageType type, String text, String refMsgId, List<AnnouncedChange> changes)
            implements MappedContent {
        public Kept {
            Objects.requireNonNull(type, "type");
            text = text == null || text.isBlank() ? null : text;
            changes = List.copyOf(changes);
        }

        public Kept(MessageType type, String text, String refMsgId) {
            this(type, text, refMsgId, List.of());
        }

        public Kept(MessageType type, String text) {
            this(type, text, null);
        }
    }

    /** @param reason a short English token for logs */
    record Skipped(String reason) implements MappedContent {
    }
}
