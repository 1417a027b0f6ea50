package dev.parley.automation;

import java.text.Normalizer;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;

/**
 * Chats that asked not to receive broadcasts: a customer whose whole message is an opt-out word (by default
 * {@code 退订}, {@code TD}, {@code STOP}, {@code unsubscribe}; {@code parley.automation.optout.words}) is remembered
 * in {@code opt_outs} and skipped by every later broadcast of that account. Words are compared case- and
 * width-insensitively, ignoring surrounding spaces and punctuation, so "ＴＤ" and "stop!" count, "don't stop" does not.
 */
public final class OptOuts {
    /** The opt-out words when none are configured. */
    public static final List<String> DEFAULT_WORDS = List.of("退订", "TD", "STOP", "unsubscribe");

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Set<String> words;

    /**
     * @param jdbi  the database
     * @param clock the present
     * @param words the opt-out words
     */
    public OptOuts(Jdbi jdbi, InstantSource clock, List<String> words) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.words = words.stream().map(OptOuts::fold).filter(w -> !w.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param text a customer's message
     * @return the opt-out word it consists of, folded, or empty when it is not an opt-out
     */
    public Optional<String> wordIn(String text) {
        if (text == null || text.length() > 80) {
            return Optional.empty();
        }
        String folded = fold(text);
        return words.contains(folded) ? Optional.of(folded) : Optional.empty();
    }

    /**
     * Remembers an opt-out; a chat that already opted out keeps its first.
     *
     * @param accountId the account written to
     * @param chatId    the chat that opted out
     * @param word      the word it used
     * @param messageId the message ({@code messages.id}), or {@code null}
     * @return whether it is new
     */
    public boolean record(long accountId, String chatId, String word, Long messageId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT IGNORE INTO opt_outs (account_id, chat_id, word, message_id, at)
                        VALUES (:account, :chat, :word, :message, :now)""")
                .bind("account", accountId).bind("chat", chatId).bind("word", word).bind("message", messageId)
                .bind("now", clock.millis()).execute()) > 0;
    }

    /**
     * @param accountId an account
     * @param chatId    one of its chats
     * @return whether the chat opted out of the account's broadcasts
     */
    public boolean optedOut(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM opt_outs WHERE account_id = :account AND chat_id = :chat")
                .bind("account", accountId).bind("chat", chatId).mapTo(Integer.class).one()) > 0;
    }

    /**
     * @param accountId an account
     * @return how many of its chats opted out
     */
    public int count(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM opt_outs WHERE account_id = :account")
                .bind("account", accountId).mapTo(Integer.class).one());
    }

    private static String fold(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return n.replaceAll("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$", "");
    }
}
