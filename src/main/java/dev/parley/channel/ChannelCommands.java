package dev.parley.channel;

import java.util.List;

import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;

/**
 * {@code /channel bind|unbind|list}: makes the chat a command is typed in a target for alerts (and later
 * digests), in the language of the person who binds it.
 */
public final class ChannelCommands {
    private final ChannelBindings bindings;
    private final Times times;

    /**
     * @param bindings the bindings
     * @param times    how times are shown
     */
    public ChannelCommands(ChannelBindings bindings, Times times) {
        this.bindings = bindings;
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
        String purpose = inv.require("purpose", String.class);
        boolean fresh = bindings.bind(inv.identity().channel(), chat, purpose, inv.locale(), null, inv.identity().toString());
        return Card.builder(inv.t("channel.bind.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t(fresh ? "channel.bind.done" : "channel.bind.again", "purpose", inv.t("channel.purpose." + purpose),
                        "value", purpose))
                .build();
    }

    private Card unbind(Invocation inv) {
        String chat = chatOf(inv);
        String purpose = inv.require("purpose", String.class);
        if (!bindings.unbind(inv.identity().channel(), chat, purpose)) {
            throw new CommandException("channel.error.not_bound", "purpose", inv.t("channel.purpose." + purpose));
        }
        return Card.builder(inv.t("channel.unbind.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("channel.unbind.done", "purpose", inv.t("channel.purpose." + purpose))).build();
    }

    private Card list(Invocation inv) {
        List<ChannelBinding> all = bindings.all();
        Card.Builder card = Card.builder(inv.t("channel.list.title", "count", all.size()));
        if (all.isEmpty()) {
            return card.text(inv.t("channel.list.none")).build();
        }
        for (ChannelBinding b : all) {
            card.field(b.channel() + " · " + (b.chatName() == null ? b.chatId() : b.chatName()),
                    inv.t("channel.list.row", "purpose", inv.t("channel.purpose." + b.purpose()), "by", b.boundBy(),
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
