package dev.parley.connector;

import java.util.List;

import dev.parley.contact.GroupChange;
import dev.parley.message.InboundMessage;

/**
 * What features learn from a platform about the accounts it runs, through the {@link AccountIntake}, after it is
 * durable (and, for webhooks, acknowledged): new messages (never re-deliveries) with the group changes they announce,
 * contact and group changes, member lists, and accounts going offline, coming back or being lost. Listeners run on the
 * thread that handed the event over; anything slow belongs on the listener's own queue.
 */
public interface AccountEvents {
    /**
     * A message was stored for the first time.
     *
     * @param accountId the managed account
     * @param message   the message
     * @param changes   group changes it announces (system notices), usually none
     */
    default void messageStored(long accountId, InboundMessage message, List<GroupChange> changes) {
    }

    /**
     * A group's membership or identity changed, told by the platform as an event of its own rather than in a message
     * (WhatsApp's participant updates).
     *
     * @param accountId the managed account
     * @param changes   the changes, in the order the platform told them
     * @param at        when they happened, epoch ms
     */
    default void groupChanged(long accountId, List<GroupChange> changes, long at) {
    }

    /**
     * The platform sent a group's whole member list without being asked (a group the account was just added to).
     *
     * @param accountId the managed account
     * @param snapshot  the group as it is now
     * @param at        when the platform sent it, epoch ms
     */
    default void groupListed(long accountId, GroupSnapshot snapshot, long at) {
    }

    /**
     * A contact's or a group's profile changed (WeChat: ModContacts).
     *
     * @param accountId the managed account
     * @param contactId the contact or group id
     * @param group     whether it is a group
     */
    default void contactChanged(long accountId, String contactId, boolean group) {
    }

    /**
     * A contact was deleted, or the account left or lost a group (WeChat: DelContacts).
     *
     * @param accountId the managed account
     * @param contactId the contact or group id
     */
    default void contactDeleted(long accountId, String contactId) {
    }

    /**
     * The platform says the account went offline; reconnecting may bring it back.
     *
     * @param accountId the managed account
     */
    default void accountOffline(long accountId) {
    }

    /**
     * The platform says the account is online again, without a new login (a reconnection it made).
     *
     * @param accountId the managed account
     */
    default void accountOnline(long accountId) {
    }

    /**
     * The platform stopped running the account in a way a reconnection cannot mend.
     *
     * @param accountId the managed account
     * @param loss      why
     * @param detail    the platform's own words, for admins (no secrets), or {@code null}
     */
    default void accountLost(long accountId, AccountLoss loss, String detail) {
    }

    /**
     * The platform says what became of sent messages (delivered, read, failed after all). Told before the platform
     * is answered, so a receipt is recorded once its source has its answer.
     *
     * @param accountId the managed account that sent them
     * @param receipts  the receipts, in the order the platform told them (not always the order they happened)
     */
    default void receipts(long accountId, List<Receipt> receipts) {
    }

    /**
     * The platform warns about the account before it stops it: a quality rating downgraded, a sending limit lowered.
     *
     * @param accountId the managed account
     * @param risk      which warning: the locale keys {@code alert.account_risk.<risk>.title|text} explain it
     * @param detail    the platform's words or values, for admins (no secrets)
     */
    default void accountAtRisk(long accountId, String risk, String detail) {
    }

    /**
     * A login in progress moved on (a new QR code, a scan, a pairing code): whoever shows it should look again now.
     *
     * @param accountId the account being logged in
     */
    default void loginChanged(long accountId) {
    }
}
