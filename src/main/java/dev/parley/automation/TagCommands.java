package dev.parley.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.contact.ContactStore;
import dev.parley.message.ChatType;
import dev.parley.outbound.Recipient;
import dev.parley.outbound.Recipients;

/**
 * {@code /tag add|remove|list}: tags on the accounts' contacts and groups, which broadcasts target. Chats are named
 * by id or name, several separated by commas; without {@code account:} a name is looked up in every account (a
 * group two accounts are in is tagged for both). Every chat is resolved before anything changes, so one unknown
 * name changes nothing.
 */
public final class TagCommands {
    private static final int MAX_CHATS = 200;
    private static final int MAX_SHOWN = 30;
    private static final int MAX_CHOICES = 5;

    private final Tags tags;
    private final AccountStore accounts;
    private final ContactStore contacts;
    private final Recipients recipients;

    /**
     * @param tags       the tags
     * @param accounts   the accounts whose chats are tagged
     * @param contacts   their contacts and groups, by name
     * @param recipients resolves a chat of one named account
     */
    public TagCommands(Tags tags, AccountStore accounts, ContactStore contacts, Recipients recipients) {
        this.tags = tags;
        this.accounts = accounts;
        this.contacts = contacts;
        this.recipients = recipients;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("tag.list", this::list).handler("tag.add", this::add).handler("tag.remove", this::remove);
    }

    private Card add(Invocation inv) {
        String tag = tag(inv);
        List<Target> targets = targets(inv);
        int added = 0;
        for (Target t : targets) {
            added += tags.add(t.account().id(), tag, t.chat().chatId(), t.chat().type(), inv.identity().toString()) ? 1 : 0;
        }
        return done(inv, "automation.tag.add.done", tag, targets, added);
    }

    private Card remove(Invocation inv) {
        String tag = tag(inv);
        List<Target> targets = targets(inv);
        int removed = 0;
        for (Target t : targets) {
            removed += tags.remove(t.account().id(), tag, t.chat().chatId()) ? 1 : 0;
        }
        return done(inv, "automation.tag.remove.done", tag, targets, removed);
    }

    private Card list(Invocation inv) {
        var named = inv.get("tag", String.class);
        if (named.isEmpty()) {
            List<Tags.Count> counts = tags.counts();
            Card.Builder card = Card.builder(inv.t("automation.tag.list.title", "count", counts.size()));
            if (counts.isEmpty()) {
                return card.text(inv.t("automation.tag.list.empty")).build();
            }
            counts.stream().limit(MAX_SHOWN).forEach(c -> card.field(c.tag(), inv.t("automation.tag.list.row",
                    "chats", c.chats(), "groups", c.groups(), "contacts", c.chats() - c.groups())));
            return card.footer(inv.t("automation.tag.list.footer")).build();
        }
        String tag = Tags.normal(named.get()).orElseThrow(() -> badTag(named.get()));
        List<Tags.Tagged> chats = tags.chats(tag, null);
        Card.Builder card = Card.builder(inv.t("automation.tag.chats.title", "tag", tag, "count", chats.size()));
        if (chats.isEmpty()) {
            return card.text(inv.t("automation.tag.chats.empty", "tag", tag)).build();
        }
        Map<Long, String> names = accounts.list().stream()
                .collect(Collectors.toMap(Account::id, Account::displayName));
        card.text(chats.stream().limit(MAX_SHOWN).map(c -> inv.t(c.type() == ChatType.GROUP
                        ? "automation.tag.chats.group" : "automation.tag.chats.contact",
                "name", c.name() == null ? c.chatId() : c.name(), "id", c.chatId(),
                "account", names.getOrDefault(c.accountId(), String.valueOf(c.accountId()))))
                .collect(Collectors.joining("\n")));
        if (chats.size() > MAX_SHOWN) {
            card.footer(inv.t("automation.tag.chats.more", "count", chats.size() - MAX_SHOWN));
        }
        return card.build();
    }

    private Card done(Invocation inv, String key, String tag, List<Target> targets, int changed) {
        return Card.builder(inv.t(key, "tag", tag, "changed", changed, "count", targets.size()))
                .tone(Card.Tone.SUCCESS)
                .text(targets.stream().map(t -> inv.t("automation.tag.target", "name", t.chat().displayName(),
                        "account", t.account().displayName())).collect(Collectors.joining("\n")))
                .build();
    }

    private static String tag(Invocation inv) {
        String typed = inv.require("tag", String.class);
        return Tags.normal(typed).orElseThrow(() -> badTag(typed));
    }

    private static CommandException badTag(String typed) {
        return new CommandException("automation.tag.error.name", "tag", typed);
    }

    /** Every chat named, in every account it was found in; refuses when one is unknown or ambiguous. */
    private List<Target> targets(Invocation inv) {
        List<String> refs = List.of(inv.require("chats", String.class).split("[,，;；\\n]+")).stream()
                .map(String::strip).filter(r -> !r.isEmpty()).distinct().toList();
        if (refs.isEmpty()) {
            throw new CommandException("automation.tag.error.no_chats");
        }
        if (refs.size() > MAX_CHATS) {
            throw new CommandException("automation.tag.error.too_many", "max", MAX_CHATS);
        }
        var only = inv.get("account", String.class).map(ref -> AccountRefs.one(accounts, ref));
        List<Target> targets = new ArrayList<>();
        for (String ref : refs) {
            if (only.isPresent()) {
                targets.add(new Target(only.get(), recipients.resolve(only.get(), ref)));
            } else {
                targets.addAll(everywhere(ref));
            }
        }
        return targets;
    }

    private List<Target> everywhere(String ref) {
        List<Target> found = new ArrayList<>();
        for (Account account : accounts.list()) {
            List<ContactStore.Chat> chats = contacts.chats(account.id(), ref);
            if (chats.size() > 1) {
                throw new CommandException("outbound.error.ambiguous_chat", "chat", ref, "choices", chats.stream()
                        .limit(MAX_CHOICES).map(c -> (c.name() == null ? "" : c.name() + " ") + "(" + c.chatId() + ")")
                        .collect(Collectors.joining(", ")));
            }
            chats.forEach(c -> found.add(new Target(account, new Recipient(c.chatId(), c.name(),
                    c.group() ? ChatType.GROUP : ChatType.PRIVATE))));
        }
        if (found.isEmpty()) {
            throw new CommandException("automation.tag.error.no_chat", "chat", ref);
        }
        return found;
    }

    /** A chat of one account. */
    private record Target(Account account, Recipient chat) {
    }
}
