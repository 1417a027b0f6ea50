package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer of {@code /login/checkLogin}, polled every 5 s after showing a QR code. A QR code is
 * valid for about 150 s; GeWe reports the seconds left in {@code expiredTime} and stops reporting them
 * once it has expired, so a missing or non-positive {@code expiredTime} before login means "expired:
 * get a new QR code".
 *
 * @param uuid        the QR's id, echoed
 * @param status      0 not scanned, 1 scanned and waiting for the phone's confirmation, 2 logged in
 * @param nickName    the scanning account's nickname, once scanned; else {@code null}
 * @param headImgUrl  its avatar, once scanned; else {@code null}
 * @param expiredTime seconds the QR code stays valid, or {@code null} when GeWe no longer says
 * @param loginInfo   the logged-in account, once {@code status} is 2; else {@code null}
 */
public record LoginStatus(String uuid, int status, String nickName, String headImgUrl, Integer expiredTime,
                          LoginInfo loginInfo) {

    /** Not scanned yet. */
    public static final int WAITING = 0;
    /** Scanned; waiting for the confirmation on the phone. */
    public static final int SCANNED = 1;
    /** Logged in. */
    public static final int LOGGED_IN = 2;

    /**
     * @param data the reply's {@code data}; {@code null} reads as "not scanned, expired"
     * @return the status
     */
    static LoginStatus of(JsonNode data) {
        Integer status = GeweReplies.integer(data, "status");
        JsonNode info = JsonFields.field(data, "loginInfo");
        return new LoginStatus(GeweReplies.text(data, "uuid"), status == null ? WAITING : status,
                GeweReplies.text(data, "nickName"), GeweReplies.text(data, "headImgUrl"),
                GeweReplies.integer(data, "expiredTime"),
                info != null && info.isObject() ? LoginInfo.of(info) : null);
    }

    /** @return whether the login is done: status 2 with the account's wxid */
    public boolean loggedIn() {
        return status == LOGGED_IN && loginInfo != null && loginInfo.wxid() != null;
    }

    /** @return whether the QR code has been scanned but not yet confirmed */
    public boolean scanned() {
        return status == SCANNED && !expired();
    }

    /** @return whether the QR code expired before the login completed: a new one is needed */
    public boolean expired() {
        return !loggedIn() && (expiredTime == null || expiredTime <= 0);
    }
}
