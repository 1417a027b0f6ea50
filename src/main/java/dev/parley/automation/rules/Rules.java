package dev.parley.automation.rules;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

import dev.parley.account.AccountStore;
import dev.parley.automation.OptOuts;
import dev.parley.automation.SavedTemplates;
import dev.parley.automation.Tags;
import dev.parley.card.Times;
import dev.parley.contact.ContactStore;
import dev.parley.outbound.OutboundQueue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.jdbi.v3.core.Jdbi;

/**
 * The rules feature put together from its parts, so the service's wiring needs three lines: the watcher that acts on
 * committed messages and joins, and the commands that manage rules.
 *
 * @param watcher  follows committed messages and group joins
 * @param commands {@code /rule …} and {@code /tag auto}
 */
public record Rules(RuleWatcher watcher, RuleCommands commands) {
    /**
     * @param jdbi      the database
     * @param settings  {@code parley.rules.*}
     * @param accounts  the managed accounts
     * @param contacts  names of contacts, groups and members
     * @param outbound  where replies are queued
     * @param saved     saved template texts ({@code reply:tpl:<name>})
     * @param tags      what {@code /tag auto} rules add to
     * @param optOuts   where opt-outs are recorded
     * @param times     the time zone rules' hours are in, and how times are shown
     * @param clock     the present
     * @param registry  where {@code parley_rule_firings_total} is registered
     * @return the parts, not started
     */
    public static Rules create(Jdbi jdbi, RuleSettings settings, AccountStore accounts, ContactStore contacts,
                               OutboundQueue outbound, SavedTemplates saved, Tags tags, OptOuts optOuts, Times times,
                               InstantSource clock, PrometheusRegistry registry) {
        RuleStore store = new RuleStore(jdbi, clock, settings.regexTimeout());
        RuleBook book = new RuleBook(store, times.zone());
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        RuleReplies replies = new RuleReplies(saved, contacts, times.zone(), random);
        RuleWatcher watcher = new RuleWatcher(jdbi, store, book, replies, outbound, accounts, tags, optOuts,
                new RuleMetrics(registry), settings, clock, random);
        return new Rules(watcher, new RuleCommands(store, book, replies, accounts, saved, settings.cooldown(), times,
                clock));
    }
}
