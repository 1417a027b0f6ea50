package dev.parley.directory;

import java.util.Locale;

/** The kinds of rows in {@code group_events}, stored by their lower-case code. */
public enum EventKind {
    /** Someone joined: invited, by QR code, or found in the member list. */
    JOIN,
    /** Someone left on their own (announced, or found by comparing member lists where nothing is announced). */
    LEAVE,
    /** Someone was removed by the actor. */
    KICK,
    /** The managed account itself was removed from the group, or lost it. */
    REMOVED,
    /** The managed account itself was invited into the group. */
    INVITED,
    /** The group got a new name. */
    RENAME,
    /** The actor became the owner. */
    OWNER,
    /** The owner dismissed the group. */
    DISMISS,
    /** The actor made the member an admin. */
    PROMOTE,
    /** The actor took the member's admin rights away. */
    DEMOTE;

    /** @return the code stored in {@code group_events.kind} */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a stored code
     * @return the kind
     */
    public static EventKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
