package dev.parley.connector;

/**
 * What the platform says about a contact or a group.
 *
 * @param id       user or group id
 * @param nickname their own name
 * @param remark   the name the account gave them, or {@code null}
 * @param alias    their public alias (WeChat id), or {@code null}
 */
public record ContactProfile(String id, String nickname, String remark, String alias) {
}
