package dev.parley.channel;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;

/**
 * {@code /channel bind|unbind|list}: makes the chat a command is typed in a target for alerts or AI reply drafts
 * (all accounts' drafts, or one account's with {@code /channel bind drafts <account>}), in the language of the
 * person who binds it.
 */
public final class ChannelCommands {

    private final ChannelBindings bindings;
    private final AccountStore accounts;
    private final Times times;

    /**
     * @param bindings the bindings
     * @param accounts names the account a binding is narrowed to
     * @param times    how times are shown
     */
    public ChannelCommands(ChannelBindings bindings, AccountStore accounts, Times times) {
        this.bindings = bindings;
        this.accounts = accounts;
        this.times = times;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("channel.bind", this::bind)
                .handler("channel.unbind", this::unbind)
                .handler("channel.list", this::list);
    }

    private Card bind(Invocation inv) {
        String chat = chatOf(inv);
        String purpose = purpose(inv);
        boolean fresh = bindings.bind(inv.identity().channel(), chat, purpose, inv.locale(), null, inv.identity().toString());
        return Card.builder(inv.t("channel.bind.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t(fresh ? "channel.bind.done" : "channel.bind.again", "purpose", label(inv, purpose),
                        "value", purpose.replace(':', ' ')))
                .build();
    }

    private Card unbind(Invocation inv) {
        String chat = chatOf(inv);
        String purpose = purpose(inv);
        if (!bindings.unbind(inv.identity().channel(), chat, purpose)) {
            throw new CommandException("channel.error.not_bound", "purpose", label(inv, purpose));
        }
        return Card.builder(inv.t("channel.unbind.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("channel.unbind.done", "purpose", label(inv, purpose))).build();
    }

    /** The purpose typed, narrowed to one account when one is named (only drafts can be). */
    private String purpose(Invocation inv) {
        String purpose = inv.require("purpose", String.class);
        Optional<String> ref = inv.get("account", String.class);
        if (ref.isEmpty()) {
            return purpose;
        }
        if (!ChannelBindings.DRAFTS.equals(purpose)) {
            throw new CommandException("channel.error.account_only_drafts");
        }
        return ChannelBindings.scoped(purpose, AccountRefs.one(accounts, ref.get()).id());
    }

    private String label(Invocation inv, String purpose) {
        OptionalLong account = ChannelBindings.accountOf(purpose);
        if (account.isEmpty()) {
            return inv.t("channel.purpose." + purpose);
        }
        long id = account.getAsLong();
        return inv.t("channel.purpose.drafts_of", "account",
                accounts.find(id).map(Account::displayName).orElse("#" + id));
    }

    private Card list(Invocation inv) {
        List<ChannelBinding> all = bindings.all();
        Card.Builder card = Card.builder(inv.t("channel.list.title", "count", all.size()));
        if (all.isEmpty()) {
            return card.text(inv.t("channel.list.none")).build();
        }
        for (ChannelBinding b : all) {
            card.field(b.channel() + " · " + (b.chatName() == null ? b.chatId() : b.chatName()),
                    inv.t("channel.list.row", "purpose", label(inv, b.purpose()), "by", b.boundBy(),
                            "at", times.format(b.boundAt()), "language", inv.messages().text(b.locale(), "lang.name")));
        }
        return card.build();
    }

    private static String chatOf(Invocation inv) {
        if (inv.chat() == null) {
            throw new CommandException("channel.error.no_chat");
        }
        return inv.chat();
    }
}
