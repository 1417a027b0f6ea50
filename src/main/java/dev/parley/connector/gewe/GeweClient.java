package dev.parley.connector.gewe;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed calls of the GeWe HTTP API ({@code reference/gewe.md} §2, §4, §5) with the official field
 * names: log a device in by QR code and keep it online, send and revoke messages, download media,
 * read contacts and groups. Each method is one HTTP call; pacing, retries and batching are the
 * caller's, guided by {@link GeweException#kind()}. Thread-safe; share one per token.
 *
 * <pre>{@code
 * GeweClient gewe = GeweClient.builder().baseUrl("http://api.geweapi.com/gewe/v2/api").token(token).build();
 * LoginQrCode qr = gewe.getLoginQrCode("", "ipad", "320000", null);
 * LoginStatus status = gewe.checkLogin(qr.appId(), qr.uuid(), null, null);   // every 5 s
 * }</pre>
 */
public final class GeweClient implements AutoCloseable {

    /** Most wxids one {@link #getBriefInfo} call accepts. */
    public static final int MAX_BRIEF_INFO = 100;
    /** Most wxids one {@link #getDetailInfo} call accepts. */
    public static final int MAX_DETAIL_INFO = 20;

    private final GeweHttp http;
    private final Duration requestTimeout;
    private final Duration contactListTimeout;

    private GeweClient(Builder b) {
        this.http = new GeweHttp(b.baseUrl, b.token, b.connectTimeout);
        this.requestTimeout = b.requestTimeout;
        this.contactListTimeout = b.contactListTimeout;
    }

    /** @return a builder; the base URL and the token are required */
    public static Builder builder() {
        return new Builder();
    }

    // ---- login and device -------------------------------------------------------------------------

    /**
     * Starts a QR login. A new device gets a new appId; a device that went offline must log in again
     * with its appId, scanned by the same WeChat account (a new device for it triggers risk control).
     *
     * @param appId    the device to log in again, or {@code null}/{@code ""} for a new device
     * @param type     {@code ipad} (recommended) or {@code mac}
     * @param regionId the province code of the login, e.g. {@code 320000}; best the phone's own
     * @param proxyIp  {@code socks5://user:pass@host:port}, or {@code null} for none
     * @return the QR code
     * @throws GeweException {@link GeweException.Kind#ALREADY_LOGGED_IN} if the device is still online
     */
    public LoginQrCode getLoginQrCode(String appId, String type, String regionId, String proxyIp)
            throws GeweException {
        String path = "/login/getLoginQrCode";
        ObjectNode body = body(appId == null ? "" : appId)
                .put("type", Objects.requireNonNull(type, "type"))
                .put("regionId", Objects.requireNonNull(regionId, "regionId"))
                .put("proxyIp", proxyIp == null ? "" : proxyIp);
        return LoginQrCode.of(path, call(path, body));
    }

    /**
     * Polls a QR or dialog login; call every 5 s until {@link LoginStatus#loggedIn()} or
     * {@link LoginStatus#expired()}. Sends {@code autoSliding: false}, as an iPad login requires.
     *
     * @param appId      the device
     * @param uuid       the QR's (or dialog's) uuid
     * @param proxyIp    the proxy the QR code was asked for with, or {@code null}
     * @param captchCode the code the phone shows when it asks for one, or {@code null}
     * @return the login's state
     * @throws GeweException if the call fails
     */
    public LoginStatus checkLogin(String appId, String uuid, String proxyIp, String captchCode) throws GeweException {
        ObjectNode body = body(appId)
                .put("uuid", Objects.requireNonNull(uuid, "uuid"))
                .put("proxyIp", proxyIp == null ? "" : proxyIp)
                .put("captchCode", captchCode == null ? "" : captchCode)
                .put("autoSliding", false);
        return LoginStatus.of(call("/login/checkLogin", body));
    }

    /**
     * @param appId the device
     * @return whether its WeChat account is online
     * @throws GeweException if the call fails or the reply is not a boolean
     */
    public boolean checkOnline(String appId) throws GeweException {
        String path = "/login/checkOnline";
        Boolean online = GeweReplies.bool(call(path, body(appId)));
        if (online == null) {
            throw GeweException.malformed(path, 200, "data is not a boolean");
        }
        return online;
    }

    /**
     * Reconnects a device that the phone still lists but the API reports offline; when this fails, log
     * in again by QR code with the same appId.
     *
     * @param appId the device
     * @throws GeweException if GeWe could not reconnect it
     */
    public void reconnection(String appId) throws GeweException {
        call("/login/reconnection", body(appId));
    }

    /**
     * @param appId the device to log out
     * @throws GeweException if the call fails
     */
    public void logout(String appId) throws GeweException {
        call("/login/logout", body(appId));
    }

    /**
     * Logs a device in again by a confirmation dialog on the phone instead of a QR code; fails after a
     * logout on the phone or a risk-control kick, then use {@link #getLoginQrCode}.
     *
     * @param appId    the device
     * @param regionId the province code, e.g. {@code 320000}
     * @param proxyIp  the proxy, or {@code null}
     * @return the uuid to poll {@link #checkLogin} with
     * @throws GeweException if the call fails
     */
    public DialogLogin dialogLogin(String appId, String regionId, String proxyIp) throws GeweException {
        String path = "/login/dialogLogin";
        ObjectNode body = body(appId)
                .put("regionId", Objects.requireNonNull(regionId, "regionId"))
                .put("proxyIp", proxyIp == null ? "" : proxyIp);
        return DialogLogin.of(path, appId, call(path, body));
    }

    /**
     * Sets the one callback URL of a token. GeWe pings it at once, so the webhook must already answer.
     *
     * @param token       the token whose callbacks to route (normally this client's)
     * @param callbackUrl where GeWe posts callbacks
     * @throws GeweException if the call fails
     */
    public void setCallback(String token, String callbackUrl) throws GeweException {
        ObjectNode body = GeweHttp.JSON.createObjectNode()
                .put("token", Objects.requireNonNull(token, "token"))
                .put("callbackUrl", Objects.requireNonNull(callbackUrl, "callbackUrl"));
        call("/login/setCallback", body);
    }

    /**
     * @param appId the device
     * @return the logged-in account's profile
     * @throws GeweException if the call fails
     */
    public Profile getProfile(String appId) throws GeweException {
        return Profile.of(call("/personal/getProfile", body(appId)));
    }

    // ---- messages ----------------------------------------------------------------------------------

    /**
     * Sends a text. A real group mention needs both: {@code @Name} in the content and the wxid in
     * {@code ats}.
     *
     * @param appId   the device
     * @param toWxid  a friend's wxid or a group's {@code …@chatroom}
     * @param content the text
     * @param ats     wxids to mention, comma-separated ({@code notify@all} for everyone), or {@code null}
     * @return the sent message's ids
     * @throws GeweException if the call fails
     */
    public SendResult postText(String appId, String toWxid, String content, String ats) throws GeweException {
        ObjectNode body = to(appId, toWxid).put("content", Objects.requireNonNull(content, "content"));
        if (ats != null && !ats.isBlank()) {
            body.put("ats", ats);
        }
        return send("/message/postText", toWxid, body);
    }

    /**
     * @param appId  the device
     * @param toWxid the chat
     * @param imgUrl a public URL GeWe downloads the image from
     * @return the sent message's ids ({@code type} is {@code null} for images)
     * @throws GeweException if the call fails
     */
    public SendResult postImage(String appId, String toWxid, String imgUrl) throws GeweException {
        return send("/message/postImage", toWxid,
                to(appId, toWxid).put("imgUrl", Objects.requireNonNull(imgUrl, "imgUrl")));
    }

    /**
     * @param appId    the device
     * @param toWxid   the chat
     * @param fileUrl  a public URL GeWe downloads the file from
     * @param fileName the name the chat shows
     * @return the sent message's ids
     * @throws GeweException if the call fails
     */
    public SendResult postFile(String appId, String toWxid, String fileUrl, String fileName) throws GeweException {
        return send("/message/postFile", toWxid, to(appId, toWxid)
                .put("fileUrl", Objects.requireNonNull(fileUrl, "fileUrl"))
                .put("fileName", Objects.requireNonNull(fileName, "fileName")));
    }

    /**
     * @param appId    the device
     * @param toWxid   the chat
     * @param title    the card's title
     * @param desc     the card's description
     * @param linkUrl  where the card leads
     * @param thumbUrl the card's thumbnail
     * @return the sent message's ids
     * @throws GeweException if the call fails
     */
    public SendResult postLink(String appId, String toWxid, String title, String desc, String linkUrl,
                               String thumbUrl) throws GeweException {
        return send("/message/postLink", toWxid, to(appId, toWxid)
                .put("title", Objects.requireNonNull(title, "title"))
                .put("desc", desc == null ? "" : desc)
                .put("linkUrl", Objects.requireNonNull(linkUrl, "linkUrl"))
                .put("thumbUrl", thumbUrl == null ? "" : thumbUrl));
    }

    /**
     * Sends an app message, e.g. a quote reply (appmsg type 57 with a {@code <refermsg>}).
     *
     * @param appId  the device
     * @param toWxid the chat
     * @param appmsg the {@code <appmsg …>…</appmsg>} element only
     * @return the sent message's ids
     * @throws GeweException if the call fails
     */
    public SendResult postAppMsg(String appId, String toWxid, String appmsg) throws GeweException {
        return send("/message/postAppMsg", toWxid,
                to(appId, toWxid).put("appmsg", Objects.requireNonNull(appmsg, "appmsg")));
    }

    /**
     * Revokes a sent message with the ids of its {@link SendResult}, passed back as strings.
     *
     * @param appId      the device
     * @param toWxid     the chat it was sent to
     * @param msgId      its {@code msgId}
     * @param newMsgId   its {@code newMsgId}
     * @param createTime its {@code createTime}
     * @throws GeweException if the call fails (e.g. too late to revoke)
     */
    public void revokeMsg(String appId, String toWxid, String msgId, String newMsgId, String createTime)
            throws GeweException {
        call("/message/revokeMsg", to(appId, toWxid)
                .put("msgId", Objects.requireNonNull(msgId, "msgId"))
                .put("newMsgId", Objects.requireNonNull(newMsgId, "newMsgId"))
                .put("createTime", Objects.requireNonNull(createTime, "createTime")));
    }

    // ---- downloads ---------------------------------------------------------------------------------

    /**
     * @param appId the device
     * @param xml   the received image message's content
     * @param type  1 high definition, 2 normal, 3 thumbnail (try another when one is missing)
     * @return a link to the file, valid for 7 days
     * @throws GeweException if the call fails
     */
    public String downloadImage(String appId, String xml, int type) throws GeweException {
        return download("/message/downloadImage", xml(appId, xml).put("type", type));
    }

    /**
     * @param appId the device
     * @param xml   the received voice message's content
     * @param msgId the message's {@code MsgId} (digits; sent as a JSON integer, as GeWe expects here)
     * @return a link to the SILK file
     * @throws GeweException if the call fails
     * @throws IllegalArgumentException if {@code msgId} is not digits
     */
    public String downloadVoice(String appId, String xml, String msgId) throws GeweException {
        String id = Objects.requireNonNull(msgId, "msgId").strip();
        if (id.isEmpty() || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("A voice message's msgId is digits, not: " + msgId);
        }
        return download("/message/downloadVoice", xml(appId, xml).put("msgId", new BigInteger(id)));
    }

    /**
     * @param appId the device
     * @param xml   the received video message's content
     * @return a link to the file
     * @throws GeweException if the call fails
     */
    public String downloadVideo(String appId, String xml) throws GeweException {
        return download("/message/downloadVideo", xml(appId, xml));
    }

    /**
     * @param appId the device
     * @param xml   the content of the received "file finished" message (appmsg type 6)
     * @return a link to the file
     * @throws GeweException if the call fails
     */
    public String downloadFile(String appId, String xml) throws GeweException {
        return download("/message/downloadFile", xml(appId, xml));
    }

    // ---- contacts and groups -----------------------------------------------------------------------

    /**
     * Lists the address book; long-running, so it has its own timeout.
     *
     * @param appId the device
     * @return the ids of friends, saved groups and official accounts
     * @throws GeweException if the call fails
     */
    public ContactList fetchContactsList(String appId) throws GeweException {
        return ContactList.of(http.post("/contacts/fetchContactsList", body(appId), contactListTimeout));
    }

    /**
     * Profiles of friends or groups, at most {@link #MAX_BRIEF_INFO} per call: split longer lists and
     * pace the calls (the sync job shows progress between them).
     *
     * @param appId the device
     * @param wxids wxids or {@code …@chatroom} ids
     * @return the profiles GeWe knows, in its order; empty without a call when {@code wxids} is empty
     * @throws GeweException if the call fails
     * @throws IllegalArgumentException if there are more than {@link #MAX_BRIEF_INFO} ids
     */
    public List<ContactInfo> getBriefInfo(String appId, List<String> wxids) throws GeweException {
        return contactInfo("/contacts/getBriefInfo", appId, wxids, MAX_BRIEF_INFO);
    }

    /**
     * Like {@link #getBriefInfo}, at most {@link #MAX_DETAIL_INFO} per call.
     *
     * @param appId the device
     * @param wxids wxids or {@code …@chatroom} ids
     * @return the profiles GeWe knows; empty without a call when {@code wxids} is empty
     * @throws GeweException if the call fails
     * @throws IllegalArgumentException if there are more than {@link #MAX_DETAIL_INFO} ids
     */
    public List<ContactInfo> getDetailInfo(String appId, List<String> wxids) throws GeweException {
        return contactInfo("/contacts/getDetailInfo", appId, wxids, MAX_DETAIL_INFO);
    }

    /**
     * @param appId      the device
     * @param chatroomId the group, {@code …@chatroom}
     * @return its name, owner and members
     * @throws GeweException if the call fails
     */
    public ChatroomInfo getChatroomInfo(String appId, String chatroomId) throws GeweException {
        return ChatroomInfo.of(chatroomId, call("/group/getChatroomInfo", room(appId, chatroomId)));
    }

    /**
     * @param appId      the device
     * @param chatroomId the group, {@code …@chatroom}
     * @return its members, owner and administrators
     * @throws GeweException if the call fails
     */
    public ChatroomMembers getChatroomMemberList(String appId, String chatroomId) throws GeweException {
        return ChatroomMembers.of(call("/group/getChatroomMemberList", room(appId, chatroomId)));
    }

    /** Waits for calls in flight, then releases the connections. */
    @Override
    public void close() {
        http.close();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private JsonNode call(String path, ObjectNode body) throws GeweException {
        return http.post(path, body, requestTimeout);
    }

    private SendResult send(String path, String toWxid, ObjectNode body) throws GeweException {
        return SendResult.of(toWxid, call(path, body));
    }

    private String download(String path, ObjectNode body) throws GeweException {
        String fileUrl = GeweReplies.text(call(path, body), "fileUrl");
        if (fileUrl == null) {
            throw GeweException.malformed(path, 200, "no fileUrl");
        }
        return fileUrl;
    }

    private List<ContactInfo> contactInfo(String path, String appId, List<String> wxids, int max)
            throws GeweException {
        ObjectNode body = body(appId);
        if (wxids.isEmpty()) {
            return List.of();
        }
        if (wxids.size() > max) {
            throw new IllegalArgumentException(path + " takes at most " + max + " wxids, got " + wxids.size());
        }
        ArrayNode list = body.putArray("wxids");
        wxids.forEach(wxid -> list.add(Objects.requireNonNull(wxid, "wxid")));
        return ContactInfo.listOf(call(path, body));
    }

    private static ObjectNode body(String appId) {
        return GeweHttp.JSON.createObjectNode().put("appId", Objects.requireNonNull(appId, "appId"));
    }

    private static ObjectNode to(String appId, String toWxid) {
        return body(appId).put("toWxid", Objects.requireNonNull(toWxid, "toWxid"));
    }

    private static ObjectNode xml(String appId, String xml) {
        return body(appId).put("xml", Objects.requireNonNull(xml, "xml"));
    }

    private static ObjectNode room(String appId, String chatroomId) {
        return body(appId).put("chatroomId", Objects.requireNonNull(chatroomId, "chatroomId"));
    }

    /** Configures a {@link GeweClient}. */
    public static final class Builder {
        private URI baseUrl;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration contactListTimeout = Duration.ofSeconds(120);

        private Builder() {
        }

        /**
         * @param baseUrl the API base that paths such as {@code /login/checkLogin} are appended to:
         *                {@code http://api.geweapi.com/gewe/v2/api} (paid) or
         *                {@code http://host:2531/v2/api} (self-hosted)
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl").strip()));
        }

        /**
         * @param baseUrl the API base, an absolute {@code http} or {@code https} URI
         * @return this builder
         */
        public Builder baseUrl(URI baseUrl) {
            String scheme = Objects.requireNonNull(baseUrl, "baseUrl").getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("The GeWe base URL must be an absolute http(s) URL: " + baseUrl);
            }
            if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
                throw new IllegalArgumentException("The GeWe base URL must not have a query or fragment: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * @param token the {@code X-GEWE-TOKEN}; sent with every call, never logged
         * @return this builder
         */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("The GeWe token is blank");
            }
            this.token = token.strip();
            return this;
        }

        /**
         * @param timeout the longest wait for a connection (default 5 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * @param timeout the longest a call may take, reply included (default 30 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * @param timeout the longest {@link GeweClient#fetchContactsList} may take (default 120 s)
         * @return this builder
         */
        public Builder contactListTimeout(Duration timeout) {
            this.contactListTimeout = positive(timeout, "contactListTimeout");
            return this;
        }

        /** @return the client */
        public GeweClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("The GeWe base URL is not set");
            }
            if (token == null) {
                throw new IllegalStateException("The GeWe token is not set");
            }
            return new GeweClient(this);
        }

        private static Duration positive(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + timeout);
            }
            return timeout;
        }
    }
}
