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
 * @param onlineSince   when it last came online (epoch ms), or {@code null}
 * @param loginRegion   the region it logs in from, or {@code null}
 * @param loginProxy    the proxy it logs in through (may hold credentials: never log or show), or {@code null}
 */
public record Account(long id, Platform platform, String externalId, String selfId, String label, String nickname,
                      AccountStatus status, long messageCount, Long lastMessageAt, long createdAt, Long onlineSince,
                      String loginRegion, String loginProxy) {

    /** Leaves the proxy out: it may hold credentials, and records end up in logs. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", platform=" + platform.code() + ", externalId=" + externalId + ", selfId=" + selfId
                + ", label=" + label + ", status=" + status.code() + (loginProxy == null ? "" : ", proxy=(set)") + "]";
    }

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
