package dev.parley.account;

/**
 * A managed account as stored.
 *
 * @param id            row id
 * @param platform      platform
 * @param externalId    the provider's id (GeWe appId)
 * @param selfId        the account's own user id (wxid), if known
 * @param label         the name admins gave it, if any
 * @param nickname      its display name on the platform, if known
 * @param status        login state
 * @param messageCount  messages stored for it
 * @param lastMessageAt newest message time (epoch ms), or {@code null}
 * @param createdAt     when Parley first saw it (epoch ms)
 */
public record Account(long id, Platform platform, String externalId, String selfId, String label, String nickname,
                      AccountStatus status, long messageCount, Long lastMessageAt, long createdAt) {

    /** @return the best short name for humans: label, nickname, own id, provider id */
    public String displayName() {
        if (label != null && !label.isBlank()) {
            return label;
        }
        if (nickname != null && !nickname.isBlank()) {
            return nickname;
        }
        return selfId != null && !selfId.isBlank() ? selfId : externalId;
    }
}
