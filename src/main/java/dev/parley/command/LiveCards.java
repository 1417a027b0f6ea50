package dev.parley.command;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.parley.card.Card;
import dev.parley.rbac.Identity;

/**
 * Cards that change after they were answered: a QR login that gets scanned, a contact sync that
 * advances. A long job keeps a {@link LiveCard} and publishes new versions; each channel shows them in
 * place (a Feishu PATCH, a Telegram edit; the HTTP channel and the console poll {@code /api/cards/{id}}).
 * Versions live in memory for a while after their last change: they are views, not records.
 */
public final class LiveCards {
    private static final Duration KEEP = Duration.ofHours(2);
    private static final char[] ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CardActions actions;
    private final InstantSource clock;
    private final Map<String, Entry> cards = new ConcurrentHashMap<>();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param actions issues the ids of the buttons of each version
     * @param clock   source of expiry times
     */
    public LiveCards(CardActions actions, InstantSource clock) {
        this.actions = actions;
        this.clock = clock;
    }

    /**
     * Opens a card that will change.
     *
     * @param viewer whom it is shown to (buttons are issued to them)
     * @param locale the locale its versions are written in
     * @return the handle the job publishes through
     */
    public LiveCard open(Identity viewer, String locale) {
        purge();
        String id = newId();
        Entry entry = new Entry(viewer, locale);
        cards.put(id, entry);
        return new LiveCard(id, entry);
    }

    /**
     * @param listener told about every new version (channels that push edits)
     */
    public void addListener(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    /**
     * @param id a live card's id
     * @return its latest version, if it exists
     */
    public Optional<Snapshot> current(String id) {
        Entry entry = id == null ? null : cards.get(id);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.snapshot);
    }

    /**
     * Waits for a version newer than {@code after}.
     *
     * @param id      a live card's id
     * @param after   the version the caller has
     * @param timeout how long to wait
     * @return the latest version (the same one when nothing changed in time), or empty for an unknown id
     * @throws InterruptedException when interrupted while waiting
     */
    public Optional<Snapshot> await(String id, long after, Duration timeout) throws InterruptedException {
        Entry entry = id == null ? null : cards.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (entry) {
            while ((entry.snapshot == null || entry.snapshot.version() <= after) && !entry.finished()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                entry.wait(Math.max(1, left / 1_000_000));
            }
            return Optional.ofNullable(entry.snapshot);
        }
    }

    private void purge() {
        long cutoff = clock.millis() - KEEP.toMillis();
        cards.values().removeIf(e -> e.changedAt < cutoff);
    }

    private static String newId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    /**
     * One version of a live card.
     *
     * @param id        the live card's id
     * @param card      the card
     * @param actionIds one action id per button
     * @param version   1 for the card the command answered with, then 2, 3…
     * @param finished  whether this is the last version
     * @param viewer    whom it is shown to
     * @param locale    the locale it is written in
     */
    public record Snapshot(String id, Card card, List<String> actionIds, long version, boolean finished,
                           Identity viewer, String locale) {
    }

    /** The state behind one live card. */
    private final class Entry {
        private final Identity viewer;
        private final String locale;
        private volatile Snapshot snapshot;
        private volatile long changedAt = clock.millis();

        private Entry(Identity viewer, String locale) {
            this.viewer = viewer;
            this.locale = locale;
        }

        private boolean finished() {
            return snapshot != null && snapshot.finished();
        }
    }

    /** The handle a job holds to publish new versions of its card. */
    public final class LiveCard {
        private final String id;
        private final Entry entry;

        private LiveCard(String id, Entry entry) {
            this.id = id;
            this.entry = entry;
        }

        /** @return the id channels and clients refer to */
        public String id() {
            return id;
        }

        /** @return the locale versions must be written in */
        public String locale() {
            return entry.locale;
        }

        /** @return whom the card is shown to */
        public Identity viewer() {
            return entry.viewer;
        }

        /**
         * Publishes the card the command answers with, unless the job already published a newer one.
         *
         * @param card      the first version
         * @param actionIds its buttons' ids, as the engine issued them
         */
        void first(Card card, List<String> actionIds) {
            synchronized (entry) {
                if (entry.snapshot == null) {
                    set(new Snapshot(id, card, actionIds, 1, false, entry.viewer, entry.locale));
                }
            }
        }

        /**
         * @param card the new version
         */
        public void update(Card card) {
            publish(card, false);
        }

        /**
         * @param card the last version; later updates are ignored
         */
        public void finish(Card card) {
            publish(card, true);
        }

        /** @return whether the last version was published */
        public boolean finished() {
            return entry.finished();
        }

        private void publish(Card card, boolean last) {
            List<String> ids = actions.issue(card.buttons(), entry.viewer);
            Snapshot published;
            synchronized (entry) {
                if (entry.finished()) {
                    return;
                }
                long version = entry.snapshot == null ? 2 : entry.snapshot.version() + 1;
                published = new Snapshot(id, card, ids, version, last, entry.viewer, entry.locale);
                set(published);
            }
            listeners.forEach(l -> l.accept(published));
        }

        private void set(Snapshot snapshot) {
            entry.snapshot = snapshot;
            entry.changedAt = clock.millis();
            entry.notifyAll();
        }
    }
}
