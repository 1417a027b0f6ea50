package dev.parley.ai;

import java.time.InstantSource;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.parley.rbac.Identity;

import org.jdbi.v3.core.Jdbi;

/**
 * The drafting mode of each account and of single chats, and the provider chosen for them ({@code /ai mode}), kept
 * in {@code ai_settings}: an account's row has chat id {@code ''} (no row means off); a chat's row overrides its
 * account in that chat, {@code off} included, until it is removed ({@code inherit}).
 */
public final class AiModes {
    private static final String ACCOUNT = "";

    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of the times modes are set at
     */
    public AiModes(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @param accountId an account
     * @param mode      its new mode
     * @param provider  the provider that drafts for it, or {@code null} for the configured one
     * @param by        who set it
     */
    public void set(long accountId, AiMode mode, String provider, Identity by) {
        if (mode == AiMode.OFF) {
            remove(accountId, ACCOUNT);
        } else {
            upsert(accountId, ACCOUNT, mode, provider, by);
        }
    }

    /**
     * @param accountId an account
     * @param chatId    one of its chats
     * @param mode      the chat's own mode, which wins over the account's ({@code off} included)
     * @param provider  the provider that drafts in it, or {@code null} for the account's
     * @param by        who set it
     */
    public void setChat(long accountId, String chatId, AiMode mode, String provider, Identity by) {
        upsert(accountId, chatId, mode, provider, by);
    }

    /**
     * @param accountId an account
     * @param chatId    one of its chats
     * @return whether the chat had its own mode (it now follows its account)
     */
    public boolean inherit(long accountId, String chatId) {
        return remove(accountId, chatId);
    }

    /**
     * @param accountId an account
     * @param chatId    one of its chats
     * @return the mode in that chat: its own if it has one, else its account's
     */
    public AiMode mode(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT mode FROM ai_settings WHERE account_id = :a AND chat_id IN (:c, '')
                        ORDER BY chat_id DESC LIMIT 1""")
                .bind("a", accountId).bind("c", chatId).mapTo(String.class).findOne().map(AiMode::of)
                .orElse(AiMode.OFF));
    }

    /**
     * @param accountId an account
     * @param chatId    one of its chats
     * @return the provider chosen for the chat, else for its account, if one was
     */
    public Optional<String> provider(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT provider FROM ai_settings WHERE account_id = :a AND chat_id IN (:c, '')
                          AND provider IS NOT NULL
                        ORDER BY chat_id DESC LIMIT 1""")
                .bind("a", accountId).bind("c", chatId).mapTo(String.class).findOne());
    }

    /** @return every account that is not off, with its mode and chosen provider ({@code null} for the default) */
    public Map<Long, Map.Entry<AiMode, String>> all() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT account_id, mode, provider FROM ai_settings WHERE chat_id = '' ORDER BY account_id""")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new AbstractMap.SimpleImmutableEntry<>(
                        AiMode.of(rs.getString(2)), rs.getString(3))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        TreeMap::new)));
    }

    /** @return every chat with a mode of its own, by account and chat */
    public List<ChatMode> chats() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT account_id, chat_id, mode, provider FROM ai_settings WHERE chat_id <> ''
                        ORDER BY account_id, chat_id""")
                .map((rs, ctx) -> new ChatMode(rs.getLong(1), rs.getString(2), AiMode.of(rs.getString(3)),
                        rs.getString(4)))
                .list());
    }

    private void upsert(long accountId, String chatId, AiMode mode, String provider, Identity by) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO ai_settings (account_id, chat_id, mode, provider, set_by, set_at)
                        VALUES (:a, :c, :m, :p, :by, :at)
                        ON DUPLICATE KEY UPDATE mode = VALUES(mode), provider = VALUES(provider),
                          set_by = VALUES(set_by), set_at = VALUES(set_at)""")
                .bind("a", accountId).bind("c", chatId).bind("m", mode.code()).bind("p", provider)
                .bind("by", by.toString()).bind("at", clock.millis())
                .execute());
    }

    private boolean remove(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM ai_settings WHERE account_id = :a AND chat_id = :c")
                .bind("a", accountId).bind("c", chatId).execute()) > 0;
    }

    /**
     * A chat's own mode.
     *
     * @param accountId the account
     * @param chatId    the chat
     * @param mode      its mode
     * @param provider  the provider chosen for it, or {@code null} for its account's
     */
    public record ChatMode(long accountId, String chatId, AiMode mode, String provider) {
    }
}
