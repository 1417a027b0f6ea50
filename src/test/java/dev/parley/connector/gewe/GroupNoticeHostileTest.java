package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.ALICE;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.APP;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.BOB;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.BOT;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.FRIEND;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.ROOM;
import static dev.parley.contact.GroupChange.Kind.JOIN_INVITED;
import static dev.parley.contact.GroupChange.Kind.KICK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.parley.connector.gewe.GeweCallbackFixtures.Person;
import dev.parley.contact.GroupChange;
import dev.parley.contact.GroupChange.Member;
import dev.parley.message.MessageType;

/**
 * Group notices that try to mislead or overload the parser: broken XML, templates that do not add up,
 * notices outside groups, huge member lists. None may throw, invent people or take quadratic time.
 */
class GroupNoticeHostileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOIN_TEMPLATE = "\"$username$\"邀请\"$names$\"加入了群聊";
    private static final String ALICE_LINK = link("username", "<member><username>" + ALICE
            + "</username><nickname>Alice</nickname></member>");
    private static final String BOB_LINK = link("names", "<member><username>" + BOB
            + "</username><nickname>Bob</nickname></member>");

    private final GeweCallbackParser parser = GeweCallbackParser.create();

    @Test
    void malformedXmlKeepsItsRawTextAndAnnouncesNothing() throws Exception {
        String truncated = "<sysmsg type=\"sysmsgtemplate\"><sysmsgtemplate><content_template><template><![CDATA["
                + JOIN_TEMPLATE + "]]></template><link_list>" + ALICE_LINK;
        GeweCallback.Message message = groupSysmsg(truncated);

        assertThat(message.changes()).isEmpty();
        assertThat(message.message().type()).isEqualTo(MessageType.SYSTEM);
        assertThat(message.message().text()).isEqualTo(truncated);
    }

    @Test
    void rawTextOfABrokenSysmsgIsNotReadAsAPlainNotice() throws Exception {
        assertThat(groupSysmsg("你将\"Bob\"移出了群聊 <sysmsg").changes()).isEmpty();
    }

    @Test
    void templateWithAnUnknownTrailingPlaceholderIsNotRecognised() throws Exception {
        GeweCallback.Message message = groupSysmsg(template(JOIN_TEMPLATE + "$surprise$", ALICE_LINK + BOB_LINK));

        assertThat(message.changes()).isEmpty();
        assertThat(message.message().text()).isEqualTo("\"Alice\"邀请\"Bob\"加入了群聊$surprise$");
    }

    @Test
    void placeholderWithoutALinkLeavesTheActorUnknown() throws Exception {
        GeweCallback.Message message = groupSysmsg(template("\"$who$\"邀请\"$names$\"加入了群聊", BOB_LINK));

        assertThat(message.changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, null, null,
                List.of(new Member(BOB, "Bob")), null));
    }

    @Test
    void placeholdersMayHaveAnyLinkName() throws Exception {
        String links = link("kicker", "<member><username>" + ALICE + "</username><nickname>Alice</nickname></member>")
                + link("gone", "<member><username>" + BOB + "</username><nickname>Bob</nickname></member>");

        assertThat(groupSysmsg(template("\"$kicker$\"将\"$gone$\"移出了群聊", links)).changes())
                .containsExactly(new GroupChange(KICK, ROOM, ALICE, "Alice", List.of(new Member(BOB, "Bob")), null));
    }

    @Test
    void templateWithoutLinksOrPlainSentenceAnnouncesNothing() throws Exception {
        GeweCallback.Message message = groupSysmsg(template(JOIN_TEMPLATE, ""));

        assertThat(message.changes()).isEmpty();
        assertThat(message.message().text()).isEqualTo(JOIN_TEMPLATE);
    }

    @Test
    void linkedMembersWithoutIdsKeepTheirNamesAndEmptyMembersAreSkipped() throws Exception {
        String names = link("names", "<member><nickname>张三</nickname></member><member></member>"
                + "<member><username>wxid_lisi02</username></member>");

        assertThat(groupSysmsg(template(JOIN_TEMPLATE, ALICE_LINK + names)).changes())
                .containsExactly(new GroupChange(JOIN_INVITED, ROOM, ALICE, "Alice",
                        List.of(new Member(null, "张三"), new Member("wxid_lisi02", null)), null));
    }

    @Test
    void linkedNamesWithQuotesEmojiSpacesAndCdataEndsComeThroughExactly() throws Exception {
        List<Person> joined = List.of(new Person("wxid_a", "Bob \"the builder\""), new Person("wxid_b", "李]]>四"),
                new Person("wxid_c", " 🌸 Ann  Lee "), new Person("wxid_d", "张三、李四"));
        String body = GeweCallbackFixtures.membersInvited(APP, BOT, ROOM, new Person(ALICE, "\"Alice\""), joined,
                "44", 1_736_820_013L);

        assertThat(message(body).changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, ALICE, "\"Alice\"",
                List.of(new Member("wxid_a", "Bob \"the builder\""), new Member("wxid_b", "李]]>四"),
                        new Member("wxid_c", "🌸 Ann  Lee"), new Member("wxid_d", "张三、李四")), null));
    }

    @Test
    void invitationWhoseNamesAndIdsDisagreeKeepsTheIds() throws Exception {
        String xml = "<sysmsg type=\"delchatroommember\"><delchatroommember>"
                + "<plain><![CDATA[你邀请\"张三、李四、王五\"加入了群聊]]></plain><link><scene>invite</scene>"
                + "<memberlist><username>wxid_a</username><username>wxid_b</username></memberlist></link>"
                + "</delchatroommember></sysmsg>";

        assertThat(groupSysmsg(xml).changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, BOT, null,
                List.of(new Member("wxid_a", null), new Member("wxid_b", null)), null));
    }

    @Test
    void invitationWithoutAMemberListKeepsTheNames() throws Exception {
        String xml = "<sysmsg type=\"delchatroommember\"><delchatroommember>"
                + "<plain><![CDATA[你邀请\"张三\"加入了群聊]]></plain></delchatroommember></sysmsg>";

        assertThat(groupSysmsg(xml).changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, BOT, null,
                List.of(new Member(null, "张三")), null));
    }

    @Test
    void noticesInAPrivateChatAnnounceNothing() throws Exception {
        GeweCallback.Message plain = message(GeweCallbackFixtures.groupNotice(APP, BOT, FRIEND, "你被\"Alice\"移出群聊",
                "5759605552965664254", 1_736_824_000L));
        assertThat(plain.changes()).isEmpty();
        assertThat(plain.message().text()).isEqualTo("你被\"Alice\"移出群聊");

        ObjectNode body = sysmsgBody(template(JOIN_TEMPLATE, ALICE_LINK + BOB_LINK));
        ((ObjectNode) body.get("Data")).putObject("FromUserName").put("string", FRIEND);
        assertThat(message(body.toString()).changes()).isEmpty();
    }

    @Test
    void invitationCardForwardedIntoAGroupDoesNotChangeThatGroup() throws Exception {
        String card = "<msg><appmsg><title>邀请你加入群聊</title><des>\"李雷\"邀请你加入群聊\"产品交流群\"，进入可查看详情。</des>"
                + "<type>5</type><url>https://support.weixin.qq.com/cgi-bin/mmsupport-bin/addchatroombyinvite?ticket=AX"
                + "</url></appmsg></msg>";
        ObjectNode body = sysmsgBody(ALICE + ":\n" + card);
        ((ObjectNode) body.get("Data")).put("MsgType", 49);

        GeweCallback.Message message = message(body.toString());
        assertThat(message.changes()).isEmpty();
        assertThat(message.message().type()).isEqualTo(MessageType.SYSTEM);
    }

    @Test
    void accountActorWithoutASelfIdHasNoActorId() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(GeweCallbackFixtures.file("sysmsg-kick.json"));
        body.remove("Wxid");

        assertThat(message(body.toString()).changes()).containsExactly(new GroupChange(KICK, ROOM, null, null,
                List.of(new Member("wxid_8pvka4jg6qzt22", "白开水加糖")), null));
    }

    @Test
    void flatV2SystemMessageAnnouncesItsChange() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("typeName", "AddMsg").put("appid", APP).put("wxid", BOT)
                .put("msgType", "SYSTEM").put("fromUser", ROOM).put("toUser", BOT)
                .put("content", ROOM + ":\n" + template("你将\"$kickoutname$\"移出了群聊", link("kickoutname",
                        "<member><username>" + BOB + "</username><nickname>Bob</nickname></member>")))
                .put("createTime", 1_779_163_300L).put("newMsgId", "3768973957878705099");

        assertThat(message(body.toString()).changes()).containsExactly(new GroupChange(KICK, ROOM, BOT, null,
                List.of(new Member(BOB, "Bob")), null));
    }

    @Test
    void fiveHundredLinkedMembersComeOutInOrderWithTheirIds() throws Exception {
        List<Person> joined = IntStream.range(0, 500).mapToObj(i -> new Person("wxid_m" + i, "成员 " + i)).toList();
        String body = GeweCallbackFixtures.membersInvited(APP, BOT, ROOM, new Person(ALICE, "Alice"), joined, "45",
                1_736_820_013L);

        List<GroupChange> changes = message(body).changes();

        assertThat(changes).hasSize(1);
        assertThat(changes.getFirst().members()).hasSize(500)
                .startsWith(new Member("wxid_m0", "成员 0"), new Member("wxid_m1", "成员 1"))
                .endsWith(new Member("wxid_m499", "成员 499"));
    }

    @Test
    void hugeNoticesAreReadInLinearTime() throws Exception {
        List<String> names = IntStream.range(0, 50_000).mapToObj(i -> "成员" + i).toList();
        String listed = "\"刘贺\"邀请\"" + String.join("、", names) + "\"加入了群聊";
        String misleading = "\"" + "通过扫描".repeat(100_000) + "分享的二维码加入群聊";

        long start = System.nanoTime();
        List<GroupChange> listedChanges = notice(listed).changes();
        List<GroupChange> misleadingChanges = notice(misleading).changes();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(listedChanges.getFirst().members()).hasSize(50_000).endsWith(new Member(null, "成员49999"));
        assertThat(misleadingChanges).isEmpty();
        assertThat(millis).as("two notices of ~400k characters each").isLessThan(5_000);
    }

    private GeweCallback.Message notice(String text) throws GeweCallbackException {
        return message(GeweCallbackFixtures.groupNotice(APP, BOT, ROOM, text, "7268255507978211143", 1_736_824_000L));
    }

    private GeweCallback.Message groupSysmsg(String xml) throws GeweCallbackException {
        return message(sysmsgBody(ROOM + ":\n" + xml).toString());
    }

    private GeweCallback.Message message(String body) throws GeweCallbackException {
        GeweCallback callback = parser.parse(body.getBytes(StandardCharsets.UTF_8), 0L);
        assertThat(callback).isInstanceOf(GeweCallback.Message.class);
        return (GeweCallback.Message) callback;
    }

    /** A MsgType 10002 callback in the group with the given content. */
    private static ObjectNode sysmsgBody(String content) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(GeweCallbackFixtures.file("sysmsg-join.json"));
            ((ObjectNode) body.get("Data")).putObject("Content").put("string", content);
            return body;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String template(String template, String links) {
        List<String> parts = new ArrayList<>(List.of("<sysmsg type=\"sysmsgtemplate\"><sysmsgtemplate>",
                "<content_template type=\"tmpl_type_profile\"><plain><![CDATA[]]></plain>",
                "<template><![CDATA[" + template + "]]></template>"));
        if (!links.isEmpty()) {
            parts.add("<link_list>" + links + "</link_list>");
        }
        parts.add("</content_template></sysmsgtemplate></sysmsg>");
        return String.join("", parts);
    }

    private static String link(String name, String members) {
        return "<link name=\"" + name + "\" type=\"link_profile\"><memberlist>" + members + "</memberlist></link>";
    }
}
