package dev.parley.connector.whatsappcloud;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.parley.account.AccountKey;
import dev.parley.account.Platform;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.AccountFact;
import dev.parley.connector.AccountIntake;
import dev.parley.connector.AccountLoss;
import dev.parley.connector.ChatRef;
import dev.parley.connector.Connected;
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
import dev.parley.connector.MessageTemplate;
import dev.parley.connector.SentMessage;
import dev.parley.connector.TemplateMessage;
import dev.parley.message.ChatType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRouting;

/**
 * WhatsApp Business numbers on Meta's official Cloud API, through the Graph API: added with a phone number id and a
 * system user token (checked against Graph, kept sealed), sending text inside a person's 24-hour window and approved
 * templates outside it, receiving through signed webhooks, media by id. A refused token takes the number out of
 * service (an alert asks for a new one), a locked number counts as banned, and Meta's warnings (a quality downgrade,
 * the spam rate limit) are raised as risks before worse happens. The Cloud API has no contact list, no withdrawing
 * of sent messages and only groups the business created, so those parts answer what they can.
 */
public final class CloudConnector implements AccountConnector {
    /** The option names {@code /bot add whatsapp-cloud} takes. */
    public static final String PHONE_ID = "phone-id";
    /** The access token option. */
    public static final String TOKEN = "token";
    /** The business account option. */
    public static final String WABA = "waba";
    private static final Logger LOG = Logger.getLogger(CloudConnector.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY_WINDOW = Duration.ofHours(24);
    private static final Pattern GRAPH_ID = Pattern.compile("\\d{5,32}");
    private static final Pattern PERSON = Pattern.compile("\\+?[0-9][0-9 ()\\-.]{5,22}");
    private static final int MAX_TEXT = 4096;
    private static final List<String> QUALITY_ORDER = List.of("GREEN", "YELLOW", "RED");

    private final CloudSettings settings;
    private final AccountIntake intake;
    private final CloudNumbers numbers;
    private final GraphApi graph;
    private final CloudWebhookService webhook;

    private CloudConnector(ConnectorContext context, CloudSettings settings) {
        this.settings = settings;
        this.intake = context.intake();
        this.numbers = new CloudNumbers(context.jdbi(), context.sealer(), context.clock());
        this.graph = new GraphApi(settings.apiUrl(), settings.callTimeout());
        this.webhook = new CloudWebhookService(settings, new CloudInbox(intake, numbers), context.messages(),
                context.webhookMetrics(), context.maxBodyBytes(), context.ackTimeoutMs());
    }

    /**
     * @param context what the service gives connectors; its config is the {@code parley.whatsapp} node
     * @return the connector
     */
    public static CloudConnector create(ConnectorContext context) {
        CloudSettings settings = CloudSettings.from(context.config());
        if (!settings.receives()) {
            LOG.info("WhatsApp Cloud API numbers cannot be added: PARLEY_WHATSAPP_APP_SECRET and"
                    + " PARLEY_WHATSAPP_VERIFY_TOKEN are not both set");
        }
        return new CloudConnector(context, settings);
    }

    @Override
    public Platform platform() {
        return Platform.WHATSAPP_CLOUD;
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(CloudWebhookService.PATH, webhook);
    }

    /** Without the webhook's secrets a number could send but never hear back, nor open a reply window. */
    @Override
    public boolean available() {
        return settings.receives();
    }

    @Override
    public ConnectorStatus status() {
        return settings.receives()
                ? new ConnectorStatus(true, "connector.status.whatsapp_cloud", Map.of("webhook", CloudWebhookService.PATH,
                "api", graph.base()), Map.of("webhook", CloudWebhookService.PATH, "api", graph.base()))
                : new ConnectorStatus(true, "connector.status.whatsapp_cloud_off", Map.of(),
                Map.of("webhook", "not configured", "api", graph.base()));
    }

    /** A person is their phone number in international digits; the Cloud API reaches no groups Parley can address. */
    @Override
    public Optional<ChatRef> chat(String typed) {
        String digits = CloudNumbers.digits(typed);
        if (!PERSON.matcher(typed.strip()).matches() || digits.length() < 7 || digits.length() > 15) {
            return Optional.empty();
        }
        return Optional.of(new ChatRef(digits, ChatType.PRIVATE));
    }

    @Override
    public boolean connectsWithCredentials() {
        return true;
    }

    @Override
    public Connected connect(Map<String, String> credentials) throws ConnectorException {
        String phoneId = credentials.getOrDefault(PHONE_ID, "").strip();
        if (!GRAPH_ID.matcher(phoneId).matches()) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "phone-id must be the number's Graph id"
                    + " (digits, from WhatsApp Manager → Phone numbers)", null);
        }
        String waba = credentials.getOrDefault(WABA, "").strip();
        if (!waba.isEmpty() && !GRAPH_ID.matcher(waba).matches()) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "waba must be the business account's id"
                    + " (digits)", null);
        }
        String typed = credentials.getOrDefault(TOKEN, "").strip();
        String token = typed.isEmpty() ? numbers.token(phoneId).orElseThrow(() -> new ConnectorException(
                ConnectorException.Kind.CONFIGURATION, "no token is kept for " + phoneId + ": give token:", null))
                : typed;
        JsonNode fields;
        try {
            fields = graph.phoneNumber(phoneId, token);
        } catch (GraphError e) {
            throw e.tokenRejected() ? new ConnectorException(ConnectorException.Kind.CONFIGURATION,
                    "Graph refused the token: " + e.describe(), null) : e.toConnector();
        }
        CloudNumbers.Number number = CloudNumbers.Number.of(phoneId, waba.isEmpty() ? null : waba, fields);
        numbers.save(number, token);
        LOG.info("WhatsApp Cloud API number " + phoneId + " checked: " + number.verifiedName() + ", quality "
                + number.quality() + ", " + number.tier());
        return new Connected(phoneId, CloudNumbers.digits(number.displayNumber()), number.verifiedName(), facts(number));
    }

    @Override
    public List<AccountFact> facts(String externalId) throws ConnectorException {
        return facts(check(externalId));
    }

    @Override
    public Optional<Duration> replyWindow() {
        return Optional.of(REPLY_WINDOW);
    }

    /** Numbers come in with {@link #connect}; there is nothing to scan. */
    @Override
    public LoginStart startLogin(String externalId, LoginOptions options) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, "Cloud API numbers are added with a token", null);
    }

    @Override
    public LoginProgress checkLogin(LoginStart login, String verificationCode) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, "Cloud API numbers are added with a token", null);
    }

    /** Online while Graph takes the number's token; each check also watches its quality rating. */
    @Override
    public boolean isOnline(String externalId) throws ConnectorException {
        try {
            check(externalId);
            return true;
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.OFFLINE) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void reconnect(String externalId) throws ConnectorException {
        check(externalId);
    }

    /** Parley stops running the number and forgets its token; the number stays registered at Meta. */
    @Override
    public void logout(String externalId) {
        numbers.forget(externalId);
    }

    @Override
    public SentMessage sendText(String externalId, String chatId, String text, List<String> mentions)
            throws ConnectorException {
        if (text.length() > MAX_TEXT) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the Cloud API sends at most " + MAX_TEXT
                    + " characters", null);
        }
        ObjectNode message = envelope(chatId, "text");
        message.putObject("text").put("preview_url", false).put("body", text);
        return send(externalId, message);
    }

    @Override
    public List<MessageTemplate> templates(String externalId) throws ConnectorException {
        CloudNumbers.Number number = numbers.find(externalId).orElseThrow(() -> notKept(externalId));
        if (number.wabaId() == null) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the business account of " + externalId
                    + " is not known yet: /bot relogin it with waba:<id>, or wait for its first webhook", null);
        }
        String token = token(externalId);
        try {
            return graph.templates(number.wabaId(), token).stream().map(CloudConnector::template).toList();
        } catch (GraphError e) {
            throw refused(externalId, e);
        }
    }

    @Override
    public SentMessage sendTemplate(String externalId, String chatId, TemplateMessage template)
            throws ConnectorException {
        ObjectNode message = envelope(chatId, "template");
        ObjectNode body = message.putObject("template").put("name", template.name());
        body.putObject("language").put("code", template.language());
        if (!template.params().isEmpty()) {
            ArrayNode parameters = body.putArray("components").addObject().put("type", "body").putArray("parameters");
            template.params().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        }
        return send(externalId, message);
    }

    @Override
    public void revoke(String externalId, String chatId, SentMessage sent) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the Cloud API cannot withdraw a sent message",
                null);
    }

    /** The Cloud API lists no contacts: people become known as they write. */
    @Override
    public ContactBook contacts(String externalId) {
        return new ContactBook(List.of(), List.of(), List.of(), true);
    }

    @Override
    public int maxProfileBatch() {
        return 100;
    }

    /** Names come with the webhooks ({@code contacts[].profile.name}); Graph has no lookup of people. */
    @Override
    public List<ContactProfile> profiles(String externalId, List<String> ids) {
        return List.of();
    }

    @Override
    public GroupSnapshot group(String externalId, String groupId) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the Cloud API does not list group members",
                null);
    }

    /**
     * A received file: Graph gives a short-lived URL for the media id, which serves the file only to the number's
     * token; the download is checked against the SHA-256 Graph gave.
     */
    @Override
    public MediaLink media(String externalId, MediaRef media) throws ConnectorException {
        String mediaId = mediaId(media.raw());
        String token = token(externalId);
        JsonNode info;
        try {
            info = graph.media(mediaId, token);
        } catch (GraphError e) {
            throw refused(externalId, e);
        }
        String url = info.path("url").asText("");
        if (url.isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "Graph gave no URL for media " + mediaId,
                    null);
        }
        String sha256 = info.path("sha256").asText("");
        return new MediaLink(url, downloaded -> checked(downloaded, sha256), Map.of("Authorization", "Bearer " + token));
    }

    @Override
    public void close() {
        graph.close();
    }

    private SentMessage send(String externalId, ObjectNode message) throws ConnectorException {
        try {
            return new SentMessage(graph.send(externalId, token(externalId), message), null);
        } catch (GraphError e) {
            throw refused(externalId, e);
        }
    }

    /** Asks Graph about the number with its token, records the answer and raises a quality drop as a risk. */
    private CloudNumbers.Number check(String externalId) throws ConnectorException {
        String token = token(externalId);
        JsonNode fields;
        try {
            fields = graph.phoneNumber(externalId, token);
        } catch (GraphError e) {
            throw refused(externalId, e);
        }
        CloudNumbers.Number now = CloudNumbers.Number.of(externalId, null, fields);
        Optional<CloudNumbers.Number> before = numbers.refresh(now);
        if (before.isPresent() && worse(before.get().quality(), now.quality())) {
            intake.atRisk(key(externalId), "quality", before.get().quality() + " → " + now.quality());
        }
        return now;
    }

    /** What a refusal means beyond this call: a refused token or a locked number takes it out of service. */
    private ConnectorException refused(String externalId, GraphError e) {
        if (e.tokenRejected()) {
            intake.lost(key(externalId), AccountLoss.LOGGED_OUT, "the access token was refused: " + e.describe());
        } else if (e.numberBlocked()) {
            intake.lost(key(externalId), AccountLoss.BANNED, e.describe());
        } else if (e.spamLimited()) {
            intake.atRisk(key(externalId), "spam_limit", e.describe());
        }
        return e.toConnector();
    }

    private String token(String externalId) throws ConnectorException {
        return numbers.token(externalId).orElseThrow(() -> notKept(externalId));
    }

    private static ConnectorException notKept(String externalId) {
        return new ConnectorException(ConnectorException.Kind.OFFLINE, "no token is kept for Cloud API number "
                + externalId + ": /bot relogin it with token:", null);
    }

    private static ObjectNode envelope(String chatId, String type) {
        return JSON.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", chatId).put("type", type);
    }

    private static List<AccountFact> facts(CloudNumbers.Number number) {
        return List.of(new AccountFact("account.fact.verified_name", number.verifiedName()),
                new AccountFact("account.fact.number", number.displayNumber()),
                new AccountFact("account.fact.quality", number.quality()),
                new AccountFact("account.fact.tier", number.tier().isEmpty() ? "?" : number.tier()));
    }

    private static MessageTemplate template(JsonNode t) {
        String body = "";
        for (JsonNode component : t.path("components")) {
            if (component.path("type").asText("").equalsIgnoreCase("BODY")) {
                body = component.path("text").asText("");
            }
        }
        int params = (int) Pattern.compile("\\{\\{\\s*\\d+\\s*}}").matcher(body).results().count();
        return new MessageTemplate(t.path("name").asText(""), t.path("language").asText(""),
                t.path("status").asText("").toUpperCase(Locale.ROOT), t.path("category").asText("").toUpperCase(Locale.ROOT),
                body, params);
    }

    private static String mediaId(String raw) throws ConnectorException {
        try {
            JsonNode message = JSON.readTree(raw == null ? "{}" : raw);
            String id = message.path(message.path("type").asText("")).path("id").asText("");
            if (!id.isEmpty()) {
                return id;
            }
        } catch (java.io.IOException e) {
            // falls through to the answer below
        }
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the message has no media id", null);
    }

    private static byte[] checked(byte[] downloaded, String sha256) throws ConnectorException {
        if (sha256.isEmpty()) {
            return downloaded;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(downloaded);
            if (!MessageDigest.isEqual(digest, HexFormat.of().parseHex(sha256.toLowerCase(Locale.ROOT)))) {
                throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the downloaded file is not the one"
                        + " Graph described (SHA-256 differs)", null);
            }
            return downloaded;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "Graph gave no valid SHA-256", null);
        }
    }

    private static boolean worse(String before, String now) {
        int b = QUALITY_ORDER.indexOf(before);
        int n = QUALITY_ORDER.indexOf(now);
        return b >= 0 && n > b;
    }

    private static AccountKey key(String phoneId) {
        return new AccountKey(Platform.WHATSAPP_CLOUD, phoneId);
    }
}
