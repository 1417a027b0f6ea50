package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.APP;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.BOT;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.ROOM;
import static dev.parley.contact.GroupChange.Kind.DISMISSED;
import static dev.parley.contact.GroupChange.Kind.INVITED;
import static dev.parley.contact.GroupChange.Kind.JOIN_INVITED;
import static dev.parley.contact.GroupChange.Kind.JOIN_QR;
import static dev.parley.contact.GroupChange.Kind.KICK;
import static dev.parley.contact.GroupChange.Kind.OWNER;
import static dev.parley.contact.GroupChange.Kind.REMOVED;
import static dev.parley.contact.GroupChange.Kind.RENAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.contact.GroupChange;
import dev.parley.contact.GroupChange.Kind;
import dev.parley.contact.GroupChange.Member;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

/**
 * Every wording of a plain-text group notice (MsgType 10000) Parley recognises, in Chinese and English,
 * mapped to its exact change; names only, since plain notices carry no ids. The notice itself stays a
 * system message with its text.
 */
class GroupNoticeWordingsTest {

    private final GeweCallbackParser parser = GeweCallbackParser.create();

    static Stream<Arguments> chinese() {
        return Stream.of(
                notice("\"刘贺\"邀请\"张三、李四\"加入了群聊", named(JOIN_INVITED, "刘贺", "张三", "李四")),
                notice("\"甲\"邀请\"乙\"、\"丙\"加入了群聊", named(JOIN_INVITED, "甲", "乙", "丙")),
                notice("你邀请\"柠檬不酸\"加入了群聊", byAccount(JOIN_INVITED, "柠檬不酸")),
                notice("\"小新\"加入了群聊", unnamed(JOIN_INVITED, "小新")),
                notice("\" 桔小秘\"通过扫描\"李佳芮\"分享的二维码加入群聊", named(JOIN_QR, "李佳芮", "桔小秘")),
                notice("\"桔小秘\"通过扫描\"李佳芮\"分享的二维码加入了群聊", named(JOIN_QR, "李佳芮", "桔小秘")),
                notice("\"新人\"通过\"老王\"的邀请二维码加入群聊", named(JOIN_QR, "老王", "新人")),
                notice("\"桔小秘\"通过扫描你分享的二维码加入了群聊", byAccount(JOIN_QR, "桔小秘")),
                notice("\"李卓桓\"邀请你和\"Huan\"加入了群聊", named(INVITED, "李卓桓"),
                        named(JOIN_INVITED, "李卓桓", "Huan")),
                notice("麟雪邀请你加入了群聊，群聊参与人还有：唐传广、林兆润、林晓莹（大赢）", named(INVITED, "麟雪")),
                notice("\"李雷\"邀请你加入了群聊", named(INVITED, "李雷")),
                notice("你通过扫描\"Alice\"分享的二维码加入群聊", named(INVITED, "Alice")),
                notice("你通过扫描二维码加入群聊，群聊参与人还有：甲、乙", unnamed(INVITED)),
                notice("你加入了群聊，群聊参与人还有：甲、乙", unnamed(INVITED)),
                notice("你将\"白开水加糖\"移出了群聊", byAccount(KICK, "白开水加糖")),
                notice("\"Alice\"将\"Bob、Carol\"移出了群聊", named(KICK, "Alice", "Bob", "Carol")),
                notice("你被\"朝夕。\"移出群聊", named(REMOVED, "朝夕。")),
                notice("你修改群名为“GeWe test1”", rename(null, "GeWe test1")),
                notice("\"Bob\"修改群名为“新群名”", rename("Bob", "新群名")),
                notice("Bob修改群名为\"新群名\"", rename("Bob", "新群名")),
                notice("你已成为新群主", byAccount(OWNER)),
                notice("\"Alice\"已成为新群主", named(OWNER, "Alice")),
                notice("群主\"朝夕。\"已解散该群聊", named(DISMISSED, "朝夕。")));
    }

    static Stream<Arguments> english() {
        return Stream.of(
                notice("\"Alice\" invited \"Bob\" to the group chat", named(JOIN_INVITED, "Alice", "Bob")),
                notice("管理员 invited 小桔建群助手 to the group chat", named(JOIN_INVITED, "管理员", "小桔建群助手")),
                notice("\"Alice\" invited \"Bob, Carol and Dan\" to the group chat",
                        named(JOIN_INVITED, "Alice", "Bob", "Carol", "Dan")),
                notice("\"Alice\" invited \"Bob\", \"Carol\", and \"Dan\" to the group chat",
                        named(JOIN_INVITED, "Alice", "Bob", "Carol", "Dan")),
                notice("You invited . 李 卓 桓 .呵呵 to the group chat.   ", byAccount(JOIN_INVITED, ". 李 卓 桓 .呵呵")),
                notice("You've invited \"Oscar\" to the group chat", byAccount(JOIN_INVITED, "Oscar")),
                notice("\"桔小秘\" joined the group chat via the QR Code shared by \"李佳芮\".",
                        named(JOIN_QR, "李佳芮", "桔小秘")),
                notice("\"管理员\" joined group chat via the QR code you shared.  ", byAccount(JOIN_QR, "管理员")),
                notice("\"桔小秘\" joined the group chat via your shared QR Code.", byAccount(JOIN_QR, "桔小秘")),
                notice("李卓桓 invited you and Huan to the group chat", named(INVITED, "李卓桓"),
                        named(JOIN_INVITED, "李卓桓", "Huan")),
                notice("Alice invited you to a group chat with Bob, Carol", named(INVITED, "Alice")),
                notice("\"Alice\" invited you to this group chat", named(INVITED, "Alice")),
                notice("You've joined this group chat. Other participants are: Bob, Carol", unnamed(INVITED)),
                notice("You removed \"Bruce LEE\" from the group chat", byAccount(KICK, "Bruce LEE")),
                notice("\"Alice\" removed \"Bob\" from the group chat", named(KICK, "Alice", "Bob")),
                notice("You were removed from the group chat by \"桔小秘\"", named(REMOVED, "桔小秘")),
                notice("\"李卓桓.PreAngel\" changed the group name to \"ding\"", rename("李卓桓.PreAngel", "ding")),
                notice("You changed the group name to \"Weekend Hikers 🏔️\"", rename(null, "Weekend Hikers 🏔️")),
                notice("You are now the group owner.", byAccount(OWNER)),
                notice("\"Alice\" is now the group owner.", named(OWNER, "Alice")),
                notice("Group owner \"Alice\" dismissed the group chat.", named(DISMISSED, "Alice")),
                notice("The group owner \"Alice\" dismissed the group chat", named(DISMISSED, "Alice")));
    }

    static Stream<Arguments> awkwardNames() {
        return Stream.of(
                notice("\"Bob \"the builder\"\"邀请\"Ann 🌸\"加入了群聊", named(JOIN_INVITED, "Bob \"the builder\"", "Ann 🌸")),
                notice("\"邀请王\"邀请\"张 三\"加入了群聊", named(JOIN_INVITED, "邀请王", "张 三")),
                notice("\"👨‍👩‍👧 Family\"将\"Tom 🐱\"移出了群聊", named(KICK, "👨‍👩‍👧 Family", "Tom 🐱")),
                notice("\"Alice\"修改群名为“He said \"hi\"”", rename("Alice", "He said \"hi\"")),
                notice("\"Alice\"修改群名为“  两边有空格  ”", rename("Alice", "  两边有空格  ")),
                notice("\"A \"quoted\" name\" invited \"B\" to the group chat",
                        named(JOIN_INVITED, "A \"quoted\" name", "B")),
                notice("你被\"移出群聊\"移出群聊", named(REMOVED, "移出群聊")),
                notice("\"卓桓、Zhuohuan\" joined the group chat via the QR Code shared by \"李佳芮\".",
                        named(JOIN_QR, "李佳芮", "卓桓、Zhuohuan")));
    }

    @ParameterizedTest
    @MethodSource({"chinese", "english", "awkwardNames"})
    void noticeAnnouncesItsChange(String text, List<GroupChange> expected) throws Exception {
        GeweCallback.Message message = groupNotice(text);

        assertThat(message.changes()).isEqualTo(expected);
        assertThat(message.message().type()).isEqualTo(MessageType.SYSTEM);
        assertThat(message.message().text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"老威\"与群里其他人都不是朋友关系，请注意隐私安全",
            "\"甲\"通过新的入群方式加入了群聊",
            "李晓云通过游戏中心加入群聊",
            "你已添加了李雷，现在可以开始聊天了。",
            "\"李雷\" 撤回了一条消息",
            "你邀请\"\"加入了群聊",
            "你修改群名为“”",
            "邀请加入了群聊",
            "\"",
            "“”修改群名为",
            "You invited  to the group chat"})
    void otherNoticesAnnounceNothing(String text) throws Exception {
        GeweCallback.Message message = groupNotice(text);

        assertThat(message.changes()).isEmpty();
        assertThat(message.message().text()).isEqualTo(text);
    }

    private GeweCallback.Message groupNotice(String text) throws GeweCallbackException {
        String body = GeweCallbackFixtures.groupNotice(APP, BOT, ROOM, text, "7268255507978211143", 1_736_824_000L);
        GeweCallback callback = parser.parse(body.getBytes(StandardCharsets.UTF_8), 0L);
        assertThat(callback).isInstanceOf(GeweCallback.Message.class);
        InboundMessage message = ((GeweCallback.Message) callback).message();
        assertThat(message.chatId()).isEqualTo(ROOM);
        return (GeweCallback.Message) callback;
    }

    private static Arguments notice(String text, GroupChange... changes) {
        return Arguments.of(text, List.of(changes));
    }

    private static GroupChange named(Kind kind, String actor, String... members) {
        return new GroupChange(kind, ROOM, null, actor, names(members), null);
    }

    private static GroupChange byAccount(Kind kind, String... members) {
        return new GroupChange(kind, ROOM, BOT, null, names(members), null);
    }

    private static GroupChange unnamed(Kind kind, String... members) {
        return new GroupChange(kind, ROOM, null, null, names(members), null);
    }

    /** A rename by the named member, or by the account when {@code actor} is {@code null}. */
    private static GroupChange rename(String actor, String newName) {
        return new GroupChange(RENAME, ROOM, actor == null ? BOT : null, actor, List.of(), newName);
    }

    private static List<Member> names(String... names) {
        return Arrays.stream(names).map(name -> new Member(null, name)).toList();
    }
}
