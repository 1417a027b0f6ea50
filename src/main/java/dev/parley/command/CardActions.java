package dev.parley.command;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.parley.card.Button;
import dev.parley.rbac.Identity;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Gives every button on a card a short random id (chat platforms limit button payloads, Telegram to
 * 64 bytes) and remembers the command behind it in MariaDB, so a press works after a restart and on any
 * node. Plain buttons stay valid for a day. Confirm and Cancel buttons work once, for five minutes, and
 * the buttons of one card share a group: using one confirmation uses up the other.
 */
public final class CardActions {
    /** How long a Confirm or Cancel button works. */
    public static final Duration CONFIRMATION_LIFETIME = Duration.ofMinutes(5);
    private static final Duration BUTTON_LIFETIME = Duration.ofDays(1);
    private static final char[] ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final int ID_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of expiry times
     */
    public CardActions(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Issues the ids of all buttons of one card with one statement.
     *
     * @param buttons  the card's buttons
     * @param issuedTo whom the card was shown to
     * @return the action ids, in the order of {@code buttons}
     */
    public List<String> issue(List<Button> buttons, Identity issuedTo) {
        if (buttons.isEmpty()) {
            return List.of();
        }
        List<String> ids = buttons.stream().map(b -> newId()).toList();
        String group = newId();
        long now = clock.millis();
        jdbi.useHandle(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO card_actions (id, command, kind, card_group, issued_to, single_use, created_at, expires_at)
                    VALUES (:id, :command, :kind, :group, :to, :single, :now, :expires)""");
            for (int i = 0; i < buttons.size(); i++) {
                Button button = buttons.get(i);
                boolean question = button.kind() != Button.Kind.RUN;
                Duration life = question ? CONFIRMATION_LIFETIME : BUTTON_LIFETIME;
                batch.bind("id", ids.get(i)).bind("command", button.command())
                        .bind("kind", button.kind().name().toLowerCase(Locale.ROOT)).bind("group", group)
                        .bind("to", issuedTo.toString()).bind("single", question).bind("now", now)
                        .bind("expires", now + life.toMillis()).add();
            }
            batch.execute();
        });
        return ids;
    }

    /**
     * Reads an action without using it up, so a press can be checked (the presser's role) before it counts.
     *
     * @param id the action id
     * @return what the button runs and for whom it was issued, or why it cannot run
     */
    public Claim peek(String id) {
        if (id == null || !id.matches("[A-Za-z0-9]{1,16}")) {
            return new Claim(Claim.Status.UNKNOWN, null, Button.Kind.RUN, null);
        }
        return jdbi.withHandle(h -> judge(read(h, id, false)));
    }

    /**
     * Claims an action for a press; a single-use one (and the other single-use buttons of its card) cannot
     * be claimed again.
     *
     * @param id the action id
     * @param by who pressed
     * @return the command to run and what kind of button it was, or why the press cannot run
     */
    public Claim claim(String id, Identity by) {
        if (id == null || !id.matches("[A-Za-z0-9]{1,16}")) {
            return new Claim(Claim.Status.UNKNOWN, null, Button.Kind.RUN, null);
        }
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            Optional<Row> row = read(h, id, true);
            Claim claim = judge(row);
            if (claim.status() != Claim.Status.OK) {
                return claim;
            }
            Row action = row.orElseThrow();
            if (action.singleUse) {
                h.createUpdate("UPDATE card_actions SET used_at = :now, used_by = :by"
                                + " WHERE card_group = :group AND single_use = 1 AND used_at IS NULL")
                        .bind("now", now).bind("by", by.toString()).bind("group", action.group).execute();
            } else {
                h.createUpdate("UPDATE card_actions SET used_at = :now, used_by = :by WHERE id = :id")
                        .bind("now", now).bind("by", by.toString()).bind("id", id).execute();
            }
            return claim;
        });
    }

    private static Optional<Row> read(Handle h, String id, boolean lock) {
        return h.createQuery("SELECT command, kind, card_group, single_use, expires_at, used_at, issued_to"
                        + " FROM card_actions WHERE id = :id" + (lock ? " FOR UPDATE" : ""))
                .bind("id", id)
                .map((rs, ctx) -> new Row(rs.getString(1), Button.Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                        rs.getString(3), rs.getBoolean(4), rs.getLong(5), (Long) rs.getObject(6, Long.class),
                        rs.getString(7)))
                .findOne();
    }

    /** @return whether the action may run now, with what it runs */
    private Claim judge(Optional<Row> row) {
        if (row.isEmpty()) {
            return new Claim(Claim.Status.UNKNOWN, null, Button.Kind.RUN, null);
        }
        Row action = row.get();
        Claim.Status status = action.expiresAt < clock.millis() ? Claim.Status.EXPIRED
                : action.singleUse && action.usedAt != null ? Claim.Status.USED : Claim.Status.OK;
        return new Claim(status, action.command, action.kind, action.issuedTo);
    }

    /**
     * Deletes actions that expired more than a day ago.
     *
     * @return how many were deleted
     */
    public int purgeExpired() {
        long cutoff = clock.millis() - Duration.ofDays(1).toMillis();
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM card_actions WHERE expires_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    private static String newId() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    private record Row(String command, Button.Kind kind, String group, boolean singleUse, long expiresAt, Long usedAt,
                       String issuedTo) {
    }

    /**
     * The outcome of claiming an action.
     *
     * @param status   whether the press may run
     * @param command  the command behind the button, when known
     * @param kind     what the button does
     * @param issuedTo whom the card was shown to ({@code channel:user-id}), when known
     */
    public record Claim(Status status, String command, Button.Kind kind, String issuedTo) {
        /** Whether a press may run. */
        public enum Status {
            OK, UNKNOWN, EXPIRED, USED
        }
    }
}
