package dev.parley.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.command.LiveCards;
import dev.parley.contact.ContactStore;
import dev.parley.message.RowIds;
import dev.parley.outbound.OutboundQueue;

/**
 * {@code /ai status|mode|drafts|send|edit|regenerate|reject|takeover|pause|resume}: turns drafting on per account
 * or per chat ({@code chat:}, which wins over the account until {@code inherit}), decides drafts, and hands chats to humans. Send
 * takes the draft with one conditional update before queueing its text, so of two admins pressing at once exactly
 * one sends and the other is told who did.
 */
public final class AiCommands {
    private static final Logger LOG = Logger.getLogger(AiCommands.class.getName());
    private static final int LISTED = 10;
    /** The longest reply sent as one message; {@code /ai edit} takes as much typed. */
    private static final int MAX_REPLY = 2000;
    private static final String INHERIT = "inherit";

    private final AiModes modes;
    private final DraftStore drafts;
    private final Drafter drafter;
    private final DraftPoster poster;
    private final DraftSender sender;
    private final AccountStore accounts;
    private final AiSettings settings;
    private final AiPauses pauses;
    private final Times times;
    private final ContactStore contacts;
    private final Conversations conversations;
    private final DraftWatcher watcher;

    /**
     * @param modes         which accounts draft
     * @param drafts        the drafts
     * @param drafter       drafts again on Regenerate
     * @param poster        draws draft cards
     * @param sender        queues approved drafts
     * @param accounts      the accounts
     * @param settings      the providers
     * @param pauses        chats where a human has taken over
     * @param times         how times are shown
     * @param contacts      resolves the contact and group names {@code chat:} takes
     * @param conversations tells which chat ids an account has messages in
     * @param watcher       runs Regenerate on the drafting threads
     */
    public AiCommands(AiModes modes, DraftStore drafts, Drafter drafter, DraftPoster poster, DraftSender sender,
                      AccountStore accounts, AiSettings settings, AiPauses pauses, Times times, ContactStore contacts,
                      Conversations conversations, DraftWatcher watcher) {
        this.modes = modes;
        this.drafts = drafts;
        this.drafter = drafter;
        this.poster = poster;
        this.sender = sender;
        this.accounts = accounts;
        this.settings = settings;
        this.pauses = pauses;
        this.times = times;
        this.contacts = contacts;
        this.conversations = conversations;
        this.watcher = watcher;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("ai.status", this::status)
                .handler("ai.mode", this::mode)
                .handler("ai.drafts", this::list)
                .handler("ai.send", this::send)
                .handler("ai.edit", this::edit)
                .handler("ai.regenerate", this::regenerate)
                .handler("ai.reject", this::reject)
                .handler("ai.takeover", this::takeover)
                .handler("ai.pause", this::pause)
                .handler("ai.resume", this::resume);
    }

    private Card status(Invocation inv) {
        Map<Long, Map.Entry<AiMode, String>> all = modes.all();
        Card.Builder card = Card.builder(inv.t("ai.status.title"))
                .shortField(inv.t("ai.status.provider"), settings.provider() + " · " + settings.drafting().model())
                .shortField(inv.t("ai.status.providers"), String.join(", ", settings.providers().keySet().stream()
                        .sorted().toList()))
                .shortField(inv.t("ai.status.quiet"), settings.quiet().toSeconds() + " s")
                .shortField(inv.t("ai.status.pending"), String.valueOf(drafts.pendingCount()));
        if (all.isEmpty()) {
            card.text(inv.t("ai.status.none"));
        }
        all.forEach((id, mode) -> card.field(accountName(id),
                inv.t("ai.mode." + mode.getKey().code()) + " · " + settings.drafting(mode.getValue()).name()));
        List<AiModes.ChatMode> chats = modes.chats();
        List<AiPauses.Pause> paused = pauses.active();
        Map<ContactStore.ChatKey, String> names = contacts.namesOf(Stream.concat(
                chats.stream().map(c -> new ContactStore.ChatKey(c.accountId(), c.chatId())),
                paused.stream().map(p -> new ContactStore.ChatKey(p.accountId(), p.chatId()))).toList());
        chats.forEach(chat -> card.field(inv.t("ai.status.chat", "chat",
                        chatName(inv, names, chat.accountId(), chat.chatId()), "account", accountName(chat.accountId())),
                inv.t("ai.mode." + chat.mode().code()) + " · " + settings.drafting(
                        modes.provider(chat.accountId(), chat.chatId()).orElse(null)).name()));
        paused.forEach(pause -> card.field(inv.t("ai.status.paused", "chat",
                        chatName(inv, names, pause.accountId(), pause.chatId()), "account", accountName(pause.accountId())),
                inv.t("ai.status.paused_until", "until", times.format(pause.until()), "by", pause.by())));
        return card.build();
    }

    private String accountName(long id) {
        return accounts.find(id).map(Account::displayName).orElse("#" + id);
    }

    /** A chat's display name with its id in brackets, or just its id when it has no name. */
    private static String chatName(Invocation inv, Map<ContactStore.ChatKey, String> names, long accountId,
                                   String chatId) {
        String name = names.get(new ContactStore.ChatKey(accountId, chatId));
        return name == null || name.isBlank() ? chatId : inv.t("ai.status.named_chat", "name", name, "id", chatId);
    }

    private Card mode(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        String typed = inv.require("mode", String.class);
        String provider = inv.get("provider", String.class).map(String::strip).orElse(null);
        if (provider != null && !settings.providers().containsKey(provider)) {
            throw new CommandException("ai.error.no_provider", "provider", provider, "providers",
                    String.join(", ", settings.providers().keySet().stream().sorted().toList()));
        }
        Optional<String> chatRef = inv.get("chat", String.class).map(String::strip);
        if (chatRef.isEmpty()) {
            if (INHERIT.equals(typed)) {
                throw new CommandException("ai.error.inherit_needs_chat");
            }
            AiMode mode = AiMode.of(typed);
            modes.set(account.id(), mode, provider, inv.identity());
            return Card.builder(inv.t("ai.mode.title")).tone(Card.Tone.SUCCESS)
                    .text(inv.t("ai.mode.done", "account", account.displayName(), "mode", inv.t("ai.mode." + mode.code()),
                            "provider", settings.drafting(provider).name()))
                    .build();
        }
        String chat = chat(account, chatRef.get());
        if (INHERIT.equals(typed)) {
            if (!modes.inherit(account.id(), chat)) {
                throw new CommandException("ai.error.not_overridden", "chat", chat, "account", account.displayName());
            }
            return Card.builder(inv.t("ai.mode.title")).tone(Card.Tone.SUCCESS)
                    .text(inv.t("ai.mode.inherited", "chat", chat, "account", account.displayName(),
                            "mode", inv.t("ai.mode." + modes.mode(account.id(), chat).code())))
                    .build();
        }
        AiMode mode = AiMode.of(typed);
        modes.setChat(account.id(), chat, mode, provider, inv.identity());
        return Card.builder(inv.t("ai.mode.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("ai.mode.chat_done", "chat", chat, "account", account.displayName(),
                        "mode", inv.t("ai.mode." + mode.code()),
                        "provider", settings.drafting(modes.provider(account.id(), chat).orElse(null)).name()))
                .build();
    }

    private Card list(Invocation inv) {
        List<Draft> undecided = drafts.undecided(LISTED);
        if (undecided.isEmpty()) {
            return Card.builder(inv.t("ai.drafts.title")).text(inv.t("ai.drafts.none")).build();
        }
        Card first = poster.card(undecided.getFirst(), inv.locale());
        if (undecided.size() == 1) {
            return first;
        }
        String more = inv.t("ai.drafts.more", "ids", undecided.stream().skip(1).map(d -> "#" + d.id())
                .collect(Collectors.joining(", ")));
        return new Card(first.tone(), first.title(), first.text() + "\n\n" + more, first.fields(), first.image(),
                first.progress(), first.buttons(), first.footer(), first.file());
    }

    private Card send(Invocation inv) {
        Draft typed = draft(inv);
        sender.requireWindow(typed);
        if (!drafts.approve(typed.id(), inv.identity().toString())) {
            throw decided(inv, drafts.find(typed.id()).orElse(typed));
        }
        return queue(inv, typed.id());
    }

    /**
     * Sends the admin's own text: typed after the draft's id, or written as a reply to its card (kept as is, line
     * breaks included). Without text, the card is shown again asking for a reply.
     */
    private Card edit(Invocation inv) {
        Draft typed = draft(inv);
        Optional<String> text = inv.body().or(() -> inv.get("text", String.class)).map(String::strip)
                .filter(t -> !t.isEmpty());
        if (text.isEmpty()) {
            if (typed.state() != DraftState.PENDING && typed.state() != DraftState.FAILED) {
                throw decided(inv, typed);
            }
            Card card = poster.card(typed, inv.locale());
            return new Card(card.tone(), card.title(), card.text() + "\n\n" + inv.t("ai.edit.reply", "id", typed.id()),
                    card.fields(), card.image(), card.progress(), card.buttons(), card.footer(), card.file());
        }
        if (text.get().length() > MAX_REPLY) {
            throw new CommandException("ai.error.too_long", "length", text.get().length(), "max", MAX_REPLY);
        }
        sender.requireWindow(typed);
        if (!drafts.approveEdited(typed.id(), text.get(), inv.identity().toString())) {
            throw decided(inv, drafts.find(typed.id()).orElse(typed));
        }
        return queue(inv, typed.id());
    }

    private Card queue(Invocation inv, long id) {
        DraftSender.Queued sent = sender.queue(id, inv.identity());
        Draft draft = sent.draft();
        OutboundQueue.Enqueued queued = sent.queued();
        poster.refresh(draft);
        return Card.builder(inv.t("ai.send.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("ai.send.done", "id", draft.id(), "outbound", queued.id(), "text", draft.draftText()))
                .button(Button.of(inv.t("ai.button.queue"), "/queue show " + draft.accountId()))
                .build();
    }

    /**
     * Takes the draft back to be written again and answers at once with its card saying so; the new draft replaces
     * that card (and the draft's cards in other chats) when the provider has answered.
     */
    private Card regenerate(Invocation inv) {
        Draft draft = draft(inv);
        if (!drafts.redraft(draft.id())) {
            throw decided(inv, drafts.find(draft.id()).orElse(draft));
        }
        Draft drafting = drafts.find(draft.id()).orElseThrow();
        LiveCards.LiveCard live = inv.live();
        poster.refresh(drafting); // before the new draft can be shown, so it never lands over the new one
        watcher.draftNow(() -> live.finish(poster.card(regenerated(drafting), live.locale())));
        return poster.card(drafting, inv.locale());
    }

    private Draft regenerated(Draft drafting) {
        Draft now;
        try {
            now = drafter.regenerate(drafting);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "regenerating draft #" + drafting.id() + " failed", e);
            drafts.fail(drafting.id(), DraftFailure.of(DraftFailure.UNEXPECTED));
            now = drafts.find(drafting.id()).orElse(drafting);
        }
        poster.refresh(now);
        return now;
    }

    private Card reject(Invocation inv) {
        Draft draft = draft(inv);
        if (!drafts.reject(draft.id(), inv.identity().toString())) {
            throw decided(inv, drafts.find(draft.id()).orElse(draft));
        }
        refresh(draft.id());
        return Card.builder(inv.t("ai.reject.title")).text(inv.t("ai.reject.done", "id", draft.id())).build();
    }

    private Card takeover(Invocation inv) {
        Draft draft = draft(inv);
        if (!drafts.reject(draft.id(), inv.identity().toString())) {
            throw decided(inv, drafts.find(draft.id()).orElse(draft));
        }
        refresh(draft.id());
        long until = pauses.pause(draft.accountId(), draft.chatId(), settings.takeover(), inv.identity().toString());
        return Card.builder(inv.t("ai.takeover.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("ai.takeover.done", "id", draft.id(), "chat", draft.chatId(), "until", times.format(until),
                        "account", draft.accountId()))
                .build();
    }

    /** The draft's cards, wherever they are, show what was decided. */
    private void refresh(long draftId) {
        drafts.find(draftId).ifPresent(poster::refresh);
    }

    private Card pause(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        String chat = inv.require("chat", String.class);
        long until = pauses.pause(account.id(), chat, inv.get("duration", Duration.class).orElse(settings.takeover()),
                inv.identity().toString());
        return Card.builder(inv.t("ai.pause.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("ai.pause.done", "chat", chat, "account", account.displayName(), "until", times.format(until),
                        "ref", account.id()))
                .build();
    }

    private Card resume(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        String chat = inv.require("chat", String.class);
        if (!pauses.resume(account.id(), chat)) {
            throw new CommandException("ai.error.not_paused", "chat", chat, "account", account.displayName());
        }
        return Card.builder(inv.t("ai.resume.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("ai.resume.done", "chat", chat, "account", account.displayName())).build();
    }

    private Draft draft(Invocation inv) {
        String typed = inv.require("draft", String.class);
        long id = RowIds.parse(typed).orElseThrow(() -> new CommandException("ai.error.bad_id", "id", typed));
        return drafts.find(id).orElseThrow(() -> new CommandException("ai.error.no_draft", "id", id));
    }

    private static CommandException decided(Invocation inv, Draft now) {
        return new CommandException("ai.error.decided", "id", now.id(), "state", inv.t("ai.state." + now.state().code()),
                "by", now.decidedBy() == null ? "—" : now.decidedBy());
    }

    /** The one chat of the account {@code ref} means: a contact or group id or name, else a chat id it has messages in. */
    private String chat(Account account, String ref) {
        List<ContactStore.Chat> found = contacts.chats(account.id(), ref);
        if (found.size() > 1) {
            throw new CommandException("ai.error.ambiguous_chat", "chat", ref, "account", account.displayName(),
                    "ids", found.stream().map(ContactStore.Chat::chatId).collect(Collectors.joining(", ")));
        }
        if (found.size() == 1) {
            return found.getFirst().chatId();
        }
        if (!conversations.seen(account.id(), ref)) {
            throw new CommandException("ai.error.no_chat", "chat", ref, "account", account.displayName());
        }
        return ref;
    }

}
