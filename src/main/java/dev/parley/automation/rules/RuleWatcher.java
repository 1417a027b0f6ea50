package dev.parley.automation.rules;

import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.automation.OptOuts;
import dev.parley.automation.Tags;
import dev.parley.message.ChatType;
import dev.parley.outbound.OutboundQueue;
import dev.parley.outbound.OutboundRequest;
import dev.parley.outbound.ReplyMention;
import dev.parley.rbac.Identity;

import org.jdbi.v3.core.Jdbi;

/**
 * Follows committed messages by id (ingestion tells it the newest committed id) and acts on customers' texts, then
 * passes the id on to the next follower ({@code DraftWatcher}), so AI drafting only sees a message once rules have
 * decided on it: a message a rule answered is not drafted, one a rule handed to AI is. It also follows group joins
 * ({@code group_events}) to welcome new members.
 *
 * <p>Only customers set rules off: a message the account sent, one from another account of this fleet
 * ({@code accounts.self_id}) or from a WeChat official account ({@code gh_…}), and one sent longer ago than
 * {@link RuleSettings#maxAge()} never do. A text that is only an opt-out word ({@link OptOuts}) is recorded (in a
 * private chat) and sets off nothing. A rule answers a chat at most once per its cooldown, and rules together at
 * most once per {@link RuleSettings#chatFloor()}; a message that finds its rule cooling down is left unanswered
 * (and so may be drafted by AI). Each firing is unique per rule and message, and its reply is queued with the
 * origin {@code rule:<firing id>}, so a message read twice is answered once.
 */
public final class RuleWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RuleWatcher.class.getName());
    private static final int PAGE = 1000;

    private final Jdbi jdbi;
    private final RuleStore store;
    private final RuleBook book;
    private final RuleReplies replies;
    private final OutboundQueue outbound;
    private final AccountStore accounts;
    private final Tags tags;
    private final OptOuts optOuts;
    private final RuleMetrics metrics;
    private final RuleSettings settings;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService tail = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rule-watch").daemon().factory());
    private final AtomicLong committed = new AtomicLong();
    private volatile LongConsumer next = upTo -> { };
    private volatile boolean started;
    private long watermark;
    private long joinWatermark;

    RuleWatcher(Jdbi jdbi, RuleStore store, RuleBook book, RuleReplies replies, OutboundQueue outbound,
                AccountStore accounts, Tags tags, OptOuts optOuts, RuleMetrics metrics, RuleSettings settings,
                InstantSource clock, RandomGenerator random) {
        this.jdbi = jdbi;
        this.store = store;
        this.book = book;
        this.replies = replies;
        this.outbound = outbound;
        this.accounts = accounts;
        this.tags = tags;
        this.optOuts = optOuts;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Queues the replies a stop left recorded but unqueued, then starts after the newest message and group event
     * committed so far.
     *
     * @param next told the newest message id rules are done with (AI drafting's {@code notifyCommitted})
     */
    public void start(LongConsumer next) {
        this.next = next;
        requeue();
        jdbi.useHandle(h -> {
            watermark = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM messages").mapTo(Long.class).one();
            joinWatermark = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM group_events").mapTo(Long.class).one();
        });
        committed.accumulateAndGet(watermark, Math::max);
        started = true;
        long every = Math.max(50, settings.poll().toMillis());
        tail.scheduleWithFixedDelay(this::scan, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Called by ingestion after each commit; returns at once.
     *
     * @param maxId the newest committed message id
     */
    public void notifyCommitted(long maxId) {
        committed.accumulateAndGet(maxId, Math::max);
        if (!started) {
            next.accept(maxId);
            return;
        }
        try {
            tail.execute(this::scan);
        } catch (RejectedExecutionException closing) {
            // stopping: what is committed now is left to the next start
        }
    }

    private void scan() {
        try {
            long target = committed.get();
            while (watermark < target) {
                long upTo = Math.min(target, watermark + PAGE);
                for (Seen seen : seen(watermark, upTo)) {
                    act(seen);
                }
                watermark = upTo;
                next.accept(upTo);
            }
            for (Joined joined : joined()) {
                welcome(joined);
                joinWatermark = joined.eventId();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rules could not read new messages or joins; they are read with the next commit", e);
        }
    }

    private List<Seen> seen(long after, long upTo) {
        long oldest = clock.millis() - settings.maxAge().toMillis();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT m.id, m.account_id, m.chat_id, m.chat_type, m.sender_id, m.sender_name, m.text
                        FROM messages m
                        WHERE m.id > :after AND m.id <= :upTo AND m.direction = 'in' AND m.msg_type = 'text'
                          AND m.sent_at >= :oldest AND m.sender_id NOT LIKE 'gh\\_%' AND m.chat_id NOT LIKE 'gh\\_%'
                          AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.self_id = m.sender_id)
                        ORDER BY m.id""")
                .bind("after", after).bind("upTo", upTo).bind("oldest", oldest)
                .map((rs, ctx) -> new Seen(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        ChatType.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5), rs.getString(6),
                        rs.getString(7)))
                .list());
    }

    private List<Joined> joined() {
        long oldest = clock.millis() - settings.maxAge().toMillis();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.id, g.account_id, g.chat_id, e.member_id, e.member_name
                        FROM group_events e JOIN `groups` g ON g.id = e.group_id
                        WHERE e.id > :after AND e.kind = 'join' AND e.detail IN ('invite', 'qr', 'link')
                          AND e.occurred_at >= :oldest
                          AND (e.member_id IS NULL OR NOT EXISTS (SELECT 1 FROM accounts a WHERE a.self_id = e.member_id))
                        ORDER BY e.id LIMIT 1000""")
                .bind("after", joinWatermark).bind("oldest", oldest)
                .map((rs, ctx) -> new Joined(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list());
    }

    private void act(Seen seen) {
        try {
            Optional<String> optOut = optOuts.wordIn(seen.text());
            if (optOut.isPresent()) {
                if (seen.type() == ChatType.PRIVATE) {
                    optOuts.record(seen.accountId(), seen.chatId(), optOut.get(), seen.id());
                }
                return;
            }
            long now = clock.millis();
            RuleBook.Outcome outcome = book.decide(seen.accountId(), seen.type(), seen.chatId(), seen.text(), now);
            for (Rule rule : outcome.tags()) {
                tags.add(seen.accountId(), rule.tag(), seen.senderId(), ChatType.PRIVATE, "rule:" + rule.id());
                if (store.record(new RuleStore.Firing(rule.id(), seen.accountId(), seen.chatId(), seen.id(), null,
                        Rule.Action.TAG, null, now)).isNew()) {
                    metrics.fired(rule.id());
                }
            }
            Rule answer = outcome.answer();
            if (answer != null && mayAnswer(answer, seen.accountId(), seen.chatId(), now)) {
                answer(answer, seen.accountId(), seen.type(), seen.chatId(), seen.senderId(), seen.senderName(),
                        seen.id(), null, now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rules could not act on message " + seen.id(), e);
        }
    }

    private void welcome(Joined joined) {
        try {
            long now = clock.millis();
            Rule rule = book.welcome(joined.accountId(), ChatType.GROUP, joined.chatId(), now);
            if (rule != null && mayAnswer(rule, joined.accountId(), joined.chatId(), now)) {
                String person = joined.memberId() != null ? joined.memberId() : joined.memberName();
                answer(rule, joined.accountId(), ChatType.GROUP, joined.chatId(), person, joined.memberName(), null,
                        joined.eventId(), now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rules could not welcome the join of group event " + joined.eventId(), e);
        }
    }

    private boolean mayAnswer(Rule rule, long accountId, String chatId, long now) {
        return store.lastAnswered(rule.id(), accountId, chatId) <= now - rule.cooldown().toMillis()
                && store.lastAnsweredInChat(accountId, chatId) <= now - settings.chatFloor().toMillis();
    }

    private void answer(Rule rule, long accountId, ChatType type, String chatId, String personId, String personName,
                        Long messageId, Long eventId, long now) {
        if (rule.action() == Rule.Action.AI) {
            if (store.record(new RuleStore.Firing(rule.id(), accountId, chatId, messageId, eventId, Rule.Action.AI,
                    null, now)).isNew()) {
                metrics.fired(rule.id());
            }
            return;
        }
        Optional<Account> account = accounts.find(accountId);
        if (account.isEmpty()) {
            return;
        }
        Optional<ReplyMention.Mentioned> reply = replies.render(rule, account.get(), type, chatId, personId,
                personName, now);
        if (reply.isEmpty()) {
            LOG.warning("rule #" + rule.id() + " names the saved template \"" + rule.templateName()
                    + "\", which no longer exists; it did not answer");
            return;
        }
        RuleStore.Recorded firing = store.record(new RuleStore.Firing(rule.id(), accountId, chatId, messageId, eventId,
                Rule.Action.REPLY, reply.get().text(), now));
        if (firing.isNew()) {
            metrics.fired(rule.id());
        }
        String origin = "rule:" + firing.id();
        if (outbound.findByOrigin(origin).isPresent()) {
            return;
        }
        long notBefore = now + settings.delay().of(reply.get().text(), random).toMillis();
        OutboundQueue.Enqueued queued = outbound.enqueue(new OutboundRequest(accountId, chatId, type,
                reply.get().text(), type == ChatType.GROUP ? reply.get().mentions() : List.of(),
                new Identity("rule", "#" + rule.id()), messageId).automatic(origin, notBefore));
        store.queued(firing.id(), queued.id());
    }

    /**
     * Queues each reply whose firing was recorded when Parley stopped before queueing it (within
     * {@code max.age}); its origin {@code rule:<firing>} keeps one that did reach the queue from being queued twice.
     */
    private void requeue() {
        List<RuleStore.Unqueued> left = store.unqueued(clock.millis() - settings.maxAge().toMillis());
        for (RuleStore.Unqueued f : left) {
            List<String> mentions = f.type() == ChatType.GROUP && f.personId() != null ? List.of(f.personId())
                    : List.of();
            OutboundQueue.Enqueued queued = outbound.enqueue(new OutboundRequest(f.accountId(), f.chatId(), f.type(),
                    f.text(), mentions, new Identity("rule", "#" + f.ruleId()), f.messageId())
                    .automatic("rule:" + f.id(), clock.millis()));
            store.queued(f.id(), queued.id());
        }
        if (!left.isEmpty()) {
            LOG.info(left.size() + " rule repl(ies) recorded before the last stop were queued now");
        }
    }

    /** Stops following; the message being acted on is finished first, so its reply is queued. */
    @Override
    public void close() throws InterruptedException {
        tail.shutdown();
        if (!tail.awaitTermination(5, TimeUnit.SECONDS)) {
            tail.shutdownNow();
        }
    }

    private record Seen(long id, long accountId, String chatId, ChatType type, String senderId, String senderName,
                        String text) {
    }

    private record Joined(long eventId, long accountId, String chatId, String memberId, String memberName) {
    }
}
