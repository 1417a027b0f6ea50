package dev.parley.connector.gewe;

import java.util.List;
import java.util.Objects;

import dev.parley.contact.GroupChange;
import dev.parley.message.InboundMessage;

/**
 * What one GeWe webhook callback means to Parley, decided by {@link GeweCallbackParser}. The webhook
 * endpoint switches over these cases: store a message, update or drop a contact, mark an account
 * offline, or just acknowledge.
 */
public sealed interface GeweCallback {

    /**
     * GeWe checking that the callback URL answers: the {@code testMsg} ping after the URL is set, or the
     * {@code 设置订阅成功!!} confirmation. Nothing to store.
     */
    record Ping() implements GeweCallback {
    }

    /**
     * A new message (TypeName {@code AddMsg}), received or sent from the phone.
     *
     * @param message the message in Parley's platform-neutral shape
     * @param changes the group changes the message announces, in the order it words them: a join, a kick,
     *                a rename… in the group the message was posted to; empty for every other message
     */
    record Message(InboundMessage message, List<GroupChange> changes) implements GeweCallback {
        /** Requires the message and copies the changes. */
        public Message {
            Objects.requireNonNull(message, "message");
            changes = List.copyOf(changes);
        }

        /** @param message a message that announces no group change */
        public Message(InboundMessage message) {
            this(message, List.of());
        }
    }

    /**
     * A well-formed callback that carries nothing worth storing.
     *
     * @param appId  the device id if the callback names one, else {@code null}
     * @param reason a short English token for logs, e.g. {@code status-sync}, {@code unhandled-type:FinderMsg}
     */
    record Ignored(String appId, String reason) implements GeweCallback {
        /** Requires the reason. */
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A friend or a group was added or changed (TypeName {@code ModContacts}).
     *
     * @param appId     the device id
     * @param selfId    the account's wxid, if the callback names it
     * @param contactId the friend's wxid or the group's {@code …@chatroom} id
     * @param group     whether the contact is a group
     * @param nickname  the friend's nickname or the group's name, or {@code null}
     * @param remark    the remark the account gave the contact, or {@code null}
     * @param ownerId   the group owner's wxid, or {@code null}
     * @param raw       the compact JSON of the callback's {@code Data}
     */
    record ContactChanged(String appId, String selfId, String contactId, boolean group, String nickname,
                          String remark, String ownerId, String raw) implements GeweCallback {
        /** Requires the ids and the raw payload. */
        public ContactChanged {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(raw, "raw");
        }
    }

    /**
     * A friend was deleted, or the account left or lost a group (TypeName {@code DelContacts}).
     *
     * @param appId     the device id
     * @param selfId    the account's wxid, if the callback names it
     * @param contactId the friend's wxid or the group's {@code …@chatroom} id
     */
    record ContactDeleted(String appId, String selfId, String contactId) implements GeweCallback {
        /** Requires the ids. */
        public ContactDeleted {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(contactId, "contactId");
        }
    }

    /**
     * The account went offline (TypeName {@code Offline}); it must reconnect or log in again.
     *
     * @param appId  the device id
     * @param selfId the account's wxid, if the callback names it
     */
    record Offline(String appId, String selfId) implements GeweCallback {
        /** Requires the device id. */
        public Offline {
            Objects.requireNonNull(appId, "appId");
        }
    }
}
