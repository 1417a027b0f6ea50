package dev.parley.ai;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.message.ChatType;

import org.jdbi.v3.core.Jdbi;

/**
 * Follows committed messages (ingestion tells it the newest committed id) for accounts on {@code draft} or
 * {@code auto}. A customer's text that asks for a draft (a private one, or in a group one that mentions the account
 * or has a keyword; see {@link Triggers}) makes the chat's older drafts stale and (re)starts the chat's quiet period,
 * after which the whole burst is drafted once. A reply a human sent from the phone makes the chat's drafts stale,
 * cancels the wait and pauses drafting in that chat (human takeover). It reads from the database, not from the
 * webhook, so it only ever sees what is committed, and a message seen twice changes nothing (drafts are unique per
 * answered message). Messages received before their account was put on {@code draft} are not drafted; those
 * committed before start are only when {@link DraftResumption} hands their chat back.
 *
 * <p>Keyword rules see each message first and then pass its id on to {@link #notifyCommitted}: a message a rule
 * answered ({@code rule_firings} with action {@code reply}) is not drafted, and one a rule handed to AI (action
 * {@code ai}) asks for a draft as a mention would.
 */
public final class DraftWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DraftWatcher.class.getName());
    private static final int PAGE = 1000;

    private final Jdbi jdbi;
    private final AiPauses pauses;
    private final Duration takeover;
    private final Triggers triggers;
    private final Duration quiet;
    private volatile Drafter drafter;
    private final ScheduledExecutorService tail = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ai-watch").daemon().factory());
    private final ExecutorService drafting = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("ai-draft-", 0).daemon().factory());
    private final Map<ChatKey, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong committed = new AtomicLong();
    private long watermark;

    /**
     * @param jdbi    the database
     * @param pauses   where drafting waits for a human
     * @param quiet    how long a chat must be quiet before its burst is drafted
     * @param takeover how long drafting waits in a chat after a human answered there from the phone
     * @param triggers which customer messages ask for a draft
     */
    public DraftWatcher(Jdbi jdbi, AiPauses pauses, Duration quiet, Duration takeover,
                        Triggers triggers) {
        this.jdbi = jdbi;
        this.pauses = pauses;
        this.takeover = takeover;
        this.triggers = triggers;
        this.quiet = quiet;
    }

    /**
     * Starts after the newest message committed so far (ingestion starts before the parts drafting needs).
     *
     * @param drafter drafts a burst
     */
    public void start(Drafter drafter) {
        watermark = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM messages").mapTo(Long.class).one());
        this.drafter = drafter;
        tail.execute(this::scan);
    }

    /**
     * Waits a quiet period in a chat whose customer was still waiting for a draft when Parley stopped (see
     * {@link DraftResumption}), as if their message had just arrived; a chat already waiting keeps its own wait.
     *
     * @param accountId the account
     * @param chatId    the chat
     * @param messageId the customer's newest message there
     * @return whether the chat now waits because of this call
     */
    public boolean resume(long accountId, String chatId, long messageId) {
        drafter.supersede(accountId, chatId, messageId);
        ChatKey key = new ChatKey(accountId, chatId);
        boolean[] scheduled = {false};
        waiting.computeIfAbsent(key, chat -> {
            scheduled[0] = true;
            return tail.schedule(() -> quietEnded(chat), quiet.toMillis(), TimeUnit.MILLISECONDS);
        });
        return scheduled[0];
    }

    /**
     * Called after each commit, once keyword rules are done with the messages up to {@code maxId}; returns at once.
     *
     * @param maxId the newest committed message id
     */
    public void notifyCommitted(long maxId) {
        committed.accumulateAndGet(maxId, Math::max);
        if (drafter == null) {
            return;
        }
        try {
            tail.execute(this::scan);
        } catch (RejectedExecutionException closing) {
            // stopping: messages committed now are not drafted
        }
    }

    private void scan() {
        if (drafter == null) {
            return;
        }
        try {
            long target = committed.get();
            while (watermark < target) {
                long upTo = Math.min(target, watermark + PAGE);
                for (Seen seen : seen(watermark, upTo)) {
                    handle(seen);
                }
                watermark = upTo;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "AI drafting could not read new messages; they will be read with the next commit", e);
        }
    }

    private List<Seen> seen(long after, long upTo) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT m.id, m.account_id, m.chat_id, m.chat_type, m.text,
                          (m.direction = 'in' AND m.msg_type = 'text' AND NOT EXISTS (SELECT 1 FROM rule_firings f
                             WHERE f.message_id = m.id AND f.action = 'reply')) AS customer_text,
                          EXISTS (SELECT 1 FROM rule_firings f WHERE f.message_id = m.id AND f.action = 'ai')
                            AS handed_over,
                          (a.self_id IS NOT NULL AND FIND_IN_SET(a.self_id, m.mentions) > 0) AS mentions_self,
                          (m.direction = 'out' AND m.platform_msg_id NOT LIKE 'parley-%' AND NOT EXISTS (
                             SELECT 1 FROM outbound o WHERE o.account_id = m.account_id
                               AND o.sent_id = m.platform_msg_id)) AS human
                        FROM messages m JOIN ai_settings s ON s.account_id = m.account_id AND s.mode IN ('draft', 'auto')
                          AND m.received_at >= s.set_at
                          JOIN accounts a ON a.id = m.account_id
                        WHERE m.id > :after AND m.id <= :upTo ORDER BY m.id""")
                .bind("after", after).bind("upTo", upTo)
                .map((rs, ctx) -> new Seen(rs.getLong("id"), new ChatKey(rs.getLong("account_id"), rs.getString("chat_id")),
                        rs.getBoolean("customer_text") && (rs.getBoolean("handed_over") || triggers.fires(ChatType.valueOf(
                                rs.getString("chat_type").toUpperCase(Locale.ROOT)), rs.getBoolean("mentions_self"),
                                rs.getString("text"))),
                        rs.getBoolean("human")))
                .list());
    }

    private void handle(Seen seen) {
        if (seen.customer()) {
            drafter.supersede(seen.chat().accountId(), seen.chat().chatId(), seen.id());
            waiting.compute(seen.chat(), (chat, earlier) -> {
                if (earlier != null) {
                    earlier.cancel(false);
                }
                return tail.schedule(() -> quietEnded(chat), quiet.toMillis(), TimeUnit.MILLISECONDS);
            });
        } else if (seen.human()) {
            drafter.supersede(seen.chat().accountId(), seen.chat().chatId(), seen.id());
            pauses.pause(seen.chat().accountId(), seen.chat().chatId(), takeover, "phone");
            ScheduledFuture<?> earlier = waiting.remove(seen.chat());
            if (earlier != null) {
                earlier.cancel(false);
            }
        }
    }

    private void quietEnded(ChatKey chat) {
        waiting.remove(chat);
        drafting.execute(() -> {
            try {
                drafter.draft(chat.accountId(), chat.chatId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "drafting for account " + chat.accountId() + " failed", e);
            }
        });
    }

    /**
     * Runs drafting someone asked for (Regenerate) on the drafting threads, so no command waits for a provider.
     *
     * @param work the drafting
     */
    public void draftNow(Runnable work) {
        drafting.execute(work);
    }

    @Override
    public void close() throws InterruptedException {
        tail.shutdownNow();
        drafting.shutdown();
        if (!drafting.awaitTermination(10, TimeUnit.SECONDS)) {
            drafting.shutdownNow();
        }
    }

    private record ChatKey(long accountId, String chatId) {
    }

    private record Seen(long id, ChatKey chat, boolean customer, boolean human) {
    }
}
