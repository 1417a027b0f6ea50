package dev.parley.connector.gewe;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import dev.parley.connector.gewe.FakeGeweDirectory.RoomHeader;
import dev.parley.connector.gewe.GeweCallbackFixtures.Person;

/**
 * Posts GeWe callbacks in the documented envelope ({@code reference/gewe.md} §3.3) from a
 * {@link FakeGeweServer} to a webhook, as GeWe would: the account's wxid comes from the fake's device,
 * names from its contacts and groups, message ids above 2^63 from its sequence. Each method posts once
 * and returns the webhook's HTTP status; {@link #resend()} delivers the last body again, as GeWe's
 * duplicates do. Bodies are built by {@link GeweCallbackFixtures}.
 */
public final class FakeGeweCallbacks {

    private final FakeGeweServer fake;
    private final URI target;
    private volatile String lastBody;

    FakeGeweCallbacks(FakeGeweServer fake, URI target) {
        this.fake = fake;
        this.target = target;
    }

    /**
     * @param appId    a device that has logged in
     * @param fromWxid the friend who writes
     * @param text     the text
     * @return the webhook's HTTP status
     */
    public int privateText(String appId, String fromWxid, String text) {
        return post(GeweCallbackFixtures.privateText(appId, self(appId), fromWxid, text, id(), now()));
    }

    /**
     * A group text by a member, or by the account itself from the phone when {@code senderWxid} is its
     * wxid.
     *
     * @param appId      a device that has logged in
     * @param roomId     the group
     * @param senderWxid the member who writes
     * @param text       the text
     * @param mentions   wxids mentioned ({@code notify@all} for everyone)
     * @return the webhook's HTTP status
     */
    public int groupText(String appId, String roomId, String senderWxid, String text, String... mentions) {
        return post(GeweCallbackFixtures.groupText(appId, self(appId), roomId, senderWxid, text, id(), now(),
                mentions));
    }

    /**
     * The 10002 system message of members invited into a group. It does not change the fake's member
     * list: call {@link FakeGeweServer#addMember} for that.
     *
     * @param appId       a device that has logged in
     * @param roomId      the group
     * @param inviterWxid who invited
     * @param joinedWxids who joined
     * @return the webhook's HTTP status
     */
    public int membersInvited(String appId, String roomId, String inviterWxid, String... joinedWxids) {
        if (joinedWxids.length == 0) {
            throw new IllegalArgumentException("Nobody joined");
        }
        return post(GeweCallbackFixtures.membersInvited(appId, self(appId), roomId, person(inviterWxid),
                Arrays.stream(joinedWxids).map(this::person).toList(), id(), now()));
    }

    /**
     * The 10002 system message of a member who joined by scanning a shared group QR code.
     *
     * @param appId      a device that has logged in
     * @param roomId     the group
     * @param joinedWxid who joined
     * @param sharerWxid whose QR code it was
     * @return the webhook's HTTP status
     */
    public int memberJoinedByQrCode(String appId, String roomId, String joinedWxid, String sharerWxid) {
        return post(GeweCallbackFixtures.memberJoinedByQrCode(appId, self(appId), roomId, person(joinedWxid),
                person(sharerWxid), id(), now()));
    }

    /**
     * The 10002 system message the account sees after removing a member.
     *
     * @param appId       a device that has logged in
     * @param roomId      the group
     * @param removedWxid who was removed
     * @return the webhook's HTTP status
     */
    public int memberRemoved(String appId, String roomId, String removedWxid) {
        return post(GeweCallbackFixtures.memberRemoved(appId, self(appId), roomId, person(removedWxid), id(), now()));
    }

    /**
     * A plain-text 10000 notice in a group, e.g. {@code 你已成为新群主}.
     *
     * @param appId  a device that has logged in
     * @param roomId the group
     * @param text   the notice
     * @return the webhook's HTTP status
     */
    public int notice(String appId, String roomId, String text) {
        return post(GeweCallbackFixtures.groupNotice(appId, self(appId), roomId, text, id(), now()));
    }

    /**
     * The notice that the account was removed from a group: {@code 你被"X"移出群聊}.
     *
     * @param appId  a device that has logged in
     * @param roomId the group
     * @param byWxid who removed the account
     * @return the webhook's HTTP status
     */
    public int removedFromGroup(String appId, String roomId, String byWxid) {
        return notice(appId, roomId, "你被\"" + person(byWxid).nickname() + "\"移出群聊");
    }

    /**
     * The notice of a rename: {@code "X"修改群名为“name”}, or {@code 你修改群名为“name”}. It does not
     * rename the fake's group: call {@link FakeGeweServer#renameRoom} for that.
     *
     * @param appId  a device that has logged in
     * @param roomId the group
     * @param byWxid who renamed it; the account itself when it is the account's wxid
     * @param name   the new name
     * @return the webhook's HTTP status
     */
    public int renamed(String appId, String roomId, String byWxid, String name) {
        String actor = byWxid.equals(self(appId)) ? "你" : "\"" + person(byWxid).nickname() + "\"";
        return notice(appId, roomId, actor + "修改群名为“" + name + "”");
    }

    /**
     * {@code ModContacts} for a group, with its current name and owner in the fake.
     *
     * @param appId  a device that has logged in
     * @param roomId a group of the fake
     * @return the webhook's HTTP status
     */
    public int roomChanged(String appId, String roomId) {
        RoomHeader room = fake.directory().header(roomId);
        return post(GeweCallbackFixtures.roomChanged(appId, self(appId), roomId, room.name(), room.owner()));
    }

    /**
     * {@code ModContacts} for a friend, with the nickname and remark in the fake.
     *
     * @param appId a device that has logged in
     * @param wxid  the friend
     * @return the webhook's HTTP status
     */
    public int friendChanged(String appId, String wxid) {
        FakeGeweDirectory directory = fake.directory();
        return post(GeweCallbackFixtures.friendChanged(appId, self(appId), wxid, directory.nickName(wxid),
                directory.remark(wxid)));
    }

    /**
     * {@code DelContacts}: a friend deleted, or a group left or lost.
     *
     * @param appId     a device that has logged in
     * @param contactId the friend's wxid or the group's id
     * @return the webhook's HTTP status
     */
    public int contactDeleted(String appId, String contactId) {
        return post(GeweCallbackFixtures.contactDeleted(appId, self(appId), contactId));
    }

    /**
     * {@code Offline}. It does not take the fake's device offline: call {@link FakeGeweServer#goOffline}.
     *
     * @param appId a device that has logged in
     * @return the webhook's HTTP status
     */
    public int offline(String appId) {
        return post(GeweCallbackFixtures.offline(appId, self(appId)));
    }

    /**
     * A MsgType 51 status sync: noise to ignore.
     *
     * @param appId a device that has logged in
     * @return the webhook's HTTP status
     */
    public int statusSync(String appId) {
        return post(GeweCallbackFixtures.statusSync(appId, self(appId), id(), now()));
    }

    /**
     * @param name a file under {@code src/test/resources/gewe/}, posted as it is
     * @return the webhook's HTTP status
     */
    public int fixture(String name) {
        return post(new String(GeweCallbackFixtures.file(name), StandardCharsets.UTF_8));
    }

    /**
     * @param body any body
     * @return the webhook's HTTP status
     */
    public int post(String body) {
        lastBody = Objects.requireNonNull(body, "body");
        return fake.post(target, body);
    }

    /**
     * Delivers the last body again, as GeWe's duplicate deliveries do.
     *
     * @return the webhook's HTTP status
     * @throws IllegalStateException if nothing was posted yet
     */
    public int resend() {
        return post(lastBody());
    }

    /**
     * @return the last body posted
     * @throws IllegalStateException if nothing was posted yet
     */
    public String lastBody() {
        String body = lastBody;
        if (body == null) {
            throw new IllegalStateException("Nothing was posted yet");
        }
        return body;
    }

    private String self(String appId) {
        return fake.login().wxid(appId);
    }

    private Person person(String wxid) {
        return new Person(wxid, fake.directory().nickName(wxid));
    }

    private String id() {
        return fake.nextNewMsgId().toString();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
