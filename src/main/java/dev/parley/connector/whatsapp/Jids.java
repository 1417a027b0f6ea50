package dev.parley.connector.whatsapp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * WhatsApp's addresses (JIDs) as Parley reads them: {@code <number>@s.whatsapp.net} for a person by phone number,
 * {@code <id>@lid} for a person by their LID, {@code <id>@g.us} for a group, a {@code :<device>} suffix on the user part
 * for one of a person's devices, and broadcasts, status updates and channels ({@code @broadcast}, {@code @newsletter})
 * that are no chat one writes to.
 */
final class Jids {
    /** The server part of a person addressed by phone number. */
    static final String PHONE = "@s.whatsapp.net";
    /** The server part of a person addressed by LID. */
    static final String LID = "@lid";
    /** The server part of a group. */
    static final String GROUP = "@g.us";
    private static final Pattern TYPED_NUMBER = Pattern.compile("\\+?[0-9][0-9 ()\\-.]{5,22}");

    private Jids() {
    }

    /** @return whether the JID is a group */
    static boolean isGroup(String jid) {
        return jid != null && jid.endsWith(GROUP);
    }

    /** @return whether the JID is a person, by phone number or by LID */
    static boolean isPerson(String jid) {
        return jid != null && (jid.endsWith(PHONE) || jid.endsWith(LID) || jid.endsWith("@c.us"));
    }

    /** @return whether the JID is a LID */
    static boolean isLid(String jid) {
        return jid != null && jid.endsWith(LID);
    }

    /**
     * @param jid a JID, possibly naming one device ({@code 8613800138000:12@s.whatsapp.net}) or in the old
     *            {@code @c.us} spelling
     * @return the person or group it names, without the device; {@code null} for {@code null} or blank
     */
    static String bare(String jid) {
        if (jid == null || jid.isBlank()) {
            return null;
        }
        int at = jid.indexOf('@');
        if (at < 0) {
            return jid;
        }
        String user = jid.substring(0, at);
        String server = jid.substring(at);
        int device = user.indexOf(':');
        if (device >= 0) {
            user = user.substring(0, device);
        }
        if (server.equals("@c.us")) {
            server = PHONE;
        }
        return user + server;
    }

    /**
     * @param jid a JID
     * @return its user part (a phone number's digits for a phone JID), without the device
     */
    static String user(String jid) {
        String bare = bare(jid);
        int at = bare == null ? -1 : bare.indexOf('@');
        return at < 0 ? bare : bare.substring(0, at);
    }

    /**
     * @param typed what someone typed for a person: {@code +86 138 0013 8000}, {@code 8613800138000}
     * @return the phone JID, when it reads as an international number (7 to 15 digits)
     */
    static Optional<String> fromPhone(String typed) {
        if (typed == null || !TYPED_NUMBER.matcher(typed.strip()).matches()) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[^0-9]", "");
        return digits.length() < 7 || digits.length() > 15 ? Optional.empty() : Optional.of(digits + PHONE);
    }
}
