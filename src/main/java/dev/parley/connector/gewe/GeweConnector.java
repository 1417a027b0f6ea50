package dev.parley.connector.gewe;

import java.io.IOException;
import java.util.List;

import dev.parley.account.Platform;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.ContactBook;
import dev.parley.connector.ContactProfile;
import dev.parley.connector.GroupSnapshot;
import dev.parley.connector.LoginOptions;
import dev.parley.connector.LoginProgress;
import dev.parley.connector.LoginStart;
import dev.parley.connector.MediaRef;
import dev.parley.connector.SentMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs WeChat accounts through the GeWe API: the {@link AccountConnector} port over {@link GeweClient}.
 * Logins use iPad devices; a re-login passes the account's appId so WeChat sees the same device (a new
 * device for the same account triggers risk control).
 */
public final class GeweConnector implements AccountConnector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE_TYPE = "ipad";

    private final GeweClient client;
    private final String token;
    private final String defaultRegion;

    /**
     * @param client        the GeWe API client
     * @param token         the GeWe token, needed to register the callback URL
     * @param defaultRegion province code used when a login names none
     */
    public GeweConnector(GeweClient client, String token, String defaultRegion) {
        this.client = client;
        this.token = token;
        this.defaultRegion = defaultRegion;
    }

    @Override
    public Platform platform() {
        return Platform.WECHAT;
    }

    @Override
    public LoginStart startLogin(String externalId, LoginOptions options) throws ConnectorException {
        String region = options.region() == null ? defaultRegion : options.region();
        LoginOptions used = new LoginOptions(region, options.proxy());
        LoginQrCode qr = call(() -> client.getLoginQrCode(externalId == null ? "" : externalId, DEVICE_TYPE, region,
                options.proxy()));
        return new LoginStart(qr.appId(), qr.uuid(), qr.qrData(), used);
    }

    @Override
    public LoginProgress checkLogin(LoginStart login, String verificationCode) throws ConnectorException {
        LoginStatus status = call(() -> client.checkLogin(login.externalId(), login.session(), login.options().proxy(),
                verificationCode));
        if (status.loggedIn()) {
            return new LoginProgress(LoginProgress.State.ONLINE,
                    status.loginInfo().nickName() != null ? status.loginInfo().nickName() : status.nickName(),
                    status.loginInfo().wxid(), null);
        }
        if (status.expired()) {
            return new LoginProgress(LoginProgress.State.EXPIRED, status.nickName(), null, 0);
        }
        LoginProgress.State state = status.scanned() ? LoginProgress.State.SCANNED : LoginProgress.State.WAITING;
        return new LoginProgress(state, status.nickName(), null, status.expiredTime());
    }

    @Override
    public boolean isOnline(String externalId) throws ConnectorException {
        return call(() -> client.checkOnline(externalId));
    }

    @Override
    public void reconnect(String externalId) throws ConnectorException {
        run(() -> client.reconnection(externalId));
    }

    @Override
    public void logout(String externalId) throws ConnectorException {
        run(() -> client.logout(externalId));
    }

    @Override
    public void registerCallback(String callbackUrl) throws ConnectorException {
        run(() -> client.setCallback(token, callbackUrl));
    }

    @Override
    public SentMessage sendText(String externalId, String chatId, String text, List<String> mentions)
            throws ConnectorException {
        String ats = mentions.isEmpty() ? null : String.join(",", mentions);
        SendResult sent = call(() -> client.postText(externalId, chatId, text, ats));
        return new SentMessage(sent.msgId(), sent.newMsgId(), sent.createTime());
    }

    @Override
    public void revoke(String externalId, String chatId, SentMessage sent) throws ConnectorException {
        run(() -> client.revokeMsg(externalId, chatId, sent.messageId(), sent.newMessageId(), sent.createTime()));
    }

    @Override
    public ContactBook contacts(String externalId) throws ConnectorException {
        ContactList list = call(() -> client.fetchContactsList(externalId));
        return new ContactBook(list.friends(), list.chatrooms(), list.ghs());
    }

    @Override
    public int maxProfileBatch() {
        return GeweClient.MAX_BRIEF_INFO;
    }

    @Override
    public List<ContactProfile> profiles(String externalId, List<String> ids) throws ConnectorException {
        return call(() -> client.getBriefInfo(externalId, ids)).stream()
                .map(c -> new ContactProfile(c.userName(), c.nickName(), c.remark(), c.alias()))
                .toList();
    }

    @Override
    public GroupSnapshot group(String externalId, String groupId) throws ConnectorException {
        ChatroomInfo info = call(() -> client.getChatroomInfo(externalId, groupId));
        List<ChatroomMember> members = info.members();
        if (members.isEmpty()) {
            // getChatroomInfo leaves the member list out for some groups; the member-list endpoint has it
            members = call(() -> client.getChatroomMemberList(externalId, groupId)).members();
        }
        return new GroupSnapshot(groupId, info.name(), info.owner(), members.stream()
                .map(m -> new GroupSnapshot.Member(m.wxid(), m.name(), m.inviterUserName()))
                .toList());
    }

    @Override
    public String mediaUrl(String externalId, MediaRef media) throws ConnectorException {
        String xml = xmlOf(media.raw());
        return switch (media.type()) {
            case IMAGE -> call(() -> client.downloadImage(externalId, xml, 2));
            case VOICE -> {
                String msgId = msgIdOf(media.raw());
                yield call(() -> client.downloadVoice(externalId, xml, msgId));
            }
            case VIDEO -> call(() -> client.downloadVideo(externalId, xml));
            case FILE -> call(() -> client.downloadFile(externalId, xml));
            default -> throw new ConnectorException(ConnectorException.Kind.PERMANENT,
                    "messages of type " + media.type().code() + " have no downloadable media", null);
        };
    }

    @Override
    public void close() {
        client.close();
    }

    /** The XML of a stored message: its content without the {@code wxid:\n} prefix of group messages. */
    private static String xmlOf(String raw) throws ConnectorException {
        String content = field(raw, "Content", "content");
        int xml = content.indexOf('<');
        return xml > 0 ? content.substring(xml) : content;
    }

    private static String msgIdOf(String raw) throws ConnectorException {
        return field(raw, "MsgId", "msgId");
    }

    private static String field(String raw, String legacy, String flat) throws ConnectorException {
        try {
            JsonNode json = JSON.readTree(raw);
            JsonNode value = JsonFields.field(json, legacy);
            if (value == null) {
                value = JsonFields.field(json, flat);
            }
            String text = value == null ? null : value.isObject() ? value.path("string").asText(null) : value.asText(null);
            if (text == null || text.isEmpty()) {
                throw new ConnectorException(ConnectorException.Kind.PERMANENT,
                        "the stored message has no " + legacy + " to download its media with", null);
            }
            return text;
        } catch (IOException e) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the stored message is not JSON", e);
        }
    }

    private <T> T call(Call<T> call) throws ConnectorException {
        try {
            return call.run();
        } catch (GeweException e) {
            throw translate(e);
        }
    }

    private void run(Action action) throws ConnectorException {
        try {
            action.run();
        } catch (GeweException e) {
            throw translate(e);
        }
    }

    private static ConnectorException translate(GeweException e) {
        ConnectorException.Kind kind = switch (e.kind()) {
            case OFFLINE -> ConnectorException.Kind.OFFLINE;
            case TOKEN -> ConnectorException.Kind.CONFIGURATION;
            case ALREADY_LOGGED_IN -> ConnectorException.Kind.ALREADY_ONLINE;
            case TRANSIENT -> ConnectorException.Kind.TRANSIENT;
            case LIMIT, PERMANENT -> ConnectorException.Kind.PERMANENT;
        };
        return new ConnectorException(kind, e.getMessage(), e);
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws GeweException;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws GeweException;
    }
}
