package dev.parley.command;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import dev.parley.rbac.Identity;

import org.jdbi.v3.core.Jdbi;

/**
 * Gives every button on a card a short random id (chat platforms limit button payloads, Telegram to
 * 64 bytes) and remembers the command behind it in MariaDB, so a press works after a restart and on any
 * node. Ordinary buttons stay valid for a day; confirmations are single-use and expire after minutes.
 */
public final class CardActions {
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
     * @param command   what pressing runs
     * @param issuedTo  whom the card was shown to
     * @param validFor  how long the button works
     * @param singleUse whether it works only once
     * @return the action id to put on the button
     */
    public String issue(String command, Identity issuedTo, Duration validFor, boolean singleUse) {
        return issueAll(List.of(command), issuedTo, validFor, singleUse).get(0);
    }

    /**
     * Issues the ids of all buttons of one card with one statement.
     *
     * @param commands  what pressing each button runs
     * @param issuedTo  whom the card was shown to
     * @param validFor  how long the buttons work
     * @param singleUse whether each works only once
     * @return the action ids, in the order of {@code commands}
     */
    public List<String> issueAll(List<String> commands, Identity issuedTo, Duration validFor, boolean singleUse) {
        if (commands.isEmpty()) {
            return List.of();
        }
        List<String> ids = commands.stream().map(c -> newId()).toList();
        long now = clock.millis();
        jdbi.useHandle(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO card_actions (id, command, issued_to, single_use, created_at, expires_at)
                    VALUES (:id, :command, :to, :single, :now, :expires)""");
            for (int i = 0; i < commands.size(); i++) {
                batch.bind("id", ids.get(i)).bind("command", commands.get(i)).bind("to", issuedTo.toString())
                        .bind("single", singleUse).bind("now", now).bind("expires", now + validFor.toMillis()).add();
            }
            batch.execute();
        });
        return ids;
    }

    /**
     * Claims an action for a press.
     *
     * @param id the action id
     * @param by who pressed
     * @return the command to run, or why the press cannot run
     */
    public Claim claim(String id, Identity by) {
        if (id == null || !id.matches("[A-Za-z0-9]{1,16}")) {
            return new Claim(Claim.Status.UNKNOWN, null);
        }
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            Optional<Row> row = h.createQuery(
                            "SELECT command, single_use, expires_at, used_at FROM card_actions WHERE id = :id FOR UPDATE")
                    .bind("id", id)
                    .map((rs, ctx) -> new Row(rs.getString(1), rs.getBoolean(2), rs.getLong(3),
                            (Long) rs.getObject(4, Long.class)))
                    .findOne();
            if (row.isEmpty()) {
                return new Claim(Claim.Status.UNKNOWN, null);
            }
            Row action = row.get();
            if (action.expiresAt < now) {
                return new Claim(Claim.Status.EXPIRED, action.command);
            }
            if (action.singleUse && action.usedAt != null) {
                return new Claim(Claim.Status.USED, action.command);
            }
            h.createUpdate("UPDATE card_actions SET used_at = :now, used_by = :by WHERE id = :id")
                    .bind("now", now).bind("by", by.toString()).bind("id", id).execute();
            return new Claim(Claim.Status.OK, action.command);
        });
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

    private record Row(String command, boolean singleUse, long expiresAt, Long usedAt) {
    }

    /**
     * The outcome of claiming an action.
     *
     * @param status  whether the press may run
     * @param command the command behind the button, when known
     */
    public record Claim(Status status, String command) {
        /** Whether a press may run. */
        public enum Status {
            OK, UNKNOWN, EXPIRED, USED
        }
    }
}
