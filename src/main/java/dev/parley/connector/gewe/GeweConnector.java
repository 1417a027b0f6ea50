package dev.parley.connector.gewe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import dev.parley.account.Platform;
import dev.parley.config.Secrets;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ChatRef;
import dev.parley.connector.ConnectorContext;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.ConnectorStatus;
import dev.parley.connector.ContactBook;
import dev.parley.connector.ContactProfile;
import dev.parley.connector.GroupSnapshot;
import dev.parley.connector.LoginOptions;
import dev.parley.connector.LoginProgress;
import dev.parley.connector.LoginStart;
import dev.parley.connector.MediaLink;
import dev.parley.connector.MediaRef;
import dev.parley.connector.SentMessage;
import dev.parley.message.ChatType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;

/**
 * Runs WeChat accounts through the GeWe API: the {@link AccountConnector} port over {@link GeweClient}, and GeWe's
 * callbacks at {@code POST /webhooks/gewe/{secret}} ({@link GeweWebhookService}). The callbacks are received whether
 * or not the API is configured; logins and sends need {@code PARLEY_GEWE_BASE_URL} and {@code PARLEY_GEWE_TOKEN}.
 * Logins use iPad devices; a re-login passes the account's appId so WeChat sees the same device (a new device for the
 * same account triggers risk control).
 */
public final class GeweConnector implements AccountConnector {
    private static final Logger LOG = Logger.getLogger(GeweConnector.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE_TYPE = "ipad";

    private final GeweClient client;
    private final String token;
    private final String defaultRegion;
    private final GeweWebhookService webhook;
    private final String callbackUrl;

    /**
     * @param client        the API client, or {@code null} when the API is not configured
     * @param token         the GeWe token (registering the callback needs it)
     * @param defaultRegion province code of logins that name none
     * @param webhook       the callbacks' endpoint
     * @param callbackUrl   the webhook's public URL, registered after each login, or {@code null}
     */
    GeweConnector(GeweClient client, String token, String defaultRegion, GeweWebhookService webhook,
                  String callbackUrl) {
        this.client = client;
        this.token = token;
        this.defaultRegion = defaultRegion;
        this.webhook = webhook;
        this.callbackUrl = callbackUrl;
    }

    /**
     * The WeChat connector from {@code parley.gewe}: the webhook always (its path secret configured, or generated into
     * {@code <data dir>/gewe-webhook-secret}), the API when its base URL and token are set.
     *
     * @param context the platform's configuration and the service's shared parts
     * @return the connector
     */
    public static GeweConnector create(ConnectorContext context) {
        Config gewe = context.config();
        String configuredSecret = gewe.get("webhook.secret").asString().orElse("");
        String secret = Secrets.configuredOrGenerated(configuredSecret, context.dataDir().resolve("gewe-webhook-secret"));
        GeweWebhookService webhook = GeweWebhookService.builder()
                .secret(secret)
                .intake(context.intake())
                .messages(context.messages())
                .metrics(context.webhookMetrics())
                .maxBodyBytes(context.maxBodyBytes())
                .ackTimeoutMillis(context.ackTimeoutMs())
                .build();
        String callbackUrl = context.publicUrl().isEmpty() ? null
                : context.publicUrl() + GeweWebhookService.PATH + "/" + secret;
        String baseUrl = gewe.get("base.url").asString().orElse("").trim();
        String token = gewe.get("token").asString().orElse("").trim();
        String region = gewe.get("login.region").asString().orElse("320000");
        LOG.info("GeWe callbacks at " + GeweWebhookService.PATH + "/<secret> (secret in "
                + (configuredSecret.isBlank() ? context.dataDir().resolve("gewe-webhook-secret")
                : "PARLEY_GEWE_WEBHOOK_SECRET") + ")");
        if (baseUrl.isEmpty() || token.isEmpty()) {
            LOG.info("GeWe is not configured (PARLEY_GEWE_BASE_URL, PARLEY_GEWE_TOKEN): no WeChat accounts can log in");
            return new GeweConnector(null, token, region, webhook, callbackUrl);
        }
        GeweClient client = GeweClient.builder().baseUrl(baseUrl).token(token)
                .requestTimeout(Duration.ofMillis(gewe.get("request.timeout.ms").asLong().orElse(30_000L)))
                .build();
        return new GeweConnector(client, token, region, webhook, callbackUrl);
    }

    @Override
    public Platform platform() {
        return Platform.WECHAT;
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(GeweWebhookService.PATH, webhook);
    }

    @Override
    public boolean available() {
        return client != null;
    }

    @Override
    public ConnectorStatus status() {
        return new ConnectorStatus(true, client != null ? "connector.status.wechat" : "connector.status.wechat_no_api",
                Map.of("webhook", GeweWebhookService.PATH + "/{secret}"),
                Map.of("webhook", GeweWebhookService.PATH + "/{secret}", "api", client != null ? "configured" : "not configured"));
    }

    /** Groups end in {@code @chatroom}; people are {@code wxid_…}; anything else is taken only from stored chats. */
    @Override
    public Optional<ChatRef> chat(String typed) {
        if (typed.endsWith("@chatroom")) {
            return Optional.of(new ChatRef(typed, ChatType.GROUP));
        }
        if (typed.startsWith("wxid_")) {
            return Optional.of(new ChatRef(typed, ChatType.PRIVATE));
        }
        return Optional.empty();
    }

    @Override
    public LoginStart startLogin(String externalId, LoginOptions options) throws ConnectorException {
        String region = options.region() == null ? defaultRegion : options.region();
        LoginOptions used = new LoginOptions(region, options.proxy());
        LoginQrCode qr = call(() -> api().getLoginQrCode(externalId == null ? "" : externalId, DEVICE_TYPE, region,
                options.proxy()));
        return new LoginStart(qr.appId(), qr.uuid(), qr.qrData(), used);
    }

    @Override
    public LoginProgress checkLogin(LoginStart login, String verificationCode) throws ConnectorException {
        LoginStatus status = call(() -> api().checkLogin(login.externalId(), login.session(), login.options().proxy(),
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
        return call(() -> api().checkOnline(externalId));
    }

    @Override
    public void reconnect(String externalId) throws ConnectorException {
        run(() -> api().reconnection(externalId));
    }

    @Override
    public void logout(String externalId) throws ConnectorException {
        run(() -> api().logout(externalId));
    }

    /** Registers the webhook's URL with GeWe, when {@code PARLEY_PUBLIC_URL} says where this server is. */
    @Override
    public void afterLogin(String externalId) throws ConnectorException {
        if (callbackUrl != null) {
            run(() -> api().setCallback(token, callbackUrl));
        }
    }

    @Override
    public SentMessage sendText(String externalId, String chatId, String text, List<String> mentions)
            throws ConnectorException {
        String ats = mentions.isEmpty() ? null : String.join(",", mentions);
        SendResult sent = call(() -> api().postText(externalId, chatId, text, ats));
        ObjectNode receipt = JSON.createObjectNode().put("msgId", sent.msgId()).put("newMsgId", sent.newMsgId())
                .put("createTime", sent.createTime());
        return new SentMessage(sent.newMsgId(), receipt.toString());
    }

    /** GeWe withdraws by all three of the send's ids, kept in the receipt as {@code {msgId, newMsgId, createTime}}. */
    @Override
    public void revoke(String externalId, String chatId, SentMessage sent) throws ConnectorException {
        JsonNode receipt;
        try {
            receipt = sent.receipt() == null ? JSON.missingNode() : JSON.readTree(sent.receipt());
        } catch (IOException e) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the sent message's ids are unreadable", e);
        }
        String msgId = receipt.path("msgId").asText(null);
        String newMsgId = receipt.path("newMsgId").asText(null);
        String createTime = receipt.path("createTime").asText(null);
        if (msgId == null || newMsgId == null || createTime == null) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT,
                    "GeWe did not return the ids needed to withdraw this message", null);
        }
        run(() -> api().revokeMsg(externalId, chatId, msgId, newMsgId, createTime));
    }

    @Override
    public ContactBook contacts(String externalId) throws ConnectorException {
        ContactList list = call(() -> api().fetchContactsList(externalId));
        return new ContactBook(list.friends(), list.chatrooms(), list.ghs());
    }

    @Override
    public int maxProfileBatch() {
        return GeweClient.MAX_BRIEF_INFO;
    }

    @Override
    public List<ContactProfile> profiles(String externalId, List<String> ids) throws ConnectorException {
        return call(() -> api().getBriefInfo(externalId, ids)).stream()
                .map(c -> new ContactProfile(c.userName(), c.nickName(), c.remark(), c.alias()))
                .toList();
    }

    @Override
    public GroupSnapshot group(String externalId, String groupId) throws ConnectorException {
        ChatroomInfo info = call(() -> api().getChatroomInfo(externalId, groupId));
        List<ChatroomMember> members = info.members();
        if (members.isEmpty()) {
            // getChatroomInfo leaves the member list out for some groups; the member-list endpoint has it
            members = call(() -> api().getChatroomMemberList(externalId, groupId)).members();
        }
        return new GroupSnapshot(groupId, info.name(), info.owner(), members.stream()
                .map(m -> new GroupSnapshot.Member(m.wxid(), m.name(), m.inviterUserName()))
                .toList());
    }

    @Override
    public MediaLink media(String externalId, MediaRef media) throws ConnectorException {
        return MediaLink.plain(mediaUrl(externalId, media));
    }

    private String mediaUrl(String externalId, MediaRef media) throws ConnectorException {
        String xml = xmlOf(media.raw());
        return switch (media.type()) {
            case IMAGE -> call(() -> api().downloadImage(externalId, xml, 2));
            case VOICE -> {
                String msgId = msgIdOf(media.raw());
                yield call(() -> api().downloadVoice(externalId, xml, msgId));
            }
            case VIDEO -> call(() -> api().downloadVideo(externalId, xml));
            case FILE -> call(() -> api().downloadFile(externalId, xml));
            default -> throw new ConnectorException(ConnectorException.Kind.PERMANENT,
                    "messages of type " + media.type().code() + " have no downloadable media", null);
        };
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** The API client; {@link dev.parley.connector.Connectors} hands out only available connectors, so it is there when called. */
    private GeweClient api() {
        if (client == null) {
            throw new IllegalStateException("GeWe is not configured (PARLEY_GEWE_BASE_URL, PARLEY_GEWE_TOKEN)");
        }
        return client;
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
        return new ConnectorException(kind, e.getMessage(), e, mayHaveTakenEffect(e));
    }

    /**
     * Whether a failed call may have been carried out by GeWe anyway: it got no usable answer although the request
     * could have arrived (a timeout once connected, a broken connection, an unreadable reply with a success status).
     * An HTTP error status or a refused connection means GeWe did not act.
     */
    private static boolean mayHaveTakenEffect(GeweException e) {
        if (e.kind() != GeweException.Kind.TRANSIENT) {
            return false;
        }
        int status = e.httpStatus();
        if (status != 0) {
            return status >= 200 && status <= 299;
        }
        Throwable cause = e.getCause();
        return !(cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException);
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
