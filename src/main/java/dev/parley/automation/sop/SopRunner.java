package dev.parley.automation.sop;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.automation.OptOuts;
import dev.parley.card.Card;
import dev.parley.command.CommandException;
import dev.parley.command.LiveCards;
import dev.parley.outbound.OutboundQueue;
import dev.parley.outbound.OutboundRequest;
import dev.parley.outbound.ReplyMention;
import dev.parley.rbac.Identity;

/**
 * Hands due broadcast sends to each account's outbound queue, on one named thread: every round it takes over what
 * became of queued messages, adds the runs that came (a repeating task's occurrence, members who joined an after-join
 * task's groups), then — outside quiet hours — gives each account at most a few messages to wait in its
 * queue (so the queue's pace is the broadcast's pace), within the account's daily cap, skipping chats that opted
 * out. Each send is queued with origin {@code sop:<send id>}, which the queue accepts once: a send handed over just
 * before a crash is found there, not sent again. A task whose sends have all ended is done; its live cards get the
 * report.
 */
public final class SopRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SopRunner.class.getName());
    private static final long MIN_POLL_MS = 10;
    /** How late a repeating task's run may still start (after Parley was stopped through its time). */
    private static final Duration LATEST_RUN = Duration.ofHours(1);
    private static final int MAX_JOINS = 500;

    private final SopStore store;
    private final OutboundQueue outbound;
    private final AccountStore accounts;
    private final OptOuts optOuts;
    private final Audience audience;
    private final StepTexts texts;
    private final SopCards cards;
    private final SopSettings settings;
    private final ZoneId zone;
    private final InstantSource clock;
    private final Map<Long, List<Watch>> watches = new ConcurrentHashMap<>();
    private final Map<Long, Long> loggedAt = new HashMap<>();
    private final Object signal = new Object();
    private final AtomicLong rounds = new AtomicLong();
    private volatile Map<Long, Long> cappedUntil = Map.of();
    private boolean woken;
    private volatile boolean stopping;
    private Thread thread;

    SopRunner(SopStore store, OutboundQueue outbound, AccountStore accounts, OptOuts optOuts, Audience audience,
              StepTexts texts, SopCards cards, SopSettings settings, ZoneId zone, InstantSource clock) {
        this.store = store;
        this.outbound = outbound;
        this.accounts = accounts;
        this.optOuts = optOuts;
        this.audience = audience;
        this.texts = texts;
        this.cards = cards;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
    }

    /** Starts the rounds; tasks a stop interrupted go on where they were. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("sop-runner").start(this::loop);
            LOG.info("broadcasts started: " + store.live().size() + " task(s) running or paused");
        }
    }

    /** Runs a round now (after a start, pause, resume or cancel). */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /**
     * Shows a task's progress on a live card until it ends.
     *
     * @param taskId the task
     * @param card   the card, whose first version the command answers with
     */
    void follow(long taskId, LiveCards.LiveCard card) {
        watches.computeIfAbsent(taskId, id -> new CopyOnWriteArrayList<>()).add(new Watch(card));
        wake();
    }

    /**
     * @param task a task
     * @param now  epoch ms
     * @return what holds it right now
     */
    SopCards.Hold hold(SopTask task, long now) {
        if (task.state() == SopState.PAUSED) {
            return new SopCards.Hold(SopCards.Hold.Kind.PAUSED, 0);
        }
        if (task.startsAt() != null && task.startsAt() > now) {
            return new SopCards.Hold(SopCards.Hold.Kind.SCHEDULED, task.startsAt());
        }
        Optional<Long> next = store.nextDue(task.id());
        if (next.isEmpty()) {
            return switch (task.kind()) {
                case ONCE -> SopCards.Hold.NONE;
                case EVERY -> new SopCards.Hold(SopCards.Hold.Kind.NEXT_RUN,
                        Recurrence.parse(task.every()).next(task.watermark(), zone));
                case AFTER_JOIN -> new SopCards.Hold(SopCards.Hold.Kind.JOINS, 0);
            };
        }
        OptionalLong quiet = settings.throttle().quietUntil(now);
        if (quiet.isPresent()) {
            return new SopCards.Hold(SopCards.Hold.Kind.QUIET, quiet.getAsLong());
        }
        Long capped = cappedUntil.get(task.id());
        if (capped != null && capped > now) {
            return new SopCards.Hold(SopCards.Hold.Kind.CAP, capped);
        }
        return next.get() > now ? new SopCards.Hold(SopCards.Hold.Kind.WAITING, next.get()) : SopCards.Hold.NONE;
    }

    /** @return rounds finished since the start, so a caller can wait for the runner to have looked again */
    public long rounds() {
        return rounds.get();
    }

    private void loop() {
        while (!stopping) {
            try {
                round();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a broadcast round failed; the next one tries again", e);
            }
            rounds.incrementAndGet();
            synchronized (signal) {
                try {
                    if (!woken && !stopping) {
                        signal.wait(Math.max(MIN_POLL_MS, settings.poll().toMillis()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                woken = false;
            }
        }
    }

    /** One round: take over outcomes, hand over due sends, end finished tasks, show progress. */
    void round() {
        long now = clock.millis();
        store.reconcile(now);
        List<SopTask> live = store.live();
        scheduleRuns(live, now);
        if (settings.throttle().quietUntil(now).isEmpty()) {
            cappedUntil = feed(now);
        }
        Set<Long> seen = new HashSet<>();
        for (SopTask task : live) {
            seen.add(task.id());
            Tally tally = store.tally(task.id());
            if (task.kind() == SopTask.Kind.ONCE && task.state() == SopState.RUNNING && tally.left() == 0
                    && store.move(task.id(), SopState.RUNNING, SopState.DONE, now)) {
                task = store.find(task.id()).orElseThrow();
                LOG.info("broadcast " + task.name() + " is done: " + tally.sent() + " sent, " + tally.failed()
                        + " failed, " + tally.skipped() + " skipped, " + tally.unknown() + " in doubt");
            }
            show(task, tally, now);
        }
        for (Long id : watches.keySet()) {
            if (!seen.contains(id)) {
                Optional<SopTask> task = store.find(id);
                if (task.isPresent()) {
                    show(task.get(), store.tally(id), now);
                } else {
                    watches.remove(id);
                }
            }
        }
    }

    /**
     * Adds the runs that came: for a repeating task its latest occurrence (one missed by more than
     * {@link #LATEST_RUN} while Parley was stopped is skipped, not sent late), for an after-join task the members who
     * joined its groups.
     */
    private void scheduleRuns(List<SopTask> live, long now) {
        for (SopTask task : live) {
            if (stopping || task.state() != SopState.RUNNING || task.kind() == SopTask.Kind.ONCE) {
                continue;
            }
            List<SopStep> steps = store.steps(task.id());
            if (task.kind() == SopTask.Kind.AFTER_JOIN) {
                List<SopStore.Join> joins = store.joins(task.id(), task.watermark(), MAX_JOINS);
                if (store.addJoins(task.id(), task.watermark(), joins, steps, task.afterJoinMs())) {
                    LOG.info("broadcast " + task.name() + ": " + joins.size() + " new member(s) joined its groups");
                }
                continue;
            }
            Recurrence every = Recurrence.parse(task.every());
            long occurrence = every.next(task.watermark(), zone);
            if (occurrence > now) {
                continue;
            }
            for (long later = every.next(occurrence, zone); later <= now; later = every.next(later, zone)) {
                occurrence = later;
            }
            List<Audience.Member> members = List.of();
            if (now - occurrence > LATEST_RUN.toMillis()) {
                LOG.warning("broadcast " + task.name() + ": the run of " + Instant.ofEpochMilli(occurrence)
                        + " was missed while Parley was stopped; it is skipped, the next one runs as planned");
            } else {
                try {
                    members = audience.resolve(task.accountId(), Target.parse(task.target()));
                } catch (CommandException e) {
                    LOG.warning("broadcast " + task.name() + ": the run of " + Instant.ofEpochMilli(occurrence)
                            + " is skipped, its recipients cannot be found (" + e.key() + " " + e.args() + ")");
                }
            }
            if (store.addRun(task.id(), task.watermark(), occurrence, members, steps) && !members.isEmpty()) {
                LOG.info("broadcast " + task.name() + ": run of " + Instant.ofEpochMilli(occurrence) + " to "
                        + members.size() + " chat(s)");
            }
        }
    }

    /** @return per task, until when the daily cap holds some of its due sends */
    private Map<Long, Long> feed(long now) {
        List<SopStore.Due> due = store.due(now, settings.inFlight());
        if (due.isEmpty()) {
            return Map.of();
        }
        Map<Long, Integer> inFlight = store.inFlight();
        Map<Long, Integer> today = store.queuedSince(settings.throttle().dayStart(now));
        Map<Long, Long> capped = new HashMap<>();
        Map<Long, Optional<SopTask>> tasks = new HashMap<>();
        Map<Long, List<SopStep>> steps = new HashMap<>();
        for (SopStore.Due d : due) {
            if (stopping) {
                break;
            }
            long account = d.to().accountId();
            if (inFlight.getOrDefault(account, 0) >= settings.inFlight()) {
                continue;
            }
            if (today.getOrDefault(account, 0) >= settings.throttle().dailyCap()) {
                capped.put(d.taskId(), settings.throttle().nextDay(now));
                continue;
            }
            Optional<SopTask> task = tasks.computeIfAbsent(d.taskId(), store::find);
            if (task.isEmpty() || task.get().state() != SopState.RUNNING) {
                continue;
            }
            Optional<SopStep> step = steps.computeIfAbsent(d.taskId(), store::steps).stream()
                    .filter(s -> s.position() == d.step()).findFirst();
            if (handOver(task.get(), step, d, now)) {
                inFlight.merge(account, 1, Integer::sum);
                today.merge(account, 1, Integer::sum);
            }
        }
        return capped;
    }

    /** @return whether the send is now in the outbound queue */
    private boolean handOver(SopTask task, Optional<SopStep> step, SopStore.Due due, long now) {
        Audience.Member to = due.to();
        Optional<Account> account = accounts.find(to.accountId());
        if (account.isEmpty()) {
            store.ended(due.id(), "failed", "account_gone", now);
            return false;
        }
        if (optOuts.optedOut(to.accountId(), to.memberId() == null ? to.chatId() : to.memberId())) {
            store.ended(due.id(), "skipped", "opted_out", now);
            return false;
        }
        Optional<ReplyMention.Mentioned> text = step.flatMap(s -> texts.render(s, account.get(), to, now));
        if (text.isEmpty()) {
            store.ended(due.id(), "failed", "template_gone", now);
            return false;
        }
        OutboundQueue.Enqueued queued = outbound.enqueue(new OutboundRequest(to.accountId(), to.chatId(), to.type(),
                text.get().text(), text.get().mentions(), new Identity("sop", task.name()), null)
                .automatic("sop:" + due.id(), now));
        store.queued(due.id(), queued.id(), now);
        return true;
    }

    private void show(SopTask task, Tally tally, long now) {
        SopCards.Hold hold = task.ended() ? SopCards.Hold.NONE : hold(task, now);
        boolean over = task.ended() && tally.queued() == 0;
        log(task, tally, hold, now, over);
        List<Watch> list = watches.get(task.id());
        if (list == null) {
            return;
        }
        for (Watch watch : list) {
            if (watch.card.finished()) {
                list.remove(watch);
            } else if (over) {
                watch.card.finish(cards.report(watch.card.locale(), task, tally, store.problems(task.id(), 10),
                        store.sends(task.id())));
                list.remove(watch);
            } else if (watch.changed(tally, hold, task.state(), now, settings.progressEvery().toMillis())) {
                Card card = cards.progress(watch.card.locale(), task, tally, hold, now);
                watch.card.update(card);
            }
        }
        if (list.isEmpty()) {
            watches.remove(task.id(), list);
        }
    }

    private void log(SopTask task, Tally tally, SopCards.Hold hold, long now, boolean over) {
        Long last = loggedAt.get(task.id());
        if (over) {
            loggedAt.remove(task.id());
            return;
        }
        if (last != null && now - last < settings.logEvery().toMillis()) {
            return;
        }
        loggedAt.put(task.id(), now);
        double perMinute = task.perMinute(tally, now);
        String eta = perMinute > 0 && hold.kind() == SopCards.Hold.Kind.NONE
                ? Math.round(tally.left() * 60.0 / perMinute) + "s" : "-";
        LOG.info(String.format(Locale.ROOT, "broadcast %s (%s): %d/%d sent, %d failed, %d skipped, %d left, %.1f/min,"
                        + " eta %s, %s", task.name(), task.state().code(), tally.sent(), tally.total(), tally.failed(),
                tally.skipped(), tally.left(), perMinute, eta, hold.kind().name().toLowerCase(Locale.ROOT)));
    }

    /** Stops after the round in progress; sends already handed to the queue are the queue's. Safe to call again. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = thread;
        }
        wake();
        if (running != null) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One live card following a task, and what its last version showed. */
    private static final class Watch {
        private final LiveCards.LiveCard card;
        private Tally shown;
        private SopCards.Hold shownHold;
        private SopState shownState;
        private long shownAt;

        private Watch(LiveCards.LiveCard card) {
            this.card = card;
        }

        private boolean changed(Tally tally, SopCards.Hold hold, SopState state, long now, long every) {
            if (tally.equals(shown) && hold.equals(shownHold) && state == shownState) {
                return false;
            }
            if (shown != null && now - shownAt < every && state == shownState) {
                return false;
            }
            shown = tally;
            shownHold = hold;
            shownState = state;
            shownAt = now;
            return true;
        }
    }
}
