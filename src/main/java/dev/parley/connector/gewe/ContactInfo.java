package dev.parley.connector.gewe;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A friend's or a group's profile from {@code /contacts/getBriefInfo} or {@code getDetailInfo}. Every
 * field but {@code userName} may be {@code null}. GeWe also sends {@code snsBgImg}, {@code description},
 * {@code cardImgUrl}, {@code labelList} and {@code phoneNumList}; Parley has no use for them.
 *
 * @param userName        the wxid or {@code …@chatroom} id
 * @param nickName        the nickname or group name
 * @param pyInitial       the nickname's pinyin initials
 * @param quanPin         the nickname's full pinyin
 * @param sex             0 unknown, 1 male, 2 female
 * @param remark          the name the account gave the contact
 * @param remarkPyInitial the remark's pinyin initials
 * @param remarkQuanPin   the remark's full pinyin
 * @param signature       the "what's up" line
 * @param alias           the WeChat ID ({@code 微信号})
 * @param country         the country code
 * @param province        the province
 * @param city            the city
 * @param bigHeadImgUrl   the avatar, large
 * @param smallHeadImgUrl the avatar, small
 */
public record ContactInfo(String userName, String nickName, String pyInitial, String quanPin, Integer sex,
                          String remark, String remarkPyInitial, String remarkQuanPin, String signature,
                          String alias, String country, String province, String city, String bigHeadImgUrl,
                          String smallHeadImgUrl) {

    /**
     * @param data the reply's {@code data}: an array of profiles
     * @return the profiles that name a contact, in the order GeWe sent them
     */
    static List<ContactInfo> listOf(JsonNode data) {
        return GeweReplies.objects(data).stream()
                .map(ContactInfo::of)
                .filter(info -> info.userName() != null)
                .toList();
    }

    private static ContactInfo of(JsonNode c) {
        return new ContactInfo(GeweReplies.text(c, "userName"), GeweReplies.text(c, "nickName"),
                GeweReplies.text(c, "pyInitial"), GeweReplies.text(c, "quanPin"), GeweReplies.integer(c, "sex"),
                GeweReplies.text(c, "remark"), GeweReplies.text(c, "remarkPyInitial"),
                GeweReplies.text(c, "remarkQuanPin"), GeweReplies.text(c, "signature"), GeweReplies.text(c, "alias"),
                GeweReplies.text(c, "country"), GeweReplies.text(c, "province"), GeweReplies.text(c, "city"),
                GeweReplies.text(c, "bigHeadImgUrl"), GeweReplies.text(c, "smallHeadImgUrl"));
    }
}
