package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.NoticeWording.Actor.ACCOUNT;
import static dev.parley.connector.gewe.NoticeWording.Actor.NAMED;
import static dev.parley.connector.gewe.NoticeWording.Actor.UNNAMED;
import static dev.parley.contact.GroupChange.Kind.DISMISSED;
import static dev.parley.contact.GroupChange.Kind.INVITED;
import static dev.parley.contact.GroupChange.Kind.JOIN_INVITED;
import static dev.parley.contact.GroupChange.Kind.JOIN_QR;
import static dev.parley.contact.GroupChange.Kind.KICK;
import static dev.parley.contact.GroupChange.Kind.OWNER;
import static dev.parley.contact.GroupChange.Kind.REMOVED;
import static dev.parley.contact.GroupChange.Kind.RENAME;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.parley.connector.gewe.NoticeWording.Actor;
import dev.parley.connector.gewe.NoticeWording.People;
import dev.parley.connector.gewe.NoticeWording.Slot;
import dev.parley.contact.GroupChange.Kind;
import dev.parley.contact.GroupChange.Member;

/**
 * Recognises the group changes that WeChat system messages announce (§3.6 of {@code reference/gewe.md}),
 * so Parley can keep exact membership history rather than only readable text. The same table of
 * wordings reads the three forms a notice comes in: plain text (MsgType 10000, names only), a
 * {@code sysmsgtemplate} (10002, whose links carry member ids) and the {@code delchatroommember} notice
 * of the account's own invitations (10002, ids in a member list).
 */
final class GroupNotices {

    /**
     * Tried in order; the first wording that matches the whole sentence decides. The account's own
     * wordings come before the named ones, which would otherwise read 你/You as a name, and more specific
     * wordings come before the general ones they overlap.
     */
    private static final List<NoticeWording> WORDINGS = List.of(
            // Joins the account brought about.
            zh(ACCOUNT, "你邀请{members}加入了群聊", JOIN_INVITED),
            en(ACCOUNT, "You invited {members} to the group chat", JOIN_INVITED),
            en(ACCOUNT, "You've invited {members} to the group chat", JOIN_INVITED),
            zh(ACCOUNT, "{members}通过扫描你分享的二维码加入群聊", JOIN_QR),
            zh(ACCOUNT, "{members}通过扫描你分享的二维码加入了群聊", JOIN_QR),
            en(ACCOUNT, "{members} joined the group chat via your shared QR Code", JOIN_QR),
            en(ACCOUNT, "{members} joined group chat via the QR code you shared", JOIN_QR),
            // The account itself joined.
            zh(NAMED, "{actor}邀请你和{members}加入了群聊", INVITED, JOIN_INVITED),
            en(NAMED, "{actor} invited you and {members} to the group chat", INVITED, JOIN_INVITED),
            zh(NAMED, "{actor}邀请你加入了群聊，群聊参与人还有：{others}", INVITED),
            zh(NAMED, "{actor}邀请你加入了群聊", INVITED),
            en(NAMED, "{actor} invited you to a group chat with {others}", INVITED),
            en(NAMED, "{actor} invited you to this group chat", INVITED),
            zh(NAMED, "你通过扫描{actor}分享的二维码加入群聊", INVITED),
            zh(UNNAMED, "你通过扫描二维码加入群聊，群聊参与人还有：{others}", INVITED),
            zh(UNNAMED, "你加入了群聊，群聊参与人还有：{others}", INVITED),
            zh(UNNAMED, "你加入了群聊", INVITED),
            en(UNNAMED, "You've joined this group chat. Other participants are: {others}", INVITED),
            en(UNNAMED, "You've joined the group chat via QR Code. {others}", INVITED),
            // Others joined.
            zh(NAMED, "{members}通过扫描{actor}分享的二维码加入群聊", JOIN_QR),
            zh(NAMED, "{members}通过扫描{actor}分享的二维码加入了群聊", JOIN_QR),
            zh(NAMED, "{members}通过{actor}的邀请二维码加入群聊", JOIN_QR),
            en(NAMED, "{members} joined the group chat via the QR Code shared by {actor}", JOIN_QR),
            zh(NAMED, "{actor}邀请{members}加入了群聊", JOIN_INVITED),
            en(NAMED, "{actor} invited {members} to the group chat", JOIN_INVITED),
            // Only the quoted form: "{members}加入了群聊" would swallow any unknown wording that ends alike.
            zh(UNNAMED, "\"{members}\"加入了群聊", JOIN_INVITED),
            // Removals.
            zh(ACCOUNT, "你将{members}移出了群聊", KICK),
            en(ACCOUNT, "You removed {members} from the group chat", KICK),
            zh(NAMED, "你被{actor}移出群聊", REMOVED),
            en(NAMED, "You were removed from the group chat by {actor}", REMOVED),
            zh(NAMED, "{actor}将{members}移出了群聊", KICK),
            en(NAMED, "{actor} removed {members} from the group chat", KICK),
            // Renames.
            zh(ACCOUNT, "你修改群名为{newName}", RENAME),
            en(ACCOUNT, "You changed the group name to {newName}", RENAME),
            zh(NAMED, "{actor}修改群名为{newName}", RENAME),
            en(NAMED, "{actor} changed the group name to {newName}", RENAME),
            // Owners.
            zh(ACCOUNT, "你已成为新群主", OWNER),
            en(ACCOUNT, "You are now the group owner", OWNER),
            zh(NAMED, "{actor}已成为新群主", OWNER),
            en(NAMED, "{actor} is now the group owner", OWNER),
            // Dismissals.
            zh(NAMED, "群主{actor}已解散该群聊", DISMISSED),
            en(NAMED, "Group owner {actor} dismissed the group chat", DISMISSED),
            en(NAMED, "The group owner {actor} dismissed the group chat", DISMISSED));

    private GroupNotices() {
    }

    /**
     * @param text a plain-text notice (MsgType 10000), e.g. {@code "刘贺"邀请"张三、李四"加入了群聊}
     * @return the changes it announces, members by name only; empty when it announces none
     */
    static List<AnnouncedChange> fromText(String text) {
        return read(text, People.NAMES);
    }

    /**
     * Reads the template of a {@code sysmsgtemplate}, e.g. {@code "$username$"邀请"$names$"加入了群聊},
     * taking the people of each {@code $placeholder$} from the link of that name, ids included. When a
     * placeholder the change needs has no link, the template's {@code <plain>} sentence is read instead.
     *
     * @param contentTemplate the {@code <content_template>} element
     * @return the changes it announces; empty when it announces none
     */
    static List<AnnouncedChange> fromTemplate(XmlElement contentTemplate) {
        Map<String, XmlElement> links = new HashMap<>();
        List<String> hiddenPlaceholders = new ArrayList<>();
        for (XmlElement link : contentTemplate.path("link_list").children("link")) {
            if (link.attribute("hidden").equals("1")) {
                hiddenPlaceholders.add("$" + link.attribute("name") + "$");
            } else {
                links.putIfAbsent(link.attribute("name"), link);
            }
        }
        People linked = (slot, text, language) -> {
            String placeholder = placeholder(text);
            if (placeholder == null) {
                return People.NAMES.in(slot, text, language);
            }
            XmlElement link = links.get(placeholder);
            return link == null ? List.of() : linkedPeople(link);
        };
        for (String element : List.of("template", "plain")) {
            String sentence = contentTemplate.child(element).text();
            for (String hidden : hiddenPlaceholders) {
                sentence = sentence.replace(hidden, "");
            }
            List<AnnouncedChange> changes = read(sentence, linked);
            if (!changes.isEmpty()) {
                return changes;
            }
        }
        return List.of();
    }

    /**
     * Reads the notice of members the account invited or let in with its QR code, e.g.
     * {@code <plain>你邀请"甲、乙"加入了群聊</plain>} with {@code <memberlist>} holding their ids. Names and
     * ids are paired in order when their counts agree; otherwise the ids alone are kept.
     *
     * @param delchatroommember the {@code <delchatroommember>} element
     * @return the changes it announces; empty when it announces none
     */
    static List<AnnouncedChange> fromInvitation(XmlElement delchatroommember) {
        List<String> ids = new ArrayList<>();
        for (XmlElement username : delchatroommember.path("link", "memberlist").children("username")) {
            if (!username.text().isEmpty()) {
                ids.add(username.text());
            }
        }
        String plain = delchatroommember.child("plain").text();
        String sentence = plain.isEmpty() ? delchatroommember.child("text").text() : plain;
        return read(sentence, (slot, text, language) -> slot == Slot.MEMBERS
                ? withIds(language.people(text), ids)
                : People.NAMES.in(slot, text, language));
    }

    private static List<AnnouncedChange> read(String sentence, People people) {
        String normalized = withoutFinalStop(sentence.strip());
        if (normalized.isEmpty()) {
            return List.of();
        }
        for (NoticeWording wording : WORDINGS) {
            Optional<List<AnnouncedChange>> changes = wording.read(normalized, people);
            if (changes.isPresent()) {
                return changes.get();
            }
        }
        return List.of();
    }

    /** English notices end with a full stop, some Chinese ones with 。; the wordings have none. */
    private static String withoutFinalStop(String sentence) {
        return sentence.endsWith(".") || sentence.endsWith("。")
                ? sentence.substring(0, sentence.length() - 1).stripTrailing()
                : sentence;
    }

    /** The name in {@code $name$} when the slot is exactly one placeholder, quoted or not; else {@code null}. */
    private static String placeholder(String slotText) {
        String text = Quotes.unquote(slotText.strip()).strip();
        if (text.length() < 3 || text.charAt(0) != '$' || text.indexOf('$', 1) != text.length() - 1) {
            return null;
        }
        return text.substring(1, text.length() - 1);
    }

    /** The members a template link lists, each with the id and the nickname it gives. */
    private static List<Member> linkedPeople(XmlElement link) {
        List<Member> people = new ArrayList<>();
        for (XmlElement member : link.path("memberlist").children("member")) {
            String id = member.child("username").text();
            String name = member.child("nickname").text();
            if (!id.isEmpty() || !name.isEmpty()) {
                people.add(new Member(id.isEmpty() ? null : id, name.isEmpty() ? null : name));
            }
        }
        return people;
    }

    private static List<Member> withIds(List<Member> named, List<String> ids) {
        if (ids.isEmpty()) {
            return named;
        }
        List<Member> people = new ArrayList<>(ids.size());
        boolean paired = named.size() == ids.size();
        for (int i = 0; i < ids.size(); i++) {
            people.add(new Member(ids.get(i), paired ? named.get(i).name() : null));
        }
        return people;
    }

    private static NoticeWording zh(Actor actor, String pattern, Kind... kinds) {
        return NoticeWording.of(NoticeLanguage.ZH, actor, pattern, kinds);
    }

    private static NoticeWording en(Actor actor, String pattern, Kind... kinds) {
        return NoticeWording.of(NoticeLanguage.EN, actor, pattern, kinds);
    }
}
