package dev.parley.automation.sop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.CardFile;
import dev.parley.card.CsvFile;
import dev.parley.card.Progress;
import dev.parley.card.Times;
import dev.parley.i18n.Messages;

/**
 * The cards of a broadcast in any locale: its progress while it runs (sent, failed, skipped, left, rate, ETA and what
 * holds it, edited in place), and its report when it ends, with the failures and every send as a CSV. The runner
 * renders them on its own thread, so they take the live card's locale rather than an invocation.
 */
final class SopCards {
    private static final int PROBLEMS_SHOWN = 10;

    private final Messages messages;
    private final Times times;
    private final Throttle throttle;

    SopCards(Messages messages, Times times, Throttle throttle) {
        this.messages = messages;
        this.times = times;
        this.throttle = throttle;
    }

    Card progress(String locale, SopTask task, Tally tally, Hold hold, long now) {
        Card.Builder card = Card.builder(t(locale, "sop.card.title", "name", task.name()))
                .text(holdText(locale, hold))
                .progress(new Progress(tally.total() - tally.left(), tally.total()));
        counts(locale, tally, card);
        double perMinute = task.perMinute(tally, now);
        card.shortField(t(locale, "sop.card.rate"), t(locale, "sop.card.rate_value",
                "rate", String.format(Locale.ROOT, "%.1f", perMinute)));
        card.shortField(t(locale, "sop.card.eta"), hold.kind() == Hold.Kind.NONE && perMinute > 0
                ? duration(locale, Duration.ofMillis((long) (tally.left() * 60_000.0 / perMinute)))
                : t(locale, "sop.card.eta_unknown"));
        if (task.state() == SopState.PAUSED) {
            card.button(Button.primary(t(locale, "sop.button.resume"), "/sop resume " + task.name()));
        } else {
            card.button(Button.of(t(locale, "sop.button.pause"), "/sop pause " + task.name()));
        }
        card.button(Button.of(t(locale, "sop.button.cancel"), "/sop cancel " + task.name()));
        return card.footer(footer(locale)).build();
    }

    Card report(String locale, SopTask task, Tally tally, List<SopStore.Row> problems, List<SopStore.Row> all) {
        boolean cancelled = task.state() == SopState.CANCELLED;
        Card.Builder card = Card.builder(t(locale, cancelled ? "sop.card.cancelled_title" : "sop.card.done_title",
                        "name", task.name()))
                .tone(cancelled || tally.failed() + tally.unknown() > 0 ? Card.Tone.WARNING : Card.Tone.SUCCESS)
                .text(t(locale, "sop.card.report", "sent", tally.sent(), "total", tally.total()))
                .progress(new Progress(tally.total() - tally.left(), tally.total()));
        counts(locale, tally, card);
        if (task.startedAt() != null && task.endedAt() != null) {
            card.shortField(t(locale, "sop.card.took"), duration(locale,
                    Duration.ofMillis(task.endedAt() - Math.max(task.startedAt(),
                            task.startsAt() == null ? task.startedAt() : task.startsAt()))));
        }
        for (SopStore.Row row : problems.stream().limit(PROBLEMS_SHOWN).toList()) {
            card.field(t(locale, "sop.card.problem_label", "chat", rowName(row), "step", row.step()),
                    t(locale, "sop.state." + row.state()) + (row.reason() == null ? "" : " · " + reason(locale, row)));
        }
        if (tally.unknown() > 0) {
            card.footer(t(locale, "sop.card.unknown_hint", "count", tally.unknown()));
        }
        return card.file(csv(locale, task, all)).build();
    }

    /** Why a task's sends are not going out right now, if anything holds them. */
    record Hold(Kind kind, long until) {
        static final Hold NONE = new Hold(Kind.NONE, 0);

        /** What holds a task. */
        enum Kind {
            /** Sends are going out. */
            NONE,
            /** Its start ({@code at:}) is ahead. */
            SCHEDULED,
            /** An admin paused it. */
            PAUSED,
            /** Quiet hours. */
            QUIET,
            /** Its accounts reached the daily cap. */
            CAP,
            /** Its next step falls due later. */
            WAITING,
            /** A repeating task between runs. */
            NEXT_RUN,
            /** An after-join task waiting for members to join. */
            JOINS
        }
    }

    String holdText(String locale, Hold hold) {
        String key = "sop.hold." + hold.kind().name().toLowerCase(Locale.ROOT);
        return t(locale, key, "until", hold.until() == 0 ? "" : times.format(hold.until()));
    }

    private void counts(String locale, Tally tally, Card.Builder card) {
        card.shortField(t(locale, "sop.card.sent"), String.valueOf(tally.sent()))
                .shortField(t(locale, "sop.card.failed"), String.valueOf(tally.failed()))
                .shortField(t(locale, "sop.card.skipped"), String.valueOf(tally.skipped()))
                .shortField(t(locale, "sop.card.left"), String.valueOf(tally.left()));
        if (tally.unknown() > 0) {
            card.shortField(t(locale, "sop.card.unknown"), String.valueOf(tally.unknown()));
        }
        if (tally.cancelled() > 0) {
            card.shortField(t(locale, "sop.card.cancelled"), String.valueOf(tally.cancelled()));
        }
    }

    String footer(String locale) {
        String quiet = throttle.quietText();
        return t(locale, "sop.card.footer", "quiet", quiet == null ? t(locale, "sop.card.no_quiet") : quiet,
                "cap", throttle.dailyCap());
    }

    private CardFile csv(String locale, SopTask task, List<SopStore.Row> rows) {
        List<String> header = List.of("step", "account", "chat_id", "name", "state", "reason", "outbound", "at");
        List<List<String>> lines = new ArrayList<>();
        for (SopStore.Row row : rows) {
            lines.add(List.of(String.valueOf(row.step()), String.valueOf(row.accountId()), row.chatId(),
                    row.name() == null ? "" : row.name(), row.state(),
                    row.reason() == null ? "" : reason(locale, row),
                    row.outboundId() == null ? "" : String.valueOf(row.outboundId()),
                    row.doneAt() == null ? "" : Instant.ofEpochMilli(row.doneAt()).atZone(times.zone())
                            .toOffsetDateTime().toString()));
        }
        return new CardFile("sop-" + task.name() + ".csv", "text/csv", CsvFile.write(header, lines));
    }

    /** A reason Parley gave is a code shown in the reader's language; a platform's is shown as it said it. */
    private String reason(String locale, SopStore.Row row) {
        String key = "sop.reason." + row.reason();
        return messages.has(locale, key) ? t(locale, key) : row.reason();
    }

    private static String rowName(SopStore.Row row) {
        return row.name() == null || row.name().isBlank() ? row.chatId() : row.name();
    }

    /** A duration as people read it: 45 s, 3 min 20 s, 2 h 5 min. */
    String duration(String locale, Duration d) {
        return messages.duration(locale, d);
    }

    private String t(String locale, String key, Object... namesAndValues) {
        return messages.text(locale, key, namesAndValues);
    }
}
