package dev.parley.connector.gewe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.parley.connector.gewe.MappedContent.Kept;
import dev.parley.message.MessageType;

/**
 * Reads WeChat's XML system messages (MsgType 10002, {@code <sysmsg type="…">}): withdrawals become
 * {@link MessageType#REVOKE}; join, kick and dismiss templates are rendered into the sentence the
 * phone shows ({@code "刘贺"邀请"张三、李四"加入了群聊}) and, like the account's own invitations
 * ({@code delchatroommember}), also report the group changes they announce; other kinds keep their best
 * readable text.
 */
final class SystemMessages {

    private static final String DEFAULT_SEPARATOR = "、";
    /** Elements that hold the readable sentence of a system message, best first. */
    private static final List<String> READABLE_ELEMENTS = List.of("plain", "template", "content");

    private SystemMessages() {
    }

    /**
     * @param body the {@code <sysmsg>} XML without the room prefix
     * @return the mapped message; the raw body as its text when the XML cannot be read
     */
    static Kept map(String body) {
        XmlElement sysmsg = WechatXml.parse(body);
        if (sysmsg.isEmpty()) {
            return new Kept(MessageType.SYSTEM, body);
        }
        return switch (sysmsg.attribute("type")) {
            case "revokemsg" -> {
                XmlElement revoke = sysmsg.child("revokemsg");
                yield new Kept(MessageType.REVOKE, revoke.child("replacemsg").text(),
                        ContentMapper.referencedId(revoke.child("newmsgid").text()));
            }
            case "sysmsgtemplate" -> {
                XmlElement contentTemplate = sysmsg.path("sysmsgtemplate", "content_template");
                yield new Kept(MessageType.SYSTEM, renderTemplate(contentTemplate), null,
                        GroupNotices.fromTemplate(contentTemplate));
            }
            case "delchatroommember" -> new Kept(MessageType.SYSTEM, readableText(sysmsg), null,
                    GroupNotices.fromInvitation(sysmsg.child("delchatroommember")));
            default -> new Kept(MessageType.SYSTEM, readableText(sysmsg));
        };
    }

    /**
     * Replaces each {@code $name$} of the template with the text of the link of that name; a
     * {@code $…$} that names no link stays as it is.
     */
    private static String renderTemplate(XmlElement contentTemplate) {
        String template = contentTemplate.child("template").text();
        if (template.isEmpty()) {
            return contentTemplate.child("plain").text();
        }
        Map<String, String> links = new HashMap<>();
        for (XmlElement link : contentTemplate.path("link_list").children("link")) {
            links.put(link.attribute("name"), linkText(link));
        }
        StringBuilder rendered = new StringBuilder(template.length() + 32);
        int from = 0;
        while (true) {
            int start = template.indexOf('$', from);
            int end = start < 0 ? -1 : template.indexOf('$', start + 1);
            if (end < 0) {
                rendered.append(template, from, template.length());
                return rendered.toString().strip();
            }
            String value = links.get(template.substring(start + 1, end));
            if (value == null) {
                rendered.append(template, from, end);
                from = end;
            } else {
                rendered.append(template, from, start).append(value);
                from = end + 1;
            }
        }
    }

    /** The members' nicknames joined by the link's separator; a hidden link (e.g. "撤销") shows nothing. */
    private static String linkText(XmlElement link) {
        List<String> names = new ArrayList<>();
        for (XmlElement member : link.path("memberlist").children("member")) {
            String nickname = member.child("nickname").text();
            names.add(nickname.isEmpty() ? member.child("username").text() : nickname);
        }
        if (!names.isEmpty()) {
            String separator = link.child("separator").text();
            return String.join(separator.isEmpty() ? DEFAULT_SEPARATOR : separator, names);
        }
        return link.attribute("hidden").equals("1") ? "" : link.child("title").text();
    }

    /** The first readable sentence anywhere in the message, with {@code ${wxid}} placeholders resolved. */
    private static String readableText(XmlElement sysmsg) {
        for (String element : READABLE_ELEMENTS) {
            String text = sysmsg.firstText(element);
            if (!text.isEmpty()) {
                return resolveIdPlaceholders(text);
            }
        }
        return null;
    }

    /** Pat and to-do templates name people as {@code ${wxid}}; without nicknames the wxid is the best name. */
    private static String resolveIdPlaceholders(String text) {
        StringBuilder resolved = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            int end = start < 0 ? -1 : text.indexOf('}', start + 2);
            if (end < 0) {
                return resolved.append(text, from, text.length()).toString();
            }
            resolved.append(text, from, start).append(text, start + 2, end);
            from = end + 1;
        }
    }
}
