package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.FakeGeweServer.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.connector.gewe.FakeGeweServer.MemberListShape;
import dev.parley.connector.gewe.GeweException.Kind;

/** The address book and groups of an account, read through the client from the fake GeWe. */
class GeweClientContactsTest {

    private static final String ROOM = "43218765901@chatroom";

    private final FakeGeweServer fake = FakeGeweServer.start()
            .friend("wxid_alice", "Alice", "客户 Alice")
            .friend("wxid_bob", "Bob")
            .officialAccount("gh_7aac992b0363")
            .room(ROOM, "产品交流群", "wxid_alice",
                    member("wxid_alice", "Alice"),
                    member("wxid_bob", "Bob").displayName("鲍勃").invitedBy("wxid_alice"),
                    member("wxid_carol", "Carol").invitedBy("wxid_bob"))
            .admins(ROOM, "wxid_bob");
    private final GeweClient gewe = GeweClient.builder().baseUrl(fake.baseUrl()).token(fake.token()).build();
    private final String appId = fake.onlineDevice("wxid_bot", "Bot");

    @AfterEach
    void close() {
        gewe.close();
        fake.close();
    }

    @Test
    void contactListHasFriendsGroupsAndOfficialAccounts() throws Exception {
        ContactList list = gewe.fetchContactsList(appId);

        assertThat(list.friends()).containsExactly("wxid_alice", "wxid_bob");
        assertThat(list.chatrooms()).containsExactly(ROOM);
        assertThat(list.ghs()).containsExactly("gh_7aac992b0363");
    }

    @Test
    void contactListHasItsOwnLongerTimeout() throws Exception {
        fake.on("/contacts/fetchContactsList").delay(Duration.ofMillis(700));
        fake.on("/contacts/getBriefInfo").delay(Duration.ofMillis(700));
        try (GeweClient impatient = GeweClient.builder().baseUrl(fake.baseUrl()).token(fake.token())
                .requestTimeout(Duration.ofMillis(250)).contactListTimeout(Duration.ofSeconds(10)).build()) {

            assertThat(impatient.fetchContactsList(appId).friends()).hasSize(2);
            assertThat(catchThrowableOfType(GeweException.class,
                    () -> impatient.getBriefInfo(appId, List.of("wxid_bob"))).kind()).isEqualTo(Kind.TRANSIENT);
        }
    }

    @Test
    void briefAndDetailInfoForFriendsGroupsAndMembers() throws Exception {
        List<ContactInfo> brief = gewe.getBriefInfo(appId, List.of("wxid_alice", ROOM, "wxid_carol", "wxid_ghost"));
        List<ContactInfo> detail = gewe.getDetailInfo(appId, List.of("wxid_bob"));

        assertThat(brief).extracting(ContactInfo::userName).containsExactly("wxid_alice", ROOM, "wxid_carol");
        assertThat(brief.get(0).nickName()).isEqualTo("Alice");
        assertThat(brief.get(0).remark()).isEqualTo("客户 Alice");
        assertThat(brief.get(0).sex()).isZero();
        assertThat(brief.get(0).signature()).isNull();
        assertThat(brief.get(0).bigHeadImgUrl()).startsWith("https://");
        assertThat(brief.get(1).nickName()).isEqualTo("产品交流群");
        assertThat(brief.get(2).nickName()).isEqualTo("Carol");
        assertThat(brief.get(2).remark()).isNull();
        assertThat(detail).singleElement().extracting(ContactInfo::nickName).isEqualTo("Bob");
        assertThat(fake.requests("/contacts/getBriefInfo").getFirst().body().path("wxids").isArray()).isTrue();
    }

    @Test
    void infoBatchesAreLimitedAndEmptyOnesAreNotSent() throws Exception {
        List<String> hundredOne = IntStream.rangeClosed(0, GeweClient.MAX_BRIEF_INFO).mapToObj(i -> "wxid_" + i).toList();
        List<String> hundred = hundredOne.subList(0, GeweClient.MAX_BRIEF_INFO);

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> gewe.getBriefInfo(appId, hundredOne)))
                .hasMessageContaining("at most 100");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> gewe.getDetailInfo(appId, hundred.subList(0, GeweClient.MAX_DETAIL_INFO + 1))))
                .hasMessageContaining("at most 20");
        assertThat(gewe.getBriefInfo(appId, hundred)).isEmpty();
        assertThat(gewe.getDetailInfo(appId, List.of())).isEmpty();
        assertThat(fake.requests()).extracting(FakeGeweRequest::path).containsExactly("/contacts/getBriefInfo");
    }

    @Test
    void chatroomInfoHasNameOwnerAndMembers() throws Exception {
        ChatroomInfo info = gewe.getChatroomInfo(appId, ROOM);

        assertThat(info.chatroomId()).isEqualTo(ROOM);
        assertThat(info.name()).isEqualTo("产品交流群");
        assertThat(info.owner()).isEqualTo("wxid_alice");
        assertThat(info.remark()).isNull();
        assertThat(info.members()).extracting(ChatroomMember::wxid).containsExactly("wxid_alice", "wxid_bob", "wxid_carol");
        ChatroomMember bob = info.members().get(1);
        assertThat(bob.nickName()).isEqualTo("Bob");
        assertThat(bob.displayName()).isEqualTo("鲍勃");
        assertThat(bob.inviterUserName()).isEqualTo("wxid_alice");
        assertThat(bob.name()).isEqualTo("鲍勃");
        assertThat(info.members().get(2).name()).isEqualTo("Carol");
        assertThat(info.members().get(0).memberFlag()).isNotNull();
    }

    @Test
    void memberListInBothShapes() throws Exception {
        ChatroomMembers documented = gewe.getChatroomMemberList(appId, ROOM);
        fake.memberListShape(MemberListShape.GEWE_RS);
        ChatroomMembers geweRs = gewe.getChatroomMemberList(appId, ROOM);

        assertThat(documented.owner()).isEqualTo("wxid_alice");
        assertThat(documented.admins()).containsExactly("wxid_bob");
        assertThat(documented.members()).extracting(ChatroomMember::name).containsExactly("Alice", "鲍勃", "Carol");
        assertThat(fake.requests("/group/getChatroomMemberList").getLast().reply().path("data").has("chatroomMembers"))
                .isTrue();
        assertThat(geweRs.owner()).isEqualTo("wxid_alice");
        assertThat(geweRs.admins()).isEmpty();
        assertThat(geweRs.members()).isEqualTo(documented.members());
    }

    @Test
    void memberChangesShowInTheNextFetch() throws Exception {
        fake.addMember(ROOM, member("wxid_dave", "Dave").invitedBy("wxid_carol"));
        fake.removeMember(ROOM, "wxid_carol");
        fake.renameRoom(ROOM, "新群名");

        ChatroomInfo info = gewe.getChatroomInfo(appId, ROOM);

        assertThat(info.name()).isEqualTo("新群名");
        assertThat(info.members()).extracting(ChatroomMember::wxid).containsExactly("wxid_alice", "wxid_bob", "wxid_dave");
    }

    @Test
    void unknownGroupAndOfflineAccountAreErrors() throws Exception {
        GeweException unknown = catchThrowableOfType(GeweException.class,
                () -> gewe.getChatroomMemberList(appId, "1@chatroom"));
        fake.goOffline(appId, true);
        GeweException offline = catchThrowableOfType(GeweException.class, () -> gewe.fetchContactsList(appId));

        assertThat(unknown.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(unknown.msg()).isEqualTo("获取群成员列表异常:null");
        assertThat(offline.kind()).isEqualTo(Kind.OFFLINE);
        assertThat(offline.msg()).isEqualTo("获取联系人列表失败");
        assertThat(offline.dataMsg()).isEqualTo("微信已离线");
    }
}
