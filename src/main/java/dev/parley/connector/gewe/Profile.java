package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The logged-in account's own profile ({@code /personal/getProfile}); the way to learn its wxid when
 * the login did not report it. Every field may be {@code null}.
 *
 * @param wxid            the account's wxid
 * @param nickName        its nickname
 * @param alias           its WeChat ID ({@code 微信号})
 * @param mobile          the bound phone number
 * @param uin             WeChat's numeric user id, as exact digits
 * @param sex             0 unknown, 1 male, 2 female
 * @param province        the province in the profile
 * @param city            the city in the profile
 * @param signature       the "what's up" line
 * @param country         the country code in the profile
 * @param bigHeadImgUrl   the avatar, large
 * @param smallHeadImgUrl the avatar, small
 * @param regCountry      the country of registration
 * @param snsBgImg        the Moments cover image
 */
public record Profile(String wxid, String nickName, String alias, String mobile, String uin, Integer sex,
                      String province, String city, String signature, String country, String bigHeadImgUrl,
                      String smallHeadImgUrl, String regCountry, String snsBgImg) {

    static Profile of(JsonNode data) {
        return new Profile(GeweReplies.text(data, "wxid"), GeweReplies.text(data, "nickName"),
                GeweReplies.text(data, "alias"), GeweReplies.text(data, "mobile"), GeweReplies.id(data, "uin"),
                GeweReplies.integer(data, "sex"), GeweReplies.text(data, "province"), GeweReplies.text(data, "city"),
                GeweReplies.text(data, "signature"), GeweReplies.text(data, "country"),
                GeweReplies.text(data, "bigHeadImgUrl"), GeweReplies.text(data, "smallHeadImgUrl"),
                GeweReplies.text(data, "regCountry"), GeweReplies.text(data, "snsBgImg"));
    }
}
