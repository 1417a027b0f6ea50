package dev.parley.connector;

import java.util.List;

import dev.parley.contact.GroupChange;
import dev.parley.message.InboundMessage;

/**
 * What features learn from a platform about the accounts it runs, after it is durable and acknowledged:
 * new messages (never re-deliveries) with the group changes they announce, contact and group changes,
 * and accounts going offline. Listeners run on the thread that handled the callback, after its answer
 * was sent; anything slow belongs on the listener's own queue.
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
     * The platform says the account went offline.
     *
     * @param accountId the managed account
     */
    default void accountOffline(long accountId) {
    }
}
