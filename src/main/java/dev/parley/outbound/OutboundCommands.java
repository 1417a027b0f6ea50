package dev.parley.outbound;

import java.time.InstantSource;
import java.util.List;

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

    private final OutboundQueue queue;
    private final AccountStore accounts;
    private final ContactStore contacts;
    private final MessageStore messages;
    private final Connectors connectors;
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
     * @param times      how times are shown
     * @param clock      the present
     * @param largeGroup members from which a group send asks for confirmation
     */
    public OutboundCommands(OutboundQueue queue, AccountStore accounts, ContactStore contacts, MessageStore messages,
                            Connectors connectors, Times times, InstantSource clock, int largeGroup) {
        this.queue = queue;
        this.accounts = accounts;
        this.contacts = contacts;
        this.messages = messages;
        this.connectors = connectors;
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
        String text = inv.require("text", String.class);
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
