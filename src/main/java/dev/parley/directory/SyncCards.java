package dev.parley.directory;

import java.time.Duration;
import java.util.Locale;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.Progress;
import dev.parley.card.Times;
import dev.parley.i18n.Messages;

/**
 * The cards of a sync in any locale: progress while it runs (edited in place), the summary when it is done,
 * why it stopped, and "already running" for a second {@code /bot sync}. Jobs render them on their own
 * threads, so they take the locale of the live card rather than an invocation.
 */
final class SyncCards {
    private final Messages messages;
    private final Times times;
    private final SyncSettings settings;

    SyncCards(Messages messages, Times times, SyncSettings settings) {
        this.messages = messages;
        this.times = times;
        this.settings = settings;
    }

    Card progress(String locale, SyncProgress p) {
        Card.Builder card = Card.builder(t(locale, "directory.sync.title", "account", p.account()))
                .text(stepText(locale, p))
                .progress(new Progress(p.done(), p.total()));
        paceFields(locale, p, card);
        return card.footer(footer(locale, p)).build();
    }

    Card running(String locale, SyncProgress p) {
        Card.Builder card = Card.builder(t(locale, "directory.sync.running_title", "account", p.account()))
                .text(t(locale, "directory.sync.running", "started", times.format(p.startedAt())) + "\n"
                        + stepText(locale, p))
                .progress(new Progress(p.done(), p.total()));
        paceFields(locale, p, card);
        return card.build();
    }

    Card done(String locale, SyncProgress p, DirectoryQueries.Moves sinceLast) {
        Card.Builder card = Card.builder(t(locale, "directory.sync.done_title", "account", p.account()))
                .tone(p.errors() == 0 ? Card.Tone.SUCCESS : Card.Tone.WARNING)
                .progress(new Progress(p.done(), p.total()))
                .shortField(t(locale, "directory.sync.friends"), t(locale, "directory.sync.friends_value",
                        "count", p.friends(), "added", p.newFriends(), "gone", p.goneFriends()))
                .shortField(t(locale, "directory.sync.groups"), t(locale, "directory.sync.groups_value",
                        "count", p.groups(), "added", p.newGroups()))
                .shortField(t(locale, "directory.sync.members"), t(locale, "directory.sync.members_value",
                        "count", p.members()))
                .field(t(locale, "directory.sync.moves"), sinceLast == null ? t(locale, "directory.sync.moves_first")
                        : t(locale, "directory.sync.moves_value", "joined", sinceLast.joined(), "left", sinceLast.left()))
                .shortField(t(locale, "directory.sync.took"), duration(locale, Duration.ofMillis(p.at() - p.startedAt())))
                .shortField(t(locale, "directory.sync.errors"), errors(locale, p));
        return card.button(Button.of(t(locale, "directory.sync.show_groups"), "/group list " + p.accountId()))
                .footer(footer(locale, p)).build();
    }

    Card stopped(String locale, SyncProgress p, Stop stop, String error) {
        boolean resumable = stop != Stop.CONFIGURATION;
        Card.Builder card = Card.builder(t(locale, "directory.sync.stopped_title", "account", p.account()))
                .tone(stop == Stop.INTERRUPTED ? Card.Tone.WARNING : Card.Tone.ERROR)
                .text(t(locale, "directory.sync.stopped." + stop.name().toLowerCase(Locale.ROOT), "error",
                        error == null ? "" : error, "id", p.accountId()))
                .progress(new Progress(p.done(), p.total()))
                .shortField(t(locale, "directory.sync.groups"), t(locale, "directory.sync.groups_value",
                        "count", p.groups(), "added", p.newGroups()))
                .shortField(t(locale, "directory.sync.errors"), errors(locale, p));
        if (resumable) {
            card.footer(t(locale, "directory.sync.resume_hint", "id", p.accountId()));
        }
        return card.build();
    }

    /** Why a sync ended early. */
    enum Stop {
        /** The account is offline. */
        OFFLINE,
        /** The platform refused Parley's credentials. */
        CONFIGURATION,
        /** The platform kept failing, or something else went wrong. */
        FAILED,
        /** Parley is stopping. */
        INTERRUPTED
    }

    private String stepText(String locale, SyncProgress p) {
        return switch (p.step()) {
            case CONTACTS -> t(locale, "directory.sync.step.contacts");
            case PROFILES -> t(locale, "directory.sync.step.profiles", "current", Math.min(p.stepDone() + 1, p.stepTotal()),
                    "count", p.stepTotal());
            case GROUPS -> t(locale, "directory.sync.step.groups", "current", Math.min(p.stepDone() + 1, p.stepTotal()),
                    "count", p.stepTotal(), "group", p.current() == null ? "" : p.current());
            case DONE -> t(locale, "directory.sync.step.done");
        };
    }

    private void paceFields(String locale, SyncProgress p, Card.Builder card) {
        card.shortField(t(locale, "directory.sync.rate"), t(locale, "directory.sync.rate_value",
                        "rate", String.format(Locale.ROOT, "%.1f", p.perMinute())))
                .shortField(t(locale, "directory.sync.eta"), p.eta().map(d -> duration(locale, d))
                        .orElseGet(() -> t(locale, "directory.sync.eta_unknown")))
                .shortField(t(locale, "directory.sync.errors"), errors(locale, p));
    }

    private String footer(String locale, SyncProgress p) {
        String pace = t(locale, "directory.sync.footer", "min", seconds(settings.paceMin()), "max", seconds(settings.paceMax()));
        return p.resumedFrom() == null ? pace
                : t(locale, "directory.sync.resumed", "at", times.format(p.resumedFrom())) + "\n" + pace;
    }

    private String errors(String locale, SyncProgress p) {
        return p.errors() == 0 ? t(locale, "directory.sync.no_errors")
                : t(locale, "directory.sync.errors_value", "count", p.errors(), "first", p.firstError());
    }

    /** A duration as people read it: 45 s, 3 min 20 s, 2 h 5 min. */
    String duration(String locale, Duration d) {
        return messages.duration(locale, d);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private String t(String locale, String key, Object... namesAndValues) {
        return messages.text(locale, key, namesAndValues);
    }
}
