package dev.parley.connector.whatsapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import dev.parley.config.Sealer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Where WhatsApp sessions outlive the bridge and Parley: each session's Baileys credentials and signal keys, sealed
 * ({@link Sealer}, bound to the session and the key), and the LIDs learnt to be phone numbers. The bridge keeps the
 * live copy in memory and reports every change ({@code creds.update}, {@code keys.set}); this store writes each change
 * before the next event of the session is handled, and gives the whole state back when a session is opened again.
 */
final class SessionStore {
    private static final Logger LOG = Logger.getLogger(SessionStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Sealer sealer;
    private final InstantSource clock;

    SessionStore(Jdbi jdbi, Sealer sealer, InstantSource clock) {
        this.jdbi = jdbi;
        this.sealer = sealer;
        this.clock = clock;
    }

    /**
     * @param session a session id
     * @return its saved credentials, when there are any that can be opened
     */
    Optional<ObjectNode> creds(String session) {
        Optional<String> sealed = jdbi.withHandle(h -> h.createQuery(
                        "SELECT creds FROM whatsapp_sessions WHERE external_id = :session")
                .bind("session", session).mapTo(String.class).findOne());
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode creds = JSON.readTree(sealer.openText(sealed.get(), credsPurpose(session)));
            return creds.isObject() ? Optional.of((ObjectNode) creds) : Optional.empty();
        } catch (Sealer.SealException e) {
            LOG.warning("the saved WhatsApp session " + session + " cannot be opened (" + e.getMessage()
                    + "; was PARLEY_SECRET_KEY changed?); it must be linked again");
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param session    a session id
     * @param creds      its whole credentials now
     * @param registered whether a phone linked it
     */
    void saveCreds(String session, ObjectNode creds, boolean registered) {
        String sealed = sealer.seal(creds.toString(), credsPurpose(session));
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO whatsapp_sessions (external_id, creds, registered, updated_at)
                        VALUES (:session, :creds, :registered, :now)
                        ON DUPLICATE KEY UPDATE creds = VALUES(creds), registered = VALUES(registered),
                          updated_at = VALUES(updated_at)""")
                .bind("session", session).bind("creds", sealed).bind("registered", registered)
                .bind("now", clock.millis()).execute());
    }

    /**
     * @param session a session id
     * @return its signal keys as the bridge's {@code open} takes them: {@code {"<type>": {"<id>": value}}}
     */
    ObjectNode keys(String session) {
        ObjectNode keys = JSON.createObjectNode();
        jdbi.useHandle(h -> h.createQuery("SELECT key_type, key_id, value FROM whatsapp_keys WHERE external_id = :session")
                .bind("session", session)
                .map((rs, ctx) -> {
                    String type = rs.getString(1);
                    String id = rs.getString(2);
                    try {
                        JsonNode value = JSON.readTree(sealer.openText(rs.getString(3), keyPurpose(session, type, id)));
                        keys.withObject(type).set(id, value);
                    } catch (Sealer.SealException e) {
                        LOG.warning("a signal key of WhatsApp session " + session + " cannot be opened; skipped");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }).list());
        return keys;
    }

    /**
     * Applies a {@code keys.set}: each value is stored, each {@code null} deleted, in one transaction.
     *
     * @param session a session id
     * @param changes {@code {"<type>": {"<id>": value or null}}}
     */
    void applyKeys(String session, JsonNode changes) {
        jdbi.useTransaction(h -> {
            PreparedBatch upserts = h.prepareBatch("""
                    INSERT INTO whatsapp_keys (external_id, key_type, key_id, value) VALUES (:session, :type, :id, :value)
                    ON DUPLICATE KEY UPDATE value = VALUES(value)""");
            PreparedBatch deletes = h.prepareBatch(
                    "DELETE FROM whatsapp_keys WHERE external_id = :session AND key_type = :type AND key_id = :id");
            for (Map.Entry<String, JsonNode> type : changes.properties()) {
                for (Map.Entry<String, JsonNode> key : type.getValue().properties()) {
                    if (key.getValue() == null || key.getValue().isNull()) {
                        deletes.bind("session", session).bind("type", type.getKey()).bind("id", key.getKey()).add();
                    } else {
                        upserts.bind("session", session).bind("type", type.getKey()).bind("id", key.getKey())
                                .bind("value", sealer.seal(key.getValue().toString(),
                                        keyPurpose(session, type.getKey(), key.getKey()))).add();
                    }
                }
            }
            if (upserts.size() > 0) {
                upserts.execute();
            }
            if (deletes.size() > 0) {
                deletes.execute();
            }
        });
    }

    /**
     * Forgets a session: a new login of it starts from nothing (a new linked device).
     *
     * @param session a session id
     */
    void forget(String session) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM whatsapp_keys WHERE external_id = :session").bind("session", session).execute();
            h.createUpdate("DELETE FROM whatsapp_sessions WHERE external_id = :session").bind("session", session)
                    .execute();
        });
    }

    /**
     * @param session a session id
     * @return the LIDs learnt to be phone numbers, LID → phone JID
     */
    Map<String, String> lids(String session) {
        return jdbi.withHandle(h -> h.createQuery("SELECT lid, pn FROM whatsapp_lids WHERE external_id = :session")
                .bind("session", session)
                .reduceRows(new java.util.HashMap<String, String>(), (map, row) -> {
                    map.put(row.getColumn("lid", String.class), row.getColumn("pn", String.class));
                    return map;
                }));
    }

    /**
     * @param session a session id
     * @param learnt  LID → phone JID pairs, new or changed
     */
    void saveLids(String session, Map<String, String> learnt) {
        if (learnt.isEmpty()) {
            return;
        }
        long now = clock.millis();
        jdbi.useHandle(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO whatsapp_lids (external_id, lid, pn, learnt_at) VALUES (:session, :lid, :pn, :now)
                    ON DUPLICATE KEY UPDATE pn = VALUES(pn), learnt_at = VALUES(learnt_at)""");
            learnt.forEach((lid, pn) -> batch.bind("session", session).bind("lid", lid).bind("pn", pn)
                    .bind("now", now).add());
            batch.execute();
        });
    }

    /** @return the sessions a phone linked, to open again at start */
    List<String> registered() {
        return jdbi.withHandle(h -> h.createQuery("SELECT external_id FROM whatsapp_sessions WHERE registered = 1")
                .mapTo(String.class).list());
    }

    private static String credsPurpose(String session) {
        return "whatsapp-creds:" + session;
    }

    private static String keyPurpose(String session, String type, String id) {
        return "whatsapp-key:" + session + ":" + type + ":" + id;
    }
}
