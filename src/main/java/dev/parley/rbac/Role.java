package dev.parley.rbac;

import java.util.Locale;
import java.util.Optional;

/** What an admin may do, from least to most: each role includes everything below it. */
public enum Role {
    /** Reads: search, lists, statistics. */
    VIEWER,
    /** Day-to-day operation: sending, replying, approving drafts. */
    OPERATOR,
    /** Manages accounts, channels and the roles below admin. */
    ADMIN,
    /** Everything, including granting admin and owner. */
    OWNER;

    /**
     * @param other the role required
     * @return whether this role includes {@code other}
     */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** @return the lower-case code used in the catalog, the database and commands */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a role code, any case
     * @return the role, or empty for anything else
     */
    public static Optional<Role> fromCode(String code) {
        for (Role role : values()) {
            if (role.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
