package dev.parley.connector.whatsapp;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.AccountKey;
import dev.parley.account.Platform;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.AccountIntake;
import dev.parley.connector.AccountLoss;
import dev.parley.connector.ChatRef;
import dev.parley.connector.ConnectorContext;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.ConnectorStatus;
import dev.parley.connector.ContactBook;
import dev.parley.connector.ContactProfile;
import dev.parley.connector.ContactUpdate;
import dev.parley.connector.GroupSnapshot;
import dev.parley.connector.LoginOptions;
import dev.parley.connector.LoginProgress;
import dev.parley.connector.LoginStart;
import dev.parley.connector.MediaLink;
import dev.parley.connector.MediaRef;
import dev.parley.connector.SentMessage;
import dev.parley.contact.GroupChange;
import dev.parley.ingest.IngestRejectedException;
import dev.parley.message.ChatType;
import dev.parley.message.InboundMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;

/**
 * Runs WhatsApp Web accounts through the bridge: the {@link AccountConnector} port over Baileys's socket methods, and
 * Baileys's events handed to the {@link AccountIntake}. All logic is here; the bridge only passes calls and events
 * through. A session's credentials and keys are saved (sealed) on every change, so a restart of Parley or of the
 * bridge opens every session again without a new scan. Close reasons map to what Parley does: 515 (restart required,
 * as after pairing) reopens at once; 401 (logged out) forgets the session and reports the account logged out; 403
 * (forbidden) banned; 440 (another client took the session) replaced, without reconnecting; anything else offline,
 * for the online monitor to reconnect with back-off.
 */
public final class WhatsAppConnector implements AccountConnector, Bridge.Listener {
    private static final Logger LOG = Logger.getLogger(WhatsAppConnector.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration GROUPS_FRESH = Duration.ofMinutes(10);
    private static final Duration FULL_QUEUE_PATIENCE = Duration.ofMinutes(1);
    private static final int STATUS_RESTART_REQUIRED = 515;
    private static final int STATUS_LOGGED_OUT = 401;
    private static final int STATUS_FORBIDDEN = 403;
    private static final int STATUS_REPLACED = 440;
    private static final int STATUS_CONNECTION_CLOSED = 428;
    private static final Set<Integer> NOT_SENT = Set.of(STATUS_CONNECTION_CLOSED, STATUS_LOGGED_OUT, STATUS_FORBIDDEN);

    private final BridgeSetup setup;
    private final Bridge bridge;
    private final SessionStore store;
    private final AccountIntake intake;
    private final InstantSource clock;
    private final ObjectNode socketOptions;
    private final Duration loginWait;
    private final Duration openWait;
    private final Duration callTimeout;
    private final WhatsAppMedia mediaLinks;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ExecutorService announcer;
    private final Object starting = new Object();
    private volatile String installProblem;
    private volatile boolean bridgeStarted;
    private volatile boolean closed;

    private WhatsAppConnector(ConnectorContext context, BridgeSetup setup) {
        Config wa = context.config();
        this.setup = setup;
        this.store = new SessionStore(context.jdbi(), context.sealer(), context.clock());
        this.intake = context.intake();
        this.clock = context.clock();
        this.loginWait = millis(wa.get("login.wait.ms"), 30_000);
        this.openWait = millis(wa.get("open.wait.ms"), 30_000);
        this.callTimeout = millis(wa.get("call.timeout.ms"), 30_000);
        this.mediaLinks = new WhatsAppMedia(wa.get("media.host").asString().orElse("https://mmg.whatsapp.net"));
        this.socketOptions = JSON.createObjectNode().put("markOnlineOnConnect", false).put("syncFullHistory", false);
        String socketUrl = wa.get("socket.url").asString().orElse("").strip();
        if (!socketUrl.isEmpty()) {
            socketOptions.put("waWebSocketUrl", socketUrl);
        }
        BridgeMetrics metrics = BridgeMetrics.register(context.registry());
        this.bridge = setup.command().map(command -> new Bridge(command, this, metrics,
                millis(wa.get("restart.min.ms"), 1000), millis(wa.get("restart.max.ms"), 60_000))).orElse(null);
        this.announcer = Executors.newSingleThreadExecutor(r -> new Thread(r, "whatsapp-announce"));
    }

    /**
     * The WhatsApp Web connector from {@code parley.whatsapp}: {@code bridge} (a command line replacing the bundled
     * bridge), {@code bundle.dir} and {@code node} (where the bundled bridge is, and the Node.js to run it with),
     * {@code socket.url} (Baileys's WebSocket URL, for tests and proxies), the waits {@code login.wait.ms},
     * {@code open.wait.ms}, {@code call.timeout.ms} and the restart pauses {@code restart.min.ms}/{@code restart.max.ms}.
     *
     * @param context the platform's configuration and the service's shared parts
     * @return the connector (not available when no bridge can run: the reason is logged and shown)
     */
    public static WhatsAppConnector create(ConnectorContext context) {
        Config wa = context.config();
        BridgeSetup setup = BridgeSetup.resolve(wa.get("bridge").asString().orElse(""),
                wa.get("bundle.dir").asString().orElse(""), wa.get("node").asString().orElse("node"));
        if (setup.problem() != null) {
            LOG.info("WhatsApp accounts cannot run: " + setup.problem());
        }
        return new WhatsAppConnector(context, setup);
    }

    @Override
    public Platform platform() {
        return Platform.WHATSAPP;
    }

    @Override
    public boolean available() {
        return bridge != null;
    }

    /** Opens again, in the background, every linked session whose account is in service. */
    @Override
    public void start() {
        if (bridge == null) {
            return;
        }
        Set<String> inService = Set.copyOf(intake.inService(Platform.WHATSAPP));
        List<String> resume = store.registered().stream().filter(inService::contains).toList();
        for (String id : resume) {
            Session s = session(id);
            s.creds(store.creds(id).orElse(null));
            s.wanted = s.creds() != null;
        }
        if (!resume.isEmpty()) {
            LOG.info("resuming " + resume.size() + " WhatsApp session(s)");
            Thread.ofVirtual().name("whatsapp-resume").start(() -> {
                try {
                    ensureBridge();
                } catch (ConnectorException e) {
                    LOG.warning("WhatsApp sessions not resumed: " + e.getMessage());
                }
            });
        }
    }

    @Override
    public ConnectorStatus status() {
        if (bridge == null) {
            return new ConnectorStatus(true, "connector.status.whatsapp_unavailable",
                    Map.of("reason", String.valueOf(setup.problem())), Map.of("bridge", "unavailable",
                    "reason", String.valueOf(setup.problem())));
        }
        Bridge.Health health = bridge.health();
        long open = sessions.values().stream().filter(s -> s.open).count();
        long wanted = sessions.values().stream().filter(s -> s.wanted).count();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bridge", health.state().name().toLowerCase(java.util.Locale.ROOT));
        details.put("command", setup.bundled() ? "bundled" : "PARLEY_WHATSAPP_BRIDGE");
        if (health.pid() != null) {
            details.put("pid", health.pid());
        }
        if (health.version() != null) {
            details.put("version", health.version());
        }
        details.put("restarts", health.restarts());
        if (health.lastEnd() != null) {
            details.put("lastEnd", health.lastEnd());
        }
        if (installProblem != null) {
            details.put("install", installProblem);
        }
        details.put("sessionsOpen", open);
        details.put("sessions", wanted);
        boolean healthy = installProblem == null && (health.state() == Bridge.State.RUNNING
                || health.state() == Bridge.State.STOPPED && wanted == 0);
        String key = installProblem != null ? "connector.status.whatsapp_install_failed"
                : "connector.status.whatsapp_" + health.state().name().toLowerCase(java.util.Locale.ROOT);
        return new ConnectorStatus(healthy, key, Map.of("open", open, "sessions", wanted, "restarts", health.restarts(),
                "version", String.valueOf(health.version()), "reason", String.valueOf(installProblem != null
                        ? installProblem : health.lastEnd())), details);
    }

    /** Groups end in {@code @g.us}; people are phone or LID JIDs, or a phone number written with its country code. */
    @Override
    public Optional<ChatRef> chat(String typed) {
        String ref = typed.strip();
        if (Jids.isGroup(ref)) {
            return Optional.of(new ChatRef(Jids.bare(ref), ChatType.GROUP));
        }
        if (Jids.isPerson(ref)) {
            return Optional.of(new ChatRef(Jids.bare(ref), ChatType.PRIVATE));
        }
        return Jids.fromPhone(ref).map(jid -> new ChatRef(jid, ChatType.PRIVATE));
    }

    @Override
    public LoginStart startLogin(String externalId, LoginOptions options) throws ConnectorException {
        String id = externalId != null ? externalId : "wa-" + HexFormat.of().formatHex(randomBytes());
        Session s = session(id);
        if (externalId != null && !s.open) {
            store.creds(id).ifPresent(s::creds);
        }
        if (externalId != null && s.registered()) {
            resume(s);
            throw new ConnectorException(ConnectorException.Kind.ALREADY_ONLINE, "the session is linked and open", null);
        }
        ensureBridge();
        closeSocket(s);
        store.forget(id);
        s.creds(null);
        String phone = options.phone() == null ? null : options.phone().replaceAll("[^0-9]", "");
        Session.Login login = new Session.Login(phone);
        s.login = login;
        s.wanted = true;
        openSocket(s);
        try {
            login.first.get(loginWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            s.wanted = false;
            closeSocket(s);
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "WhatsApp showed no login code within "
                    + loginWait.toSeconds() + " s", null);
        } catch (ExecutionException e) {
            s.wanted = false;
            throw e.getCause() instanceof ConnectorException c ? c : new ConnectorException(
                    ConnectorException.Kind.TRANSIENT, String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "interrupted", e);
        }
        login.shown = true;
        return new LoginStart(id, null, login.pairingCode == null ? login.qr : null, login.pairingCode,
                new LoginOptions(null, null, phone));
    }

    @Override
    public LoginProgress checkLogin(LoginStart start, String verificationCode) throws ConnectorException {
        Session s = sessions.get(start.externalId());
        Session.Login login = s == null ? null : s.login;
        if (s != null && s.open && s.registered()) {
            s.login = null;
            // WhatsApp names the account only once its own push name shows (business accounts at once): until then, its number
            return new LoginProgress(LoginProgress.State.ONLINE, s.selfName().orElse("+" + Jids.user(s.selfPhone())),
                    s.selfPhone(), null);
        }
        if (login == null) {
            return new LoginProgress(LoginProgress.State.EXPIRED, null, null, 0);
        }
        if (login.failure != null) {
            s.login = null;
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, login.failure, null);
        }
        if (login.expired) {
            s.login = null;
            return new LoginProgress(LoginProgress.State.EXPIRED, null, null, 0);
        }
        if (login.scanned || s.registered()) {
            return new LoginProgress(LoginProgress.State.SCANNED, s.selfName().orElse(null), null, null);
        }
        // Baileys shows the first QR code for a minute and each next one for 20 s
        return new LoginProgress(LoginProgress.State.WAITING, null, null, login.qrs <= 1 ? 60 : 20, login.qr,
                login.pairingCode);
    }

    @Override
    public boolean isOnline(String externalId) {
        Session s = sessions.get(externalId);
        return s != null && s.open;
    }

    @Override
    public void reconnect(String externalId) throws ConnectorException {
        Session s = session(externalId);
        if (s.creds() == null) {
            store.creds(externalId).ifPresent(s::creds);
        }
        if (!s.registered()) {
            throw new ConnectorException(ConnectorException.Kind.OFFLINE, "the session is not linked: log in again", null);
        }
        resume(s);
    }

    @Override
    public void logout(String externalId) throws ConnectorException {
        Session s = session(externalId);
        s.wanted = false;
        s.login = null;
        if (s.open) {
            s.closingByUs = true;
            s.loggingOut = true;
            call(s, "logout", JSON.createArrayNode());
        } else {
            forget(s);
        }
    }

    @Override
    public SentMessage sendText(String externalId, String chatId, String text, List<String> mentions)
            throws ConnectorException {
        Session s = openSession(externalId);
        ObjectNode content = JSON.createObjectNode().put("text", text);
        if (!mentions.isEmpty()) {
            ArrayNode ids = content.putArray("mentions");
            mentions.forEach(ids::add);
        }
        JsonNode sent = call(s, "sendMessage", JSON.createArrayNode().add(chatId).add(content));
        JsonNode key = sent.path("key");
        return new SentMessage(key.path("id").asText(null), key.isObject() ? key.toString() : null);
    }

    /** Withdraws for everyone by the message's key, kept as the receipt. */
    @Override
    public void revoke(String externalId, String chatId, SentMessage sent) throws ConnectorException {
        Session s = openSession(externalId);
        JsonNode key;
        try {
            key = sent.receipt() == null ? null : JSON.readTree(sent.receipt());
        } catch (IOException e) {
            key = null;
        }
        if (key == null || !key.hasNonNull("id")) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the sent message's key is not known", null);
        }
        ObjectNode content = JSON.createObjectNode();
        content.set("delete", key);
        call(s, "sendMessage", JSON.createArrayNode().add(chatId).add(content));
    }

    /**
     * The groups the account is in (read fresh from WhatsApp) and the contacts the session told of; WhatsApp keeps no
     * friend list, so the book is not complete and nobody is taken for gone because they are missing from it.
     */
    @Override
    public ContactBook contacts(String externalId) throws ConnectorException {
        Session s = openSession(externalId);
        JsonNode all = call(s, "groupFetchAllParticipating", JSON.createArrayNode());
        Map<String, JsonNode> groups = new LinkedHashMap<>();
        all.properties().forEach(e -> groups.put(Jids.bare(e.getKey()), e.getValue()));
        groups.forEach((id, metadata) -> {
            String subject = metadata.path("subject").asText("");
            if (!subject.isBlank()) {
                s.names.put(id, subject);
            }
        });
        s.groups = Map.copyOf(groups);
        s.groupsAt = clock.millis();
        return new ContactBook(List.copyOf(s.contacts.keySet()), List.copyOf(groups.keySet()), List.of(), false);
    }

    @Override
    public int maxProfileBatch() {
        return 500;
    }

    /** Names as the session told of them: no call to WhatsApp. */
    @Override
    public List<ContactProfile> profiles(String externalId, List<String> ids) {
        Session s = session(externalId);
        List<ContactProfile> profiles = new ArrayList<>();
        for (String id : ids) {
            String name = s.names.get(id);
            if (name != null) {
                profiles.add(new ContactProfile(id, name, null, null));
            }
        }
        return profiles;
    }

    @Override
    public GroupSnapshot group(String externalId, String groupId) throws ConnectorException {
        Session s = openSession(externalId);
        JsonNode metadata = clock.millis() - s.groupsAt < GROUPS_FRESH.toMillis() ? s.groups.get(groupId) : null;
        if (metadata == null) {
            metadata = call(s, "groupMetadata", JSON.createArrayNode().add(groupId));
        }
        return GroupMapper.snapshot(metadata, s.people).orElseThrow(() -> new ConnectorException(
                ConnectorException.Kind.PERMANENT, "WhatsApp answered no group for " + groupId, null));
    }

    @Override
    public MediaLink media(String externalId, MediaRef media) throws ConnectorException {
        return mediaLinks.link(media);
    }

    @Override
    public void close() {
        closed = true;
        if (bridge != null) {
            bridge.close();
        }
        announcer.shutdown();
        try {
            if (!announcer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("WhatsApp announcements did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the bridge's side --------------------------------------------------------------------------------------

    @Override
    public void ready(String version) {
        for (Session s : sessions.values()) {
            if (s.wanted && s.creds() != null) {
                try {
                    openSocket(s);
                } catch (ConnectorException e) {
                    LOG.warning("could not reopen WhatsApp session " + s.id + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The bridge ended: its sockets are gone. Linked sessions are offline until the restarted bridge opens them again
     * (the monitor alerts if that does not happen).
     */
    @Override
    public void ended(String why) {
        for (Session s : sessions.values()) {
            boolean wasOpen = s.open;
            s.open = false;
            s.closingByUs = false;
            if (wasOpen && s.login == null) {
                intake.offline(key(s), null).announce();
            }
        }
    }

    @Override
    public void event(String account, String event, JsonNode data) {
        Session s = sessions.get(account);
        if (s == null) {
            LOG.fine(() -> "WhatsApp event " + event + " of a session Parley does not run: " + account);
            return;
        }
        switch (event) {
            case "connection.update" -> connection(s, data);
            case "creds.update" -> store.saveCreds(s.id, s.merge(data), s.registered());
            case "keys.set" -> keys(s, data);
            case "messages.upsert" -> messages(s, data.path("messages"));
            case "messaging-history.set" -> history(s, data);
            case "group-participants.update" -> intake.groupChanges(key(s), GroupMapper.participants(data, s.self(),
                    s.people), clock.millis());
            case "groups.upsert" -> data.forEach(metadata -> GroupMapper.snapshot(metadata, s.people).ifPresent(g -> {
                if (g.name() != null) {
                    s.names.put(g.id(), g.name());
                }
                intake.groupListed(key(s), g, clock.millis());
            }));
            case "groups.update" -> {
                List<GroupChange> renames = new ArrayList<>();
                data.forEach(update -> GroupMapper.rename(update, s.people).ifPresent(renames::add));
                renames.forEach(r -> s.names.put(r.groupId(), r.newName()));
                intake.groupChanges(key(s), renames, clock.millis());
            }
            case "contacts.upsert", "contacts.update" -> contacts(s, data);
            default -> {
                // counted in the metrics; nothing Parley keeps
            }
        }
    }

    private void connection(Session s, JsonNode update) {
        String qr = update.path("qr").isTextual() ? update.path("qr").asText() : null;
        if (qr != null) {
            qr(s, qr);
        }
        Session.Login login = s.login;
        if (update.path("isNewLogin").asBoolean(false) && login != null) {
            login.scanned = true;
            changed(s);
        }
        switch (update.path("connection").asText("")) {
            case "open" -> opened(s);
            case "close" -> closed(s, update.path("lastDisconnect").path("error"));
            default -> {
                // connecting
            }
        }
    }

    private void qr(Session s, String qr) {
        Session.Login login = s.login;
        if (login == null) {
            LOG.warning("WhatsApp asks to link session " + s.id + ", which nobody is logging in; closing it");
            s.wanted = false;
            closeSocket(s);
            return;
        }
        login.qrs++;
        login.qr = qr;
        if (login.phone == null) {
            login.first.complete(null);
            changed(s);
        } else if (!login.pairingAsked) {
            login.pairingAsked = true;
            bridge.call(s.id, "requestPairingCode", JSON.createArrayNode().add(login.phone)).whenComplete((code, e) -> {
                if (e != null) {
                    login.failure = "WhatsApp gave no pairing code: " + e.getMessage();
                    login.first.completeExceptionally(new ConnectorException(ConnectorException.Kind.PERMANENT,
                            login.failure, e));
                } else {
                    login.pairingCode = code.asText();
                    login.first.complete(null);
                }
                changed(s);
            });
        }
    }

    private void opened(Session s) {
        s.open = true;
        s.opened.complete(null);
        LOG.info("WhatsApp session " + s.id + " is open");
        if (s.login != null) {
            changed(s);
        } else {
            intake.online(key(s));
        }
    }

    private void closed(Session s, JsonNode error) {
        int status = error.path("output").path("statusCode").asInt(error.path("statusCode").asInt(0));
        String reason = status + " " + error.path("output").path("payload").path("message")
                .asText(error.path("message").asText("connection closed"));
        s.open = false;
        CompletableFuture<Void> waiting = s.opened;
        ConnectorException closedWith = new ConnectorException(ConnectorException.Kind.TRANSIENT,
                "WhatsApp closed the connection (" + reason + ")", null);
        if (s.closingByUs) {
            s.closingByUs = false;
            if (s.loggingOut) {
                forget(s);
            }
            waiting.completeExceptionally(closedWith);
            return;
        }
        if (status == STATUS_RESTART_REQUIRED) {
            LOG.info("WhatsApp asks session " + s.id + " to reconnect (515); reconnecting");
            try {
                openSocket(s);
            } catch (ConnectorException e) {
                LOG.warning("could not reconnect WhatsApp session " + s.id + ": " + e.getMessage());
            }
            return;
        }
        waiting.completeExceptionally(closedWith);
        Session.Login login = s.login;
        if (login != null && !s.registered()) {
            s.wanted = false;
            if (status == STATUS_LOGGED_OUT || status == STATUS_FORBIDDEN) {
                login.failure = "WhatsApp refused the link (" + reason + ")";
            } else {
                login.expired = true;
            }
            login.first.completeExceptionally(closedWith);
            changed(s);
            return;
        }
        LOG.warning("WhatsApp closed session " + s.id + " (" + reason + ")");
        switch (status) {
            case STATUS_LOGGED_OUT -> {
                s.wanted = false;
                forget(s);
                intake.lost(key(s), AccountLoss.LOGGED_OUT, reason);
            }
            case STATUS_FORBIDDEN -> {
                s.wanted = false;
                intake.lost(key(s), AccountLoss.BANNED, reason);
            }
            case STATUS_REPLACED -> {
                s.wanted = false;
                intake.lost(key(s), AccountLoss.REPLACED, reason);
            }
            default -> intake.offline(key(s), null).announce();
        }
    }

    private void keys(Session s, JsonNode changes) {
        store.applyKeys(s.id, changes);
        // Baileys keeps which LID is which number as keys: "<number>" → "<lid>" and "<lid>_reverse" → "<number>"
        changes.path("lid-mapping").properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                String k = e.getKey();
                if (k.endsWith("_reverse")) {
                    s.people.learn(Jids.user(k.substring(0, k.length() - "_reverse".length())) + Jids.LID,
                            Jids.user(e.getValue().asText()) + Jids.PHONE);
                } else {
                    s.people.learn(Jids.user(e.getValue().asText()) + Jids.LID, Jids.user(k) + Jids.PHONE);
                }
            }
        });
    }

    private void messages(Session s, JsonNode list) {
        List<AccountIntake.Arrival> arrivals = new ArrayList<>();
        String self = s.selfPhone();
        for (JsonNode m : list) {
            Optional<InboundMessage> message = s.mapper.map(m, self, s.people);
            message.ifPresent(inbound -> {
                arrivals.add(new AccountIntake.Arrival(inbound));
                if (inbound.senderName() != null && !inbound.senderName().isBlank()) {
                    s.names.putIfAbsent(inbound.senderId(), inbound.senderName());
                }
            });
        }
        submit(arrivals);
    }

    private void history(Session s, JsonNode history) {
        contacts(s, history.path("contacts"));
        for (JsonNode chat : history.path("chats")) {
            String id = Jids.bare(chat.path("id").asText(null));
            String name = chat.path("name").asText("");
            if (Jids.isGroup(id) && !name.isBlank()) {
                s.names.put(id, name);
                intake.contact(key(s), new ContactUpdate(id, ContactUpdate.Kind.GROUP, name, null, null)).announce();
            }
        }
        messages(s, history.path("messages"));
    }

    private void contacts(Session s, JsonNode list) {
        for (JsonNode c : list) {
            String alt = c.path("phoneNumber").isTextual() ? c.path("phoneNumber").asText() : c.path("lid").asText(null);
            String id = s.people.id(c.path("id").asText(null), alt);
            if (id == null || !(Jids.isPerson(id) || Jids.isGroup(id))) {
                continue;
            }
            String nickname = text(c, "notify") != null ? text(c, "notify") : text(c, "verifiedName");
            String remark = text(c, "name");
            boolean group = Jids.isGroup(id);
            if (!group) {
                s.contacts.put(id, Boolean.TRUE);
            }
            String shown = remark != null ? remark : nickname;
            if (shown != null) {
                s.names.put(id, shown);
            }
            intake.contact(key(s), new ContactUpdate(id, group ? ContactUpdate.Kind.GROUP : ContactUpdate.Kind.PERSON,
                    nickname, remark, null)).announce();
        }
    }

    /** Hands messages to the intake; while ingestion is full the bridge waits (its output is not read meanwhile). */
    private void submit(List<AccountIntake.Arrival> arrivals) {
        if (arrivals.isEmpty()) {
            return;
        }
        long giveUpAt = System.nanoTime() + FULL_QUEUE_PATIENCE.toNanos();
        while (true) {
            try {
                intake.submit(arrivals).whenCompleteAsync((stored, e) -> {
                    if (e != null) {
                        LOG.log(Level.SEVERE, arrivals.size() + " WhatsApp message(s) could not be stored", e);
                    } else {
                        stored.announce();
                    }
                }, announcer);
                return;
            } catch (IngestRejectedException e) {
                if (closed || System.nanoTime() > giveUpAt) {
                    LOG.severe(arrivals.size() + " WhatsApp message(s) could not be stored: " + e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ---- sessions -----------------------------------------------------------------------------------------------

    private Session session(String id) {
        return sessions.computeIfAbsent(id, k -> new Session(k, People.load(k, store)));
    }

    /** Opens a linked session and waits for it to be open. */
    private void resume(Session s) throws ConnectorException {
        if (s.open) {
            return;
        }
        ensureBridge();
        s.wanted = true;
        CompletableFuture<Void> opened = openSocket(s);
        try {
            opened.get(openWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "WhatsApp did not open the session within "
                    + openWait.toSeconds() + " s", null);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ConnectorException c ? c : new ConnectorException(
                    ConnectorException.Kind.TRANSIENT, String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "interrupted", e);
        }
    }

    /** Sends {@code open} with the saved credentials and keys; returns what completes when the socket is open. */
    private CompletableFuture<Void> openSocket(Session s) throws ConnectorException {
        if (s.opened.isDone()) {
            s.opened = new CompletableFuture<>();
        }
        CompletableFuture<Void> opened = s.opened;
        ObjectNode creds = s.creds();
        ObjectNode op = JSON.createObjectNode().put("op", "open").put("account", s.id);
        if (creds == null) {
            op.putNull("auth");
        } else {
            ObjectNode auth = op.putObject("auth");
            auth.set("creds", creds);
            auth.set("keys", store.keys(s.id));
        }
        Session.Login login = s.login;
        if (creds == null && login != null && login.phone != null) {
            op.put("phone", login.phone);
        } else {
            op.putNull("phone");
        }
        op.set("options", socketOptions.deepCopy());
        bridge.send(op);
        return opened;
    }

    /** Ends the socket (the session stays saved); its close is not taken for an outage. */
    private void closeSocket(Session s) {
        if (!s.open && s.login == null) {
            return;
        }
        s.closingByUs = true;
        try {
            bridge.send(JSON.createObjectNode().put("op", "close").put("account", s.id));
        } catch (ConnectorException e) {
            s.closingByUs = false;
        }
    }

    private void forget(Session s) {
        s.loggingOut = false;
        s.creds(null);
        store.forget(s.id);
    }

    private Session openSession(String externalId) throws ConnectorException {
        Session s = sessions.get(externalId);
        if (s == null || !s.open) {
            throw new ConnectorException(ConnectorException.Kind.OFFLINE, "the WhatsApp session is not open", null);
        }
        return s;
    }

    /** Starts the bridge on first need, installing the bundled one's packages first; waits until it is ready. */
    private void ensureBridge() throws ConnectorException {
        if (bridge == null) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, String.valueOf(setup.problem()), null);
        }
        synchronized (starting) {
            if (!bridgeStarted) {
                try {
                    setup.install();
                    installProblem = null;
                } catch (IOException e) {
                    installProblem = e.getMessage();
                    throw new ConnectorException(ConnectorException.Kind.CONFIGURATION,
                            "the WhatsApp bridge could not be installed: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "interrupted", e);
                }
                bridge.start();
                bridgeStarted = true;
            }
        }
        try {
            if (!bridge.awaitReady(openWait)) {
                Bridge.Health health = bridge.health();
                throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "the WhatsApp bridge is not ready ("
                        + health.state().name().toLowerCase(java.util.Locale.ROOT)
                        + (health.lastEnd() == null ? "" : ", last ended: " + health.lastEnd()) + ")", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "interrupted", e);
        }
    }

    /**
     * Calls a socket method and waits for its answer. An answer that does not come in time, or a bridge that ends
     * meanwhile, may still have been carried out (a send may be in the chat): such failures say so.
     */
    private JsonNode call(Session s, String method, ArrayNode args) throws ConnectorException {
        try {
            return bridge.call(s.id, method, args).get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, method + " got no answer within "
                    + callTimeout.toSeconds() + " s", null, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectorException c) {
                throw c;
            }
            if (cause instanceof Bridge.BridgeCallException b) {
                ConnectorException.Kind kind = NOT_SENT.contains(b.status()) ? ConnectorException.Kind.OFFLINE
                        : b.status() >= 500 || b.status() == 408 ? ConnectorException.Kind.TRANSIENT
                        : ConnectorException.Kind.PERMANENT;
                throw new ConnectorException(kind, method + ": " + b.getMessage(), b);
            }
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, method + ": " + cause, cause, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "interrupted", e, true);
        }
    }

    private void changed(Session s) {
        Session.Login login = s.login;
        if (login != null && login.shown) {
            intake.loginChanged(key(s));
        }
    }

    private static AccountKey key(Session s) {
        return new AccountKey(Platform.WHATSAPP, s.id);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Duration millis(Config value, long otherwise) {
        return Duration.ofMillis(value.asLong().orElse(otherwise));
    }
}
