package dev.parley.outbound;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;
import dev.parley.connector.MessageTemplate;
import dev.parley.connector.Receipt;
import dev.parley.connector.TemplateMessage;
import dev.parley.contact.ContactStore;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.MessageStore;
import dev.parley.message.RowIds;
import dev.parley.message.StoredMessage;

/**
 * {@code /send}, {@code /reply}, {@code /revoke} and {@code /queue …}: sending from managed accounts through the
 * outbound queue, and watching and steering the queue. Every answer says what happened to the message: its
 * {@code #id}, its place and when it is expected to go, or what holds it.
 */
public final class OutboundCommands {
    private static final int LATEST_SHOWN = 5;

    private final OutboundQueue queue;
    private final AccountStore accounts;
    private final ContactStore contacts;
    private final MessageStore messages;
    private final Connectors connectors;
    private final Templates templates;
    private final ReplyWindows windows;
    private final Recipients recipients;
    private final Mentions mentions;
    private final Times times;
    private final InstantSource clock;
    private final int largeGroup;

    /**
     * @param queue      the outbound queue
     * @param accounts   resolves account references
     * @param contacts   resolves chats and group members
     * @param messages   the messages {@code /reply} answers
     * @param connectors the configured platforms (sending needs one)
     * @param templates  the templates a template send is checked against
     * @param windows    refuses free text outside a platform's reply window
     * @param times      how times are shown
     * @param clock      the present
     * @param largeGroup members from which a group send asks for confirmation
     */
    public OutboundCommands(OutboundQueue queue, AccountStore accounts, ContactStore contacts, MessageStore messages,
                            Connectors connectors, Templates templates, ReplyWindows windows, Times times,
                            InstantSource clock, int largeGroup) {
        this.queue = queue;
        this.accounts = accounts;
        this.contacts = contacts;
        this.messages = messages;
        this.connectors = connectors;
        this.templates = templates;
        this.windows = windows;
        this.recipients = new Recipients(contacts, messages, connectors);
        this.mentions = new Mentions(contacts);
        this.times = times;
        this.clock = clock;
        this.largeGroup = largeGroup;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("send", this::send)
                .handler("reply", this::reply)
                .handler("revoke", this::revoke)
                .handler("queue.show", this::show)
                .handler("queue.pause", this::pause)
                .handler("queue.resume", this::resume)
                .handler("queue.resend", this::resend)
                .handler("queue.drop", this::drop);
    }

    private Card send(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        connectors.require(account.platform());
        Recipient chat = recipients.resolve(account, inv.require("chat", String.class));
        Optional<String> template = inv.get("template", String.class).map(String::strip).filter(t -> !t.isEmpty());
        if (template.isPresent()) {
            return sendTemplate(inv, account, chat, template.get());
        }
        String text = inv.get("text", String.class).filter(t -> !t.isBlank())
                .orElseThrow(() -> new CommandException("outbound.error.no_text"));
        windows.requireOpen(account, chat.chatId());
        Mentions.Addressed addressed = chat.type() == ChatType.GROUP
                ? mentions.resolve(account.id(), chat, text) : new Mentions.Addressed(text, List.of());
        return queueOrConfirm(inv, account, chat, addressed, null);
    }

    private Card reply(Invocation inv) {
        long id = id(inv.require("message", String.class));
        StoredMessage original = messages.find(id).orElseThrow(() -> new CommandException("outbound.error.no_message",
                "id", id));
        Account account = accounts.find(original.accountId()).orElseThrow(() -> new CommandException(
                "outbound.error.account_gone", "id", id));
        connectors.require(account.platform());
        windows.requireOpen(account, original.chatId());
        String name = contacts.namesOf(List.of(new ContactStore.ChatKey(account.id(), original.chatId())))
                .get(new ContactStore.ChatKey(account.id(), original.chatId()));
        Recipient chat = new Recipient(original.chatId(), name, original.chatType());
        String text = inv.require("text", String.class);
        Mentions.Addressed addressed = new Mentions.Addressed(text, List.of());
        if (chat.type() == ChatType.GROUP) {
            addressed = mentions.resolve(account.id(), chat, text);
            boolean fromMember = original.direction() == Direction.IN && !original.senderId().equals(account.selfId());
            if (fromMember) {
                addressed = mentions.answering(account.id(), chat, addressed, original.senderId(), original.senderName());
            }
        }
        return queueOrConfirm(inv, account, chat, addressed, original.id());
    }

    /** A template the platform approved: checked against Parley's copy, shown with its parameters filled in. */
    private Card sendTemplate(Invocation inv, Account account, Recipient chat, String name) {
        if (chat.type() != ChatType.PRIVATE) {
            throw new CommandException("outbound.template.group");
        }
        List<MessageTemplate> known = templates.of(account.id());
        if (known.isEmpty()) {
            throw new CommandException("outbound.template.not_synced", "account", account.id());
        }
        Optional<String> lang = inv.get("lang", String.class).map(String::strip).filter(l -> !l.isEmpty());
        List<MessageTemplate> named = known.stream().filter(t -> t.name().equals(name)
                && lang.map(l -> l.equalsIgnoreCase(t.language())).orElse(true)).toList();
        if (named.isEmpty()) {
            throw new CommandException("outbound.template.unknown", "name", name + lang.map(l -> " (" + l + ")").orElse(""),
                    "templates", String.join(", ", known.stream().filter(MessageTemplate::approved)
                            .map(t -> t.name() + " (" + t.language() + ")").distinct().limit(10).toList()));
        }
        if (named.size() > 1) {
            throw new CommandException("outbound.template.which_language", "name", name, "languages",
                    String.join(", ", named.stream().map(MessageTemplate::language).toList()));
        }
        MessageTemplate chosen = named.getFirst();
        if (!chosen.approved()) {
            throw new CommandException("outbound.template.not_approved", "name", name, "status", chosen.status());
        }
        List<String> params = params(inv.get("text", String.class).orElse(""));
        if (params.size() != chosen.params()) {
            throw new CommandException("outbound.template.params", "name", name, "expected", chosen.params(),
                    "given", params.size(), "body", chosen.body());
        }
        String shown = chosen.body().isEmpty() ? "[" + chosen.name() + "]" : filled(chosen.body(), params);
        OutboundQueue.Enqueued queued = queue.enqueue(new OutboundRequest(account.id(), chat.chatId(), chat.type(),
                shown, List.of(), inv.identity(), null, new TemplateMessage(chosen.name(), chosen.language(), params)));
        return Card.builder(inv.t("outbound.queued.title")).tone(Card.Tone.SUCCESS)
                .text(queuedText(inv, queued, account))
                .shortField(inv.t("outbound.field.from"), account.displayName())
                .shortField(inv.t("outbound.field.to"), chat.displayName())
                .shortField(inv.t("outbound.field.template"), chosen.name() + " (" + chosen.language() + ")")
                .field(inv.t("outbound.field.text"), shown)
                .button(Button.of(inv.t("outbound.button.drop"), "/queue drop " + queued.id()))
                .button(Button.of(inv.t("outbound.button.queue"), "/queue show " + account.id()))
                .build();
    }

    /** Parameters are separated by {@code |} when any is, else each word is one. */
    private static List<String> params(String typed) {
        String text = typed.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        return text.contains("|") ? Arrays.stream(text.split("\\|")).map(String::strip).toList()
                : List.of(text.split("\\s+"));
    }

    private static String filled(String body, List<String> params) {
        String text = body;
        for (int i = 0; i < params.size(); i++) {
            text = text.replaceAll("\\{\\{\\s*" + (i + 1) + "\\s*}}", Matcher.quoteReplacement(params.get(i)));
        }
        return text;
    }

    private Card queueOrConfirm(Invocation inv, Account account, Recipient chat, Mentions.Addressed addressed,
                                Long replyTo) {
        if (chat.type() == ChatType.GROUP && !inv.confirmed()) {
            int members = contacts.memberCount(account.id(), chat.chatId());
            if (members >= largeGroup) {
                return inv.confirmFirst(inv.t("outbound.confirm.title"), inv.t("outbound.confirm.text",
                        "chat", chat.displayName(), "members", members, "account", account.displayName(),
                        "text", addressed.text()));
            }
        }
        OutboundQueue.Enqueued queued = queue.enqueue(new OutboundRequest(account.id(), chat.chatId(), chat.type(),
                addressed.text(), addressed.mentions(), inv.identity(), replyTo));
        Card.Builder card = Card.builder(inv.t("outbound.queued.title")).tone(Card.Tone.SUCCESS)
                .text(queuedText(inv, queued, account))
                .shortField(inv.t("outbound.field.from"), account.displayName())
                .shortField(inv.t("outbound.field.to"), chat.displayName());
        if (!addressed.mentions().isEmpty()) {
            card.shortField(inv.t("outbound.field.mentions"), addressed.shown());
        }
        if (replyTo != null) {
            card.shortField(inv.t("outbound.field.reply_to"), "#" + replyTo);
        }
        return card.button(Button.of(inv.t("outbound.button.drop"), "/queue drop " + queued.id()))
                .button(Button.of(inv.t("outbound.button.queue"), "/queue show " + account.id()))
                .build();
    }

    private String queuedText(Invocation inv, OutboundQueue.Enqueued queued, Account account) {
        return switch (queued.hold()) {
            case NONE -> inv.t("outbound.queued.text", "id", queued.id(), "position", queued.position(),
                    "eta", eta(inv, queued.expectedAt()));
            case PAUSED -> inv.t("outbound.queued.paused", "id", queued.id(), "position", queued.position(),
                    "account", account.displayName(), "ref", account.id());
            case OFFLINE -> inv.t("outbound.queued.offline", "id", queued.id(), "position", queued.position(),
                    "account", account.displayName());
        };
    }

    private Card revoke(Invocation inv) {
        long id = id(inv.require("message", String.class));
        Outbound row = queue.find(id).orElseThrow(() -> new CommandException("outbound.error.no_outbound", "id", id));
        if (row.state() == OutboundState.QUEUED || row.state() == OutboundState.SENDING) {
            throw new CommandException("outbound.revoke.queued", "id", id);
        }
        if (row.state() != OutboundState.SENT) {
            throw new CommandException("outbound.revoke.not_sent", "id", id, "state", state(inv, row));
        }
        if (row.revokedAt() != null) {
            throw new CommandException("outbound.revoke.already", "id", id);
        }
        String chat = chatName(row);
        try {
            if (!queue.revoke(row)) {
                throw new CommandException("outbound.revoke.already", "id", id);
            }
        } catch (ConnectorException e) {
            throw new CommandException("outbound.revoke.failed", "id", id, "chat", chat, "reason", e.getMessage());
        }
        return Card.builder(inv.t("outbound.revoke.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("outbound.revoke.done", "id", id, "chat", chat)).build();
    }

    private Card show(Invocation inv) {
        if (inv.get("account", String.class).isPresent()) {
            Account account = AccountRefs.one(accounts, inv.get("account", String.class).get());
            OutboundQueue.QueueStatus status = queue.status(account.id());
            Card.Builder card = Card.builder(inv.t("outbound.queue.title", "account", account.displayName()))
                    .shortField(inv.t("outbound.queue.field.state"), state(inv, status))
                    .shortField(inv.t("outbound.queue.field.queued"), Integer.toString(status.queued()))
                    .shortField(inv.t("outbound.queue.field.next"), next(inv, status));
            problems(inv, card, queue.problems(account.id()));
            latest(inv, card, account);
            return card.button(status.hold() == OutboundQueue.Hold.PAUSED
                            ? Button.primary(inv.t("outbound.button.resume"), "/queue resume " + account.id())
                            : Button.of(inv.t("outbound.button.pause"), "/queue pause " + account.id()))
                    .footer(inv.t("outbound.queue.footer")).build();
        }
        List<OutboundQueue.QueueStatus> statuses = queue.statuses();
        Card.Builder card = Card.builder(inv.t("outbound.queue.title_all"));
        if (statuses.isEmpty()) {
            return card.text(inv.t("outbound.queue.empty")).build();
        }
        card.text(inv.t("outbound.queue.summary", "queued", statuses.stream().mapToInt(OutboundQueue.QueueStatus::queued)
                .sum(), "accounts", statuses.size()));
        for (OutboundQueue.QueueStatus status : statuses) {
            String name = accounts.find(status.accountId()).map(Account::displayName).orElse("?");
            String state = status.hold() == OutboundQueue.Hold.NONE && status.nextAt() != null
                    ? inv.t("outbound.queue.next_short", "eta", eta(inv, status.nextAt())) : state(inv, status);
            String value = inv.t("outbound.queue.row_value", "queued", status.queued(), "state", state);
            if (status.problems() > 0) {
                value += " · " + inv.t("outbound.queue.attention", "problems", status.problems());
            }
            card.field(inv.t("outbound.queue.row_label", "id", status.accountId(), "account", name), value);
        }
        problems(inv, card, queue.problems(null));
        return card.footer(inv.t("outbound.queue.footer")).build();
    }

    private Card pause(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        boolean paused = queue.pause(account.id(), inv.identity());
        int queued = queue.status(account.id()).queued();
        return Card.builder(inv.t("outbound.pause.title")).tone(paused ? Card.Tone.SUCCESS : Card.Tone.INFO)
                .text(paused ? inv.t("outbound.pause.done", "account", account.displayName(), "queued", queued,
                        "ref", account.id()) : inv.t("outbound.pause.already", "account", account.displayName()))
                .button(Button.primary(inv.t("outbound.button.resume"), "/queue resume " + account.id()))
                .build();
    }

    private Card resume(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        boolean resumed = queue.resume(account.id());
        OutboundQueue.QueueStatus status = queue.status(account.id());
        String text = !resumed ? inv.t("outbound.resume.not_paused", "account", account.displayName())
                : status.hold() == OutboundQueue.Hold.OFFLINE
                ? inv.t("outbound.resume.offline", "account", account.displayName(), "queued", status.queued())
                : inv.t("outbound.resume.done", "account", account.displayName(), "queued", status.queued());
        return Card.builder(inv.t("outbound.resume.title")).tone(resumed ? Card.Tone.SUCCESS : Card.Tone.INFO)
                .text(text).button(Button.of(inv.t("outbound.button.queue"), "/queue show " + account.id())).build();
    }

    private Card resend(Invocation inv) {
        long id = id(inv.require("message", String.class));
        Outbound row = queue.find(id).orElseThrow(() -> new CommandException("outbound.error.no_outbound", "id", id));
        OutboundQueue.Enqueued queued = queue.resend(id).orElseThrow(() -> new CommandException(
                "outbound.resend.wrong_state", "id", id, "state", state(inv, row)));
        Account account = accounts.find(row.accountId()).orElseThrow(() -> new CommandException(
                "outbound.error.account_gone", "id", id));
        return Card.builder(inv.t("outbound.resend.title")).tone(Card.Tone.SUCCESS)
                .text(queuedText(inv, queued, account))
                .shortField(inv.t("outbound.field.from"), account.displayName())
                .shortField(inv.t("outbound.field.to"), chatName(row))
                .build();
    }

    private Card drop(Invocation inv) {
        long id = id(inv.require("message", String.class));
        Outbound row = queue.find(id).orElseThrow(() -> new CommandException("outbound.error.no_outbound", "id", id));
        if (!queue.drop(id)) {
            throw new CommandException("outbound.drop.wrong_state", "id", id, "state", state(inv, row));
        }
        return Card.builder(inv.t("outbound.drop.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("outbound.drop.done", "id", id)).build();
    }

    /** The account's latest sends with what the platform said became of them (delivered, read), where it says. */
    private void latest(Invocation inv, Card.Builder card, Account account) {
        List<Outbound> sent = queue.latestSent(account.id(), LATEST_SHOWN).stream()
                .filter(row -> row.receipt() != null).toList();
        for (Outbound row : sent) {
            Receipt receipt = row.receipt();
            card.field(inv.t("outbound.queue.receipt_label", "id", row.id(), "chat", chatName(row), "at",
                    times.format(row.sentAt())), inv.t("outbound.queue.receipt_value", "receipt",
                    inv.t("outbound.receipt." + receipt.status().code()), "at", times.format(receipt.at()),
                    "text", clipped(row.text())));
        }
    }

    private static String clipped(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }

    private void problems(Invocation inv, Card.Builder card, List<Outbound> problems) {
        for (Outbound row : problems) {
            String account = accounts.find(row.accountId()).map(Account::displayName).orElse("?");
            String reason = row.lastError() != null ? row.lastError() : inv.t("outbound.reason.interrupted");
            card.field(inv.t("outbound.queue.problem_label", "id", row.id(), "state", state(inv, row), "account", account,
                    "at", times.format(row.createdAt())), inv.t("outbound.queue.problem_value", "chat", chatName(row),
                    "reason", reason));
        }
    }

    private String state(Invocation inv, OutboundQueue.QueueStatus status) {
        return switch (status.hold()) {
            case PAUSED -> inv.t("outbound.queue.paused", "by", status.pausedBy(), "at", times.format(status.pausedAt()));
            case OFFLINE -> inv.t("outbound.queue.offline");
            case NONE -> status.queued() + status.sending() > 0 ? inv.t("outbound.queue.sending")
                    : inv.t("outbound.queue.idle");
        };
    }

    private String next(Invocation inv, OutboundQueue.QueueStatus status) {
        return status.nextAt() == null ? inv.t("outbound.queue.none")
                : inv.t("outbound.queue.next", "eta", eta(inv, status.nextAt()), "at", times.format(status.nextAt()));
    }

    private static String state(Invocation inv, Outbound row) {
        return inv.t("outbound.state." + row.state().code());
    }

    private String eta(Invocation inv, long at) {
        long seconds = Math.round((at - clock.millis()) / 1000.0);
        if (seconds < 1) {
            return inv.t("outbound.eta.now");
        }
        return seconds < 120 ? inv.t("outbound.eta.seconds", "seconds", seconds)
                : inv.t("outbound.eta.minutes", "minutes", Math.round(seconds / 60.0));
    }

    private String chatName(Outbound row) {
        ContactStore.ChatKey key = new ContactStore.ChatKey(row.accountId(), row.chatId());
        return contacts.namesOf(List.of(key)).getOrDefault(key, row.chatId());
    }


    private static long id(String typed) {
        return RowIds.parse(typed).orElseThrow(() -> new CommandException("outbound.error.bad_ref", "ref", typed));
    }
}
