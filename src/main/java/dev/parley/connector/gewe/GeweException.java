package dev.parley.connector.gewe;

import java.util.Locale;

/**
 * A GeWe API call that did not succeed, sorted into a {@link Kind} so callers can decide what to do
 * without reading Chinese error strings: retry later, mark the account offline, ask for a new token,
 * or give up. It carries what GeWe said ({@code ret}, {@code msg}, the nested {@code data.code} and
 * {@code data.msg}) and the API path; never the token.
 */
public final class GeweException extends Exception {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /**
         * The WeChat account is offline ({@code data.msg} {@code 微信已离线}; also {@code 不在线} and
         * {@code 未登录}): pause its sends, try {@code reconnection}, then log in again.
         */
        OFFLINE,
        /** The {@code X-GEWE-TOKEN} is missing, unknown or expired: a configuration problem. */
        TOKEN,
        /** {@code getLoginQrCode} for a device that is still logged in ({@code 微信已登录，请勿重复登录。}). */
        ALREADY_LOGGED_IN,
        /** A quota of the token is reached, e.g. {@code 已达到最大客户端数量} (devices per token). */
        LIMIT,
        /**
         * Worth retrying later: HTTP 5xx, 408 or 429, a timeout, a refused or broken connection, a reply
         * that is not a GeWe envelope. For a send, the request may still have reached GeWe.
         */
        TRANSIENT,
        /** GeWe refused the request ({@code ret} other than 200 for another reason): retrying will not help. */
        PERMANENT
    }

    private static final int MAX_TEXT_LENGTH = 160;

    private final Kind kind;
    private final String path;
    private final int httpStatus;
    private final Integer ret;
    private final String msg;
    private final String dataCode;
    private final String dataMsg;

    private GeweException(Kind kind, String path, int httpStatus, Integer ret, String msg, String dataCode,
                          String dataMsg, String detail, Throwable cause) {
        super(describe(kind, path, detail), cause);
        this.kind = kind;
        this.path = path;
        this.httpStatus = httpStatus;
        this.ret = ret;
        this.msg = msg;
        this.dataCode = dataCode;
        this.dataMsg = dataMsg;
    }

    /**
     * Sorts an error envelope ({@code ret} other than 200) by what {@code msg} and {@code data.msg} say.
     * The token check wins over everything else, then the account state ({@code 已登录}, then
     * {@code 离线}/{@code 不在线}/{@code 未登录}), then the client quota.
     *
     * @param path     the API path, e.g. {@code /message/postText}
     * @param ret      the envelope's {@code ret}
     * @param msg      its {@code msg}, or {@code null}
     * @param dataCode its {@code data.code}, or {@code null}
     * @param dataMsg  its {@code data.msg}, or {@code null}
     * @return the error
     */
    static GeweException reply(String path, int ret, String msg, String dataCode, String dataMsg) {
        String safeMsg = clean(msg);
        String safeDataMsg = clean(dataMsg);
        String safeDataCode = clean(dataCode);
        String said = (safeMsg == null ? "" : safeMsg) + " " + (safeDataMsg == null ? "" : safeDataMsg);
        Kind kind;
        if (said.contains("X-GEWE-TOKEN") || said.contains("不可用或已过期")) {
            kind = Kind.TOKEN;
        } else if (said.contains("已登录")) {
            kind = Kind.ALREADY_LOGGED_IN;
        } else if (said.contains("离线") || said.contains("不在线") || said.contains("未登录")) {
            kind = Kind.OFFLINE;
        } else if (said.contains("最大客户端数量")) {
            kind = Kind.LIMIT;
        } else {
            kind = Kind.PERMANENT;
        }
        StringBuilder detail = new StringBuilder("ret=").append(ret);
        if (safeMsg != null) {
            detail.append(" msg=").append(safeMsg);
        }
        if (safeDataCode != null) {
            detail.append(" data.code=").append(safeDataCode);
        }
        if (safeDataMsg != null) {
            detail.append(" data.msg=").append(safeDataMsg);
        }
        return new GeweException(kind, path, 0, ret, safeMsg, safeDataCode, safeDataMsg, detail.toString(), null);
    }

    /**
     * @param path   the API path
     * @param status an HTTP status other than 2xx
     * @return a transient error for 5xx, 408 and 429; a permanent one otherwise (a wrong base URL)
     */
    static GeweException httpStatus(String path, int status) {
        Kind kind = status >= 500 || status == 408 || status == 429 ? Kind.TRANSIENT : Kind.PERMANENT;
        return new GeweException(kind, path, status, null, null, null, null, "HTTP " + status, null);
    }

    /**
     * @param path   the API path
     * @param status the HTTP status of the reply
     * @param detail what is wrong with the body, in a few English words
     * @return a transient error for a reply that is not a usable GeWe envelope
     */
    static GeweException malformed(String path, int status, String detail) {
        return new GeweException(Kind.TRANSIENT, path, status, null, null, null, null,
                "malformed reply: " + clean(detail), null);
    }

    /**
     * @param path   the API path
     * @param detail what happened, e.g. {@code timed out after PT30S}
     * @param cause  the I/O error, or {@code null}
     * @return a transient error for a call that got no reply
     */
    static GeweException noReply(String path, String detail, Throwable cause) {
        return new GeweException(Kind.TRANSIENT, path, 0, null, null, null, null, detail, cause);
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    /** @return whether the same call may succeed later without anyone changing anything */
    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    /** @return the API path, e.g. {@code /contacts/fetchContactsList} */
    public String path() {
        return path;
    }

    /** @return the HTTP status when it was the problem or the body was unusable; 0 otherwise */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the envelope's {@code ret}, or {@code null} when there was no envelope */
    public Integer ret() {
        return ret;
    }

    /** @return the envelope's {@code msg}, or {@code null} */
    public String msg() {
        return msg;
    }

    /** @return the envelope's {@code data.code}, e.g. {@code -1}, or {@code null} */
    public String dataCode() {
        return dataCode;
    }

    /** @return the envelope's {@code data.msg}, e.g. {@code 微信已离线}, or {@code null} */
    public String dataMsg() {
        return dataMsg;
    }

    private static String describe(Kind kind, String path, String detail) {
        return "GeWe " + path + " failed (" + kind.name().toLowerCase(Locale.ROOT) + "): " + detail;
    }

    /** Server text made safe for a log line: one line, bounded; {@code null} when blank. */
    private static String clean(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return GeweCallbackParser.oneLine(text.strip(), MAX_TEXT_LENGTH);
    }
}
