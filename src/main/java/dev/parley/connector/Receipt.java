package dev.parley.connector;

import java.util.Locale;
import java.util.Objects;

/**
 * What the platform later says became of a sent message: delivered to the phone, read, or failed after all.
 *
 * @param messageId the sent message's id, as {@link SentMessage#messageId()} returned it
 * @param status    how far it got
 * @param at        when, epoch ms
 * @param error     the platform's reason when it failed (code and title, no secrets), else {@code null}
 */
public record Receipt(String messageId, Status status, long at, String error) {
    /** Rejects missing parts. */
    public Receipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
    }

    /** How far a sent message got, in the order it gets there; a failure ends it. */
    public enum Status {
        /** The platform took it. */
        SENT,
        /** It reached the recipient's phone. */
        DELIVERED,
        /** The recipient read it. */
        READ,
        /** The platform could not deliver it. */
        FAILED;

        /** @return the lower-case code stored in the database */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param code a stored code
         * @return the status
         */
        public static Status fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
