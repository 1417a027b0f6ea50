package dev.parley.automation.sop;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

import dev.parley.account.AccountStore;
import dev.parley.automation.OptOuts;
import dev.parley.automation.SavedTemplates;
import dev.parley.automation.Tags;
import dev.parley.card.Times;
import dev.parley.contact.ContactStore;
import dev.parley.i18n.Messages;
import dev.parley.outbound.OutboundQueue;
import dev.parley.outbound.Recipients;

import io.helidon.config.Config;

import org.jdbi.v3.core.Jdbi;

/**
 * Broadcasts put together from their parts, so the service's wiring needs three lines: the runner that hands sends to
 * the outbound queue, and the commands that write, start and steer tasks.
 *
 * @param runner   hands due sends to the queue and keeps live cards up to date
 * @param commands {@code /sop …}
 */
public record Broadcasts(SopRunner runner, SopCommands commands) {
    /**
     * @param parley     the {@code parley} configuration node ({@code quiet.hours}, {@code broadcast.*})
     * @param jdbi       the database
     * @param accounts   the managed accounts
     * @param contacts   names of contacts and groups
     * @param recipients resolves groups and chats named in a target
     * @param outbound   where sends are queued
     * @param saved      saved template texts ({@code tpl:<name>} steps)
     * @param tags       tagged chats ({@code to:tag:…})
     * @param optOuts    chats that are skipped
     * @param messages   the texts cards are written in
     * @param times      the time zone quiet hours and days are in, and how times are shown
     * @param clock      the present
     * @return the parts, not started
     * @throws IllegalArgumentException when a setting cannot be used
     */
    public static Broadcasts create(Config parley, Jdbi jdbi, AccountStore accounts, ContactStore contacts,
                                    Recipients recipients, OutboundQueue outbound, SavedTemplates saved, Tags tags,
                                    OptOuts optOuts, Messages messages, Times times, InstantSource clock) {
        SopSettings settings = SopSettings.read(parley, times.zone());
        SopStore store = new SopStore(jdbi);
        StepTexts texts = new StepTexts(saved, contacts, times.zone(), RandomGenerator.of("L64X128MixRandom"));
        SopCards cards = new SopCards(messages, times, settings.throttle());
        Audience audience = new Audience(accounts, tags, recipients, contacts);
        SopRunner runner = new SopRunner(store, outbound, accounts, optOuts, audience, texts, cards, settings,
                times.zone(), clock);
        return new Broadcasts(runner, new SopCommands(store, runner, audience, texts, cards, saved, accounts, outbound,
                settings, times, clock));
    }
}
