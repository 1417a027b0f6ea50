package dev.parley.automation;

import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.parley.message.ChatType;

import org.jdbi.v3.core.Jdbi;

/**
 * The {@code chat_tags} table: tags on each account's contacts and groups, set with {@code /tag add} or by a
 * {@code /tag auto} rule, and read as broadcast targets ({@code to:tag:vip}). A tag is lower-cased.
 */
public final class Tags {
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_-]{1,32}");

    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock the present
     */
    public Tags(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @param tag what was typed
     * @return the tag as stored, or empty when it is not 1–32 letters, digits, {@code _} or {@code -}
     */
    public static Optional<String> normal(String tag) {
        String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        return TAG.matcher(t).matches() ? Optional.of(t) : Optional.empty();
    }

    /**
     * @param accountId the account whose chat it is
     * @param tag       a tag {@link #normal} accepted
     * @param chatId    the contact or group
     * @param type      private or group
     * @param by        who tagged it ({@code channel:user-id}, or {@code rule:<id>})
     * @return whether the chat was not tagged so before
     */
    public boolean add(long accountId, String tag, String chatId, ChatType type, String by) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT IGNORE INTO chat_tags (account_id, tag, chat_id, chat_type, added_by, added_at)
                        VALUES (:account, :tag, :chat, :type, :by, :now)""")
                .bind("account", accountId).bind("tag", tag).bind("chat", chatId).bind("type", type.code())
                .bind("by", by).bind("now", clock.millis()).execute()) > 0;
    }

    /**
     * @param accountId the account whose chat it is
     * @param tag       the tag
     * @param chatId    the contact or group
     * @return whether the chat had the tag
     */
    public boolean remove(long accountId, String tag, String chatId) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM chat_tags WHERE account_id = :account AND tag = :tag AND chat_id = :chat")
                .bind("account", accountId).bind("tag", tag).bind("chat", chatId).execute()) > 0;
    }

    /** @return each tag with how many chats carry it, by tag */
    public List<Count> counts() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT tag, COUNT(*), SUM(chat_type = 'group') FROM chat_tags GROUP BY tag ORDER BY tag""")
                .map((rs, ctx) -> new Count(rs.getString(1), rs.getInt(2), rs.getInt(3))).list());
    }

    /**
     * @param tag       a tag
     * @param accountId only this account's chats, or {@code null} for every account's
     * @return the chats carrying it, by account and chat id
     */
    public List<Tagged> chats(String tag, Long accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT t.account_id, t.chat_id, t.chat_type, t.added_by, t.added_at,
                          COALESCE(g.name, NULLIF(c.remark, ''), c.nickname) AS name
                        FROM chat_tags t
                          LEFT JOIN contacts c ON c.account_id = t.account_id AND c.contact_id = t.chat_id
                          LEFT JOIN `groups` g ON g.account_id = t.account_id AND g.chat_id = t.chat_id
                        WHERE t.tag = :tag AND (:account IS NULL OR t.account_id = :account)
                        ORDER BY t.account_id, t.chat_id""")
                .bind("tag", tag).bind("account", accountId)
                .map((rs, ctx) -> new Tagged(rs.getLong(1), rs.getString(2),
                        ChatType.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(6),
                        rs.getString(4), rs.getLong(5)))
                .list());
    }

    /**
     * @param accountId an account
     * @param chatId    one of its chats
     * @return the chat's tags, sorted
     */
    public List<String> of(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT tag FROM chat_tags WHERE account_id = :account AND chat_id = :chat ORDER BY tag")
                .bind("account", accountId).bind("chat", chatId).mapTo(String.class).list());
    }

    /**
     * How many chats carry a tag.
     *
     * @param tag    the tag
     * @param chats  contacts and groups together
     * @param groups of which groups
     */
    public record Count(String tag, int chats, int groups) {
    }

    /**
     * One tagged chat.
     *
     * @param accountId the account whose chat it is
     * @param chatId    the contact or group
     * @param type      private or group
     * @param name      its name as the account knows it, or {@code null}
     * @param addedBy   who tagged it
     * @param addedAt   when, epoch ms
     */
    public record Tagged(long accountId, String chatId, ChatType type, String name, String addedBy, long addedAt) {
    }
}
