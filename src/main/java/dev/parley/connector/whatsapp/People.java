package dev.parley.connector.whatsapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session's knowledge of who is who: WhatsApp addresses a person by phone number ({@code …@s.whatsapp.net}) or
 * by LID ({@code …@lid}), and its events often carry both ({@code participantAlt}, {@code remoteJidAlt}, a participant's
 * {@code phoneNumber}). Every pair seen is learnt (and kept by the {@link SessionStore}), so a person reads as the same
 * id — their phone JID when it is known, else their LID — whichever way an event addresses them.
 */
final class People {
    private final String session;
    private final SessionStore store;
    private final Map<String, String> phoneOfLid = new ConcurrentHashMap<>();

    private People(String session, SessionStore store) {
        this.session = session;
        this.store = store;
    }

    /**
     * @param session the session
     * @param store   where pairs are kept
     * @return the session's people, with the pairs learnt before
     */
    static People load(String session, SessionStore store) {
        People people = new People(session, store);
        people.phoneOfLid.putAll(store.lids(session));
        return people;
    }

    /**
     * @param jid one address of a person or group (any device), or {@code null}
     * @param alt the other address of the same person when the event carries it, or {@code null}
     * @return the one id Parley keeps the person under: the phone JID when known, else the LID; groups and others as
     *     they are (without a device); {@code null} when {@code jid} is {@code null}
     */
    String id(String jid, String alt) {
        String bare = Jids.bare(jid);
        String other = Jids.bare(alt);
        if (bare == null) {
            return other;
        }
        if (Jids.isLid(bare)) {
            if (other != null && other.endsWith(Jids.PHONE)) {
                learn(bare, other);
                return other;
            }
            return phoneOfLid.getOrDefault(bare, bare);
        }
        if (bare.endsWith(Jids.PHONE) && Jids.isLid(other)) {
            learn(other, bare);
        }
        return bare;
    }

    /**
     * @param lid   a LID
     * @param phone the phone JID it belongs to
     */
    void learn(String lid, String phone) {
        String l = Jids.bare(lid);
        String p = Jids.bare(phone);
        if (l == null || p == null || !Jids.isLid(l) || !p.endsWith(Jids.PHONE)) {
            return;
        }
        if (!p.equals(phoneOfLid.put(l, p))) {
            store.saveLids(session, Map.of(l, p));
        }
    }
}
