package dev.parley.outbound;

import java.util.List;
import java.util.Map;

import dev.parley.account.Account;
import dev.parley.alert.Alert;
import dev.parley.alert.Alerts;
import dev.parley.contact.ContactStore;

/**
 * Tells the team about messages that need a decision: one that failed for good, and one that may or may not have
 * reached its chat. Each alert offers Resend and Drop, which run {@code /queue resend} and {@code /queue drop}; either
 * resolves it. Alerts name the message by id, account and chat, never by its text (alerts go to the log too).
 */
final class OutboundAlerts {
    static final String FAILED = "outbound_failed";
    static final String UNKNOWN = "outbound_unknown";

    private final Alerts alerts;
    private final ContactStore contacts;

    OutboundAlerts(Alerts alerts, ContactStore contacts) {
        this.alerts = alerts;
        this.contacts = contacts;
    }

    /**
     * @param row     the message
     * @param account its account
     * @param reason  what the platform said
     */
    void failed(Outbound row, Account account, String reason) {
        alerts.raise(new Alert(FAILED, key(row), Alert.Severity.WARNING, "outbound.alert.failed.title",
                "outbound.alert.failed.text", args(row, account, reason), actions(row)));
    }

    /**
     * @param row     the message
     * @param account its account
     * @param reason  the error that lost the answer, or {@code null} when Parley stopped mid-send
     */
    void unknown(Outbound row, Account account, String reason) {
        alerts.raise(new Alert(UNKNOWN, key(row), Alert.Severity.CRITICAL, "outbound.alert.unknown.title",
                reason == null ? "outbound.alert.unknown.interrupted" : "outbound.alert.unknown.no_answer",
                args(row, account, reason == null ? "" : reason), actions(row)));
    }

    /** Ends the alerts of a message an admin decided about. */
    void settled(long id) {
        alerts.resolve(FAILED, Long.toString(id));
        alerts.resolve(UNKNOWN, Long.toString(id));
    }

    private Map<String, Object> args(Outbound row, Account account, String reason) {
        ContactStore.ChatKey chat = new ContactStore.ChatKey(row.accountId(), row.chatId());
        String chatName = contacts.namesOf(List.of(chat)).getOrDefault(chat, row.chatId());
        return Map.of("id", row.id(), "account", account.displayName(), "chat", chatName, "reason", reason);
    }

    private static List<Alert.Action> actions(Outbound row) {
        return List.of(new Alert.Action("outbound.alert.resend", "/queue resend " + row.id()),
                new Alert.Action("outbound.alert.drop", "/queue drop " + row.id()));
    }

    private static String key(Outbound row) {
        return Long.toString(row.id());
    }
}
