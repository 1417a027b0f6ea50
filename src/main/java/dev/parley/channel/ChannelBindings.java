package dev.parley.channel;

import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Which team chats receive what ({@code /channel bind alerts}), kept in MariaDB. */
public final class ChannelBindings {
    private static final RowMapper<ChannelBinding> MAPPER = (rs, ctx) -> new ChannelBinding(rs.getString("channel"),
            rs.getString("chat_id"), rs.getString("purpose"), rs.getString("locale"), rs.getString("chat_name"),
            rs.getString("bound_by"), rs.getLong("bound_at"));

    /** The purpose of the chats that approve AI drafts. */
    public static final String DRAFTS = "drafts";
    private static final String SCOPE = ":";

    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * A purpose narrowed to one managed account, e.g. the drafts of account 3 ({@code drafts:3}).
     *
     * @param purpose   the purpose
     * @param accountId the account
     * @return the stored purpose
     */
    public static String scoped(String purpose, long accountId) {
        return purpose + SCOPE + accountId;
    }

    /**
     * @param purpose a stored purpose
     * @return the account it is narrowed to ({@link #scoped}), if it is
     */
    public static OptionalLong accountOf(String purpose) {
        int at = purpose.lastIndexOf(SCOPE);
        if (at < 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(purpose.substring(at + SCOPE.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * @param jdbi  the database
     * @param clock source of binding times
     */
    public ChannelBindings(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Binds a chat to a purpose, replacing an earlier binding of the same chat and purpose.
     *
     * @param channel  the channel's name
     * @param chatId   the chat
     * @param purpose  the purpose
     * @param locale   the language for its cards
     * @param chatName the chat's name, or {@code null}
     * @param boundBy  who binds it
     * @return whether it was not bound before
     */
    public boolean bind(String channel, String chatId, String purpose, String locale, String chatName, String boundBy) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO channel_bindings (channel, chat_id, purpose, locale, chat_name, bound_by, bound_at)
                        VALUES (:channel, :chat, :purpose, :locale, :name, :by, :now)
                        ON DUPLICATE KEY UPDATE locale = VALUES(locale), chat_name = COALESCE(VALUES(chat_name), chat_name)""")
                .bind("channel", channel).bind("chat", chatId).bind("purpose", purpose).bind("locale", locale)
                .bind("name", chatName).bind("by", boundBy).bind("now", clock.millis()).execute()) == 1;
    }

    /**
     * @param channel the channel's name
     * @param chatId  the chat
     * @param purpose the purpose
     * @return whether it was bound
     */
    public boolean unbind(String channel, String chatId, String purpose) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM channel_bindings WHERE channel = :channel AND chat_id = :chat AND purpose = :purpose")
                .bind("channel", channel).bind("chat", chatId).bind("purpose", purpose).execute()) > 0;
    }

    /**
     * @param purpose a purpose
     * @return the chats bound to it
     */
    public List<ChannelBinding> forPurpose(String purpose) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM channel_bindings WHERE purpose = :purpose ORDER BY bound_at")
                .bind("purpose", purpose).map(MAPPER).list());
    }

    /** @return every binding */
    public List<ChannelBinding> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM channel_bindings ORDER BY channel, chat_id, purpose")
                .map(MAPPER).list());
    }
}
