package dev.parley.outbound;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.connector.SentMessage;
import dev.parley.ingest.GroupCommitter;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts what the queue sent into the conversation history: each sent message, and each withdrawal, becomes a row of
 * {@code messages} (direction out, sender the account itself) through the ingest committer, the table's only
 * writer. A sent message is keyed by the platform's new id, so the same message arriving later as a phone-sync
 * callback is a duplicate. A message that could not be recorded (the committer closing) keeps
 * {@code recorded = 0} and is recorded at the next start.
 */
final class OutboundHistory {
    private static final Logger LOG = Logger.getLogger(OutboundHistory.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COMMIT_WAIT_SECONDS = 10;

    private final GroupCommitter committer;
    private final OutboundStore store;

    OutboundHistory(GroupCommitter committer, OutboundStore store) {
        this.committer = committer;
        this.store = store;
    }

    /**
     * @param row     the queued message
     * @param account its account
     * @param sent    the platform's ids
     * @param sentAt  when it was sent, epoch ms
     */
    void recordSent(Outbound row, Account account, SentMessage sent, long sentAt) {
        ObjectNode raw = JSON.createObjectNode().put("outbound", row.id()).put("sentId", sent.messageId());
        InboundMessage message = new InboundMessage(account.platform(), account.externalId(), account.selfId(),
                platformId(row, sent), row.chatId(), row.chatType(), self(account), null, Direction.OUT,
                MessageType.TEXT, row.text(), row.mentions(), null, raw.toString(), sentAt);
        if (commit(message, row.id())) {
            store.recorded(row.id());
        }
    }

    /**
     * @param row     a sent message that was just withdrawn
     * @param account its account
     * @param at      when, epoch ms
     */
    void recordRevoke(Outbound row, Account account, long at) {
        String raw = JSON.createObjectNode().put("outbound", row.id()).put("revoked", true).toString();
        commit(new InboundMessage(account.platform(), account.externalId(), account.selfId(),
                "parley-revoke-" + row.id(), row.chatId(), row.chatType(), self(account), null, Direction.OUT,
                MessageType.REVOKE, null, List.of(), platformId(row, row.sent()), raw, at), row.id());
    }

    /** The platform's id of the message, or one of Parley's own when the platform answered without one. */
    private static String platformId(Outbound row, SentMessage sent) {
        return sent != null && sent.messageId() != null ? sent.messageId() : "parley-out-" + row.id();
    }

    private static String self(Account account) {
        return account.selfId() != null ? account.selfId() : account.externalId();
    }

    private boolean commit(InboundMessage message, long outboundId) {
        try {
            committer.submit(List.of(message)).get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.log(Level.WARNING, "outbound #" + outboundId + " was sent but not yet recorded in the message"
                    + " history; it will be at the next start", e);
        }
        return false;
    }
}
