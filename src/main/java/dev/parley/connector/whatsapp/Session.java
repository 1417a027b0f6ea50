package dev.parley.connector.whatsapp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Parley knows about one WhatsApp session while it runs: whether it should be open and is, whether a phone linked
 * it, the account's own ids (from the credentials), the login an admin is being shown, and the names and group lists
 * the session has told of. The credentials themselves are merged here from each {@code creds.update} (Baileys reports
 * only what changed) and saved by the {@link SessionStore}.
 */
final class Session {
    final String id;
    final People people;
    final MessageMapper mapper;
    /** Display names of people and groups the session told of (contacts, push names, group subjects). */
    final Map<String, String> names = new ConcurrentHashMap<>();
    /** People the session knows as contacts (its address book, as WhatsApp synced it). */
    final Map<String, Boolean> contacts = new ConcurrentHashMap<>();
    /** Group metadata from the latest {@code groupFetchAllParticipating}, with when it was read. */
    volatile Map<String, JsonNode> groups = Map.of();
    volatile long groupsAt;

    /** Whether Parley wants the socket open (opened and not closed, logged out or lost). */
    volatile boolean wanted;
    /** Whether the socket is open now. */
    volatile boolean open;
    /** Whether the socket's next close is one Parley asked for (close, logout, reopen). */
    volatile boolean closingByUs;
    /** Whether that close is a logout: the session is forgotten. */
    volatile boolean loggingOut;
    /** Completes when the socket opens; replaced at each open. */
    volatile CompletableFuture<Void> opened = new CompletableFuture<>();
    /** The login being shown to an admin, or {@code null}. */
    volatile Login login;

    private ObjectNode creds;

    Session(String id, People people) {
        this.id = id;
        this.people = people;
        this.mapper = new MessageMapper(id);
    }

    /** @return the credentials to open the socket with, or {@code null} for a new link */
    synchronized ObjectNode creds() {
        return creds == null ? null : creds.deepCopy();
    }

    /** @param saved the credentials as last saved, or {@code null} */
    synchronized void creds(ObjectNode saved) {
        creds = saved;
    }

    /**
     * Merges a {@code creds.update} as Baileys does ({@code Object.assign(creds, update)}).
     *
     * @param update what changed
     * @return the whole credentials now
     */
    synchronized ObjectNode merge(JsonNode update) {
        if (creds == null) {
            creds = update.isObject() ? ((ObjectNode) update).deepCopy() : null;
        } else if (update.isObject()) {
            creds.setAll((ObjectNode) update);
        }
        return creds == null ? null : creds.deepCopy();
    }

    /** @return whether a phone linked this session */
    synchronized boolean registered() {
        return creds != null && (creds.path("registered").asBoolean(false) || creds.path("me").hasNonNull("id"));
    }

    /** @return the account's own phone JID, from the credentials */
    synchronized String selfPhone() {
        return creds == null ? null : Jids.bare(creds.path("me").path("id").asText(null));
    }

    /** @return the account's own LID, from the credentials */
    synchronized String selfLid() {
        return creds == null ? null : Jids.bare(creds.path("me").path("lid").asText(null));
    }

    /** @return the account's name on WhatsApp, from the credentials */
    synchronized Optional<String> selfName() {
        return creds == null ? Optional.empty() : Optional.ofNullable(creds.path("me").path("name").asText(null))
                .filter(n -> !n.isBlank());
    }

    /** @return the account's own ids, for telling its own joins and removals apart */
    GroupMapper.Self self() {
        return new GroupMapper.Self(selfPhone(), selfLid());
    }

    /** A login being shown: the latest QR or pairing code, and how far the phone got. */
    static final class Login {
        /** Completes with the first code to show, or exceptionally when the socket closed first. */
        final CompletableFuture<Void> first = new CompletableFuture<>();
        /** The phone number of a pairing-code login, or {@code null} for a QR login. */
        final String phone;
        volatile String qr;
        volatile int qrs;
        volatile String pairingCode;
        volatile boolean pairingAsked;
        volatile boolean scanned;
        volatile boolean expired;
        volatile String failure;
        /** Whether an admin sees it (the login was handed out): from then on its changes are announced. */
        volatile boolean shown;

        Login(String phone) {
            this.phone = phone;
        }
    }
}
