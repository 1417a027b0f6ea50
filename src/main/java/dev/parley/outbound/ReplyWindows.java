package dev.parley.outbound;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import dev.parley.account.Account;
import dev.parley.command.CommandException;
import dev.parley.connector.Connectors;
import dev.parley.connector.MessageTemplate;
import dev.parley.message.MessageStore;

/**
 * Whether free text may go to a person now: on platforms with a reply window (the Cloud API's 24 hours after the
 * person last wrote), only while it is open. Every free-text send asks here before it is queued ({@code /send},
 * {@code /reply}, an approved AI draft), so a message the platform would refuse is refused at once, in the admin's
 * language, with the approved templates that may be sent instead.
 */
public final class ReplyWindows {
    private static final int MAX_OFFERED = 5;

    private final MessageStore messages;
    private final Connectors connectors;
    private final Templates templates;
    private final InstantSource clock;

    /**
     * @param messages   when each person last wrote
     * @param connectors which platforms have a window, and how long
     * @param templates  the templates offered instead
     * @param clock      the present
     */
    public ReplyWindows(MessageStore messages, Connectors connectors, Templates templates, InstantSource clock) {
        this.messages = messages;
        this.connectors = connectors;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * @param account the sending account
     * @param chatId  the person
     * @throws CommandException ({@code outbound.error.window_closed}) when the window is closed, naming the
     *                          templates to send instead
     */
    public void requireOpen(Account account, String chatId) {
        Optional<Duration> window = connectors.find(account.platform()).flatMap(c -> c.replyWindow());
        if (window.isEmpty()) {
            return;
        }
        Optional<Long> last = messages.lastReceivedAt(account.id(), chatId);
        if (last.isPresent() && clock.millis() - last.get() < window.get().toMillis()) {
            return;
        }
        List<String> offered = templates.of(account.id()).stream().filter(MessageTemplate::approved)
                .limit(MAX_OFFERED).map(t -> t.name() + " (" + t.language() + ")").toList();
        throw new CommandException(offered.isEmpty() ? "outbound.error.window_closed_sync" : "outbound.error.window_closed",
                "hours", window.get().toHours(), "chat", chatId, "account", account.id(),
                "templates", String.join(", ", offered));
    }
}
