package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.ALICE;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.BOB;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.BOT;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.FRIEND;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.RECEIVED_AT;
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

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.parley.contact.GroupChange;
import dev.parley.contact.GroupChange.Member;
import dev.parley.message.ChatType;
import dev.parley.message.MessageType;

/**
 * The group changes that recorded-style system messages announce: templates and invitations (MsgType
 * 10002) with member ids, plain notices (10000) with names, in Chinese and English, field by field.
 */
class GeweCallbackParserGroupChangeTest {

    private final GeweCallbackParser parser = GeweCallbackParser.create();

    @Test
    void invitedJoinTakesInviterAndMembersFromTheTemplateLinks() throws Exception {
        GeweCallback.Message message = message("sysmsg-join.json");

        assertThat(message.changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, "wxid_eaclcf34ny6221",
                "刘贺", List.of(new Member("wxid_zhangsan01", "张三"), new Member("wxid_lisi02", "李四"),
                        new Member("wxid_wangwu03", "王五")), null));
        assertThat(message.message().type()).isEqualTo(MessageType.SYSTEM);
        assertThat(message.message().text()).isEqualTo("\"刘贺\"邀请\"张三、李四、王五\"加入了群聊");
    }

    @Test
    void qrJoinNamesTheSharerAsActor() throws Exception {
        assertThat(changes("sysmsg-join-qr.json")).containsExactly(new GroupChange(JOIN_QR, ROOM, ALICE, "Alice",
                List.of(new Member("wxid_qinghe77", "青禾🌱")), null));
    }

    @Test
    void revocableTemplateOfTheAccountsInvitationHasTheAccountAsActor() throws Exception {
        GeweCallback.Message message = message("sysmsg-invite-revocable.json");

        assertThat(message.changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, BOT, null,
                List.of(new Member("wxid_3s4v7osfgpbc22", "柠檬不酸")), null));
        assertThat(message.message().text()).isEqualTo("你邀请\"柠檬不酸\"加入了群聊");
    }

    @Test
    void accountsInvitationPairsNamesWithTheMemberListIds() throws Exception {
        GeweCallback.Message message = message("sysmsg-you-invited.json");

        assertThat(message.changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, BOT, null,
                List.of(new Member("wxid_zhangsan01", "张三"), new Member("wxid_lisi02", "李四")), null));
        assertThat(message.message().type()).isEqualTo(MessageType.SYSTEM);
        assertThat(message.message().text()).isEqualTo("你邀请\"张三、李四\"加入了群聊");
    }

    @Test
    void joinThroughTheAccountsQrCodeHasTheAccountAsActor() throws Exception {
        assertThat(changes("sysmsg-joined-your-qr.json")).containsExactly(new GroupChange(JOIN_QR, ROOM, BOT, null,
                List.of(new Member("wxid_chenxm09", "陈 小 明")), null));
    }

    @Test
    void kickByTheAccount() throws Exception {
        assertThat(changes("sysmsg-kick.json")).containsExactly(new GroupChange(KICK, ROOM, BOT, null,
                List.of(new Member("wxid_8pvka4jg6qzt22", "白开水加糖")), null));
    }

    @Test
    void dismissalNamesTheOwner() throws Exception {
        GeweCallback.Message message = message("sysmsg-dismissed.json");

        assertThat(message.changes()).containsExactly(new GroupChange(DISMISSED, ROOM, ALICE, "Alice", List.of(),
                null));
        assertThat(message.message().text()).isEqualTo("群主\"Alice\"已解散该群聊");
    }

    @Test
    void englishTemplatesCarryIdsToo() throws Exception {
        assertThat(changes("sysmsg-join-en.json")).containsExactly(new GroupChange(JOIN_INVITED, ROOM, ALICE, "Alice",
                List.of(new Member(BOB, "Bob"), new Member("wxid_carol5", "Carol Chen")), null));
        assertThat(changes("sysmsg-join-qr-en.json")).containsExactly(new GroupChange(JOIN_QR, ROOM, ALICE, "Alice",
                List.of(new Member("wxid_dana3", "Dana Lee")), null));
        assertThat(changes("sysmsg-kick-en.json")).containsExactly(new GroupChange(KICK, ROOM, BOT, null,
                List.of(new Member(BOB, "Bob")), null));
    }

    @Test
    void englishInvitationWithoutQuotes() throws Exception {
        GeweCallback.Message message = message("sysmsg-you-invited-en.json");

        assertThat(message.changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, BOT, null,
                List.of(new Member("wxid_dana3", "Dana Lee")), null));
        assertThat(message.message().text()).isEqualTo("You invited Dana Lee to the group chat.");
    }

    @Test
    void templateWithoutLinksFallsBackToTheNamesOfItsPlainSentence() throws Exception {
        GeweCallback.Message message = message("sysmsg-join-no-links.json");

        assertThat(message.changes()).containsExactly(new GroupChange(JOIN_INVITED, ROOM, null, "刘贺",
                List.of(new Member(null, "张三"), new Member(null, "李四")), null));
        assertThat(message.message().text()).as("the readable text is rendered as before")
                .isEqualTo("\"$username$\"邀请\"$names$\"加入了群聊");
    }

    @Test
    void accountRemovedByAMember() throws Exception {
        GeweCallback.Message message = message("notice-removed.json");

        assertThat(message.changes()).containsExactly(new GroupChange(REMOVED, ROOM, null, "Alice", List.of(), null));
        assertThat(message.message().text()).isEqualTo("你被\"Alice\"移出群聊");
        assertThat(changes("notice-removed-en.json")).containsExactly(new GroupChange(REMOVED, ROOM, null, "Alice",
                List.of(), null));
    }

    @Test
    void renameByAMember() throws Exception {
        GeweCallback.Message message = message("notice-rename.json");

        assertThat(message.changes()).containsExactly(new GroupChange(RENAME, ROOM, null, "Alice", List.of(),
                "产品交流群 2025"));
        assertThat(message.message().text()).isEqualTo("\"Alice\"修改群名为“产品交流群 2025”");
    }

    @Test
    void accountBecameOwner() throws Exception {
        assertThat(changes("notice-owner.json")).containsExactly(new GroupChange(OWNER, ROOM, BOT, null, List.of(),
                null));
    }

    @Test
    void accountInvitedIntoTheGroupByAMember() throws Exception {
        assertThat(changes("notice-invited-you.json")).containsExactly(new GroupChange(INVITED, ROOM, null, "李雷",
                List.of(), null));
    }

    @Test
    void invitationCardCannotNameItsGroupSoItAnnouncesNothing() throws Exception {
        GeweCallback.Message card = message("group-invite.json");

        assertThat(card.changes()).isEmpty();
        assertThat(card.message().type()).isEqualTo(MessageType.SYSTEM);
        assertThat(card.message().chatId()).isEqualTo(FRIEND);
        assertThat(card.message().chatType()).isEqualTo(ChatType.PRIVATE);
    }

    @Test
    void otherMessagesAnnounceNothing() throws Exception {
        for (String fixture : List.of("group-text-mentions.json", "sysmsg-pat.json", "sysmsg-revoke.json",
                "sysmsg-announcement.json", "private-text-in.json", "v2-group-received.json", "quote-group.json")) {
            assertThat(changes(fixture)).as(fixture).isEmpty();
        }
    }

    private List<GroupChange> changes(String fixture) throws GeweCallbackException {
        return message(fixture).changes();
    }

    private GeweCallback.Message message(String fixture) throws GeweCallbackException {
        GeweCallback callback = parser.parse(GeweCallbackFixtures.file(fixture), RECEIVED_AT);
        assertThat(callback).isInstanceOf(GeweCallback.Message.class);
        return (GeweCallback.Message) callback;
    }
}
