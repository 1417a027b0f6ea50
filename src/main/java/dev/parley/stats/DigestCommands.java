package dev.parley.stats;

import java.text.Normalizer;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.card.Card;
import dev.parley.channel.ChannelBindings;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;

/**
 * {@code /digest daily <HH:MM> [here] | off | status}: which team chats get the daily digest, and when. Without
 * {@code here}, {@code daily} moves the time of every digest (or starts one in this chat when there is none);
 * with it, this chat gets the digest too, in the language of whoever typed it.
 */
public final class DigestCommands {
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private final DigestSchedules schedules;
    private final ChannelBindings bindings;
    private final ZoneId zone;
    private final InstantSource clock;

    DigestCommands(DigestSchedules schedules, ChannelBindings bindings, ZoneId zone, InstantSource clock) {
        this.schedules = schedules;
        this.bindings = bindings;
        this.zone = zone;
        this.clock = clock;
    }

    /** @param engine the engine to register the handlers with */
    public void register(CommandEngine.Builder engine) {
        engine.handler("digest.daily", this::daily);
        engine.handler("digest.off", this::off);
        engine.handler("digest.status", this::status);
    }

    private Card daily(Invocation inv) {
        LocalTime at = time(inv.require("time", String.class));
        boolean here = inv.get("where", String.class).isPresent();
        List<DigestSchedules.Schedule> existing = schedules.all();
        if (here || existing.isEmpty()) {
            String chat = chatOf(inv);
            bindings.bind(inv.identity().channel(), chat, DigestScheduler.PURPOSE, inv.locale(), null, inv.identity().toString());
            set(inv.identity().channel(), chat, at, inv.identity().toString());
            return Card.builder(inv.t("digest.daily.title")).tone(Card.Tone.SUCCESS)
                    .text(inv.t("digest.daily.here", "time", at, "zone", zone.getId())).build();
        }
        existing.forEach(s -> set(s.channel(), s.chatId(), at, inv.identity().toString()));
        return Card.builder(inv.t("digest.daily.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("digest.daily.moved", "time", at, "zone", zone.getId(), "count", existing.size())).build();
    }

    /** A time already past today starts tomorrow, so setting a digest never posts one at once. */
    private void set(String channel, String chat, LocalTime at, String by) {
        ZonedDateTime now = clock.instant().atZone(zone);
        schedules.set(channel, chat, at, by, clock.millis(), now.toLocalTime().isBefore(at) ? null : now.toLocalDate());
    }

    private Card off(Invocation inv) {
        String chat = chatOf(inv);
        boolean removed = schedules.remove(inv.identity().channel(), chat);
        removed |= bindings.unbind(inv.identity().channel(), chat, DigestScheduler.PURPOSE);
        if (!removed) {
            throw new CommandException("digest.error.not_here");
        }
        return Card.builder(inv.t("digest.off.title")).tone(Card.Tone.SUCCESS).text(inv.t("digest.off.done")).build();
    }

    private Card status(Invocation inv) {
        List<DigestSchedules.Schedule> all = schedules.all();
        Card.Builder card = Card.builder(inv.t("digest.status.title", "count", all.size()));
        if (all.isEmpty()) {
            return card.text(inv.t("digest.status.none")).build();
        }
        for (DigestSchedules.Schedule s : all) {
            card.field(s.channel() + " · " + s.chatId(), inv.t("digest.status.row", "time", s.at(), "zone", zone.getId(),
                    "last", s.lastPosted() == null ? inv.t("stats.none") : s.lastPosted().toString()));
        }
        return card.build();
    }

    private static LocalTime time(String typed) {
        Matcher m = TIME.matcher(Normalizer.normalize(typed, Normalizer.Form.NFKC).strip());
        try {
            if (m.matches()) {
                return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        } catch (java.time.DateTimeException e) {
            // out of range: reported below
        }
        throw new CommandException("digest.error.time", "value", typed);
    }

    private static String chatOf(Invocation inv) {
        if (inv.chat() == null) {
            throw new CommandException("digest.error.no_chat");
        }
        return inv.chat();
    }
}
