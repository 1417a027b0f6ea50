package dev.parley.stats;

import java.time.Duration;
import java.time.InstantSource;

import dev.parley.channel.ChannelBindings;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.i18n.Messages;

import org.jdbi.v3.core.Jdbi;

/** Builds the daily digest feature: its schedules, its commands and the scheduler thread, sharing one store. */
public final class Digests {
    private final DigestScheduler scheduler;
    private final DigestCommands commands;

    /**
     * @param jdbi       the database
     * @param stats      the figures of the digest
     * @param messages   its strings
     * @param bindings   which chats are bound for digests
     * @param deliveries posts cards into chats
     * @param clock      what time it is
     * @param checkEvery how often to look for a due digest
     */
    public Digests(Jdbi jdbi, Stats stats, Messages messages, ChannelBindings bindings, ChannelDeliveries deliveries,
                   InstantSource clock, Duration checkEvery) {
        DigestSchedules schedules = new DigestSchedules(jdbi);
        this.scheduler = new DigestScheduler(schedules, bindings, deliveries, new DigestCards(stats, messages), stats.zone(),
                clock, checkEvery);
        this.commands = new DigestCommands(schedules, bindings, stats.zone(), clock);
    }

    /** @return the thread that posts digests (start it; stop it with the service) */
    public DigestScheduler scheduler() {
        return scheduler;
    }

    /** @return {@code /digest daily|off|status} */
    public DigestCommands commands() {
        return commands;
    }
}
