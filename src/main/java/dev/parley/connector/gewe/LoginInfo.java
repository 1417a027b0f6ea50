package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The account a completed login is for ({@code checkLogin}'s {@code loginInfo}). Save the
 * appId ↔ wxid pair: later calls and re-logins need it.
 *
 * @param wxid     the account's wxid
 * @param nickName its nickname, or {@code null}
 * @param mobile   the bound phone number, or {@code null}
 * @param alias    the WeChat ID chosen by the user ({@code 微信号}), or {@code null}
 * @param uin      WeChat's numeric user id, as exact digits, or {@code null}
 */
public record LoginInfo(String wxid, String nickName, String mobile, String alias, String uin) {

    static LoginInfo of(JsonNode info) {
        return new LoginInfo(GeweReplies.text(info, "wxid"), GeweReplies.text(info, "nickName"),
                GeweReplies.text(info, "mobile"), GeweReplies.text(info, "alias"), GeweReplies.id(info, "uin"));
    }
}
