package dev.parley.connector.whatsapp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.parley.config.Sealer;
import dev.parley.contact.GroupChange;
import dev.parley.connector.GroupSnapshot;
import dev.parley.db.Database;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;
import dev.parley.testing.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Parley makes of the payloads Baileys 7 really emits (the recorded fixtures): each message type, the people
 * behind LIDs and phone numbers, and each kind of participant change, with their actors.
 */
class WhatsAppMappingTest {
    private static final String SESSION = "wa-map";
    private static final String SELF = "8613800138000@s.whatsapp.net";
    private static final String GROUP = "120363041234567890@g.us";
    private static final String ALICE = "8613900139000@s.whatsapp.net";
    private static final String ALICE_LID = "205171629613178@lid";
    private static Database db;
    private static SessionStore store;
    private People people;
    private MessageMapper mapper;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("wamapping");
        store = new SessionStore(db.jdbi(), Sealer.withKey(new byte[32]), java.time.InstantSource.system());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void freshSession() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM whatsapp_lids"));
        people = People.load(SESSION, store);
        mapper = new MessageMapper(SESSION);
    }

    @Test
    void aGroupTextFromALidIsStoredUnderThePhoneNumberBesideIt() {
        InboundMessage m = message("upsert-group-text");
        assertThat(m.chatId()).isEqualTo(GROUP);
        assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(m.senderId()).isEqualTo(ALICE);
        assertThat(m.senderName()).isEqualTo("Alice Wang");
        assertThat(m.direction()).isEqualTo(Direction.IN);
        assertThat(m.type()).isEqualTo(MessageType.TEXT);
        assertThat(m.text()).isEqualTo("Anyone up for Saturday? ⛰️");
        assertThat(m.platformMsgId()).isEqualTo("3EB0C767D26A1D2A4F7D");
        assertThat(m.sentAt()).isEqualTo(upsert("upsert-group-text").path("messageTimestamp").asLong() * 1000);
        // learnt: the LID alone now reads as Alice, and so it does for a new session on the same store
        assertThat(people.id(ALICE_LID, null)).isEqualTo(ALICE);
        assertThat(People.load(SESSION, store).id(ALICE_LID + "", null)).isEqualTo(ALICE);
    }

    @Test
    void aReplyKeepsItsQuoteAndItsMentionsResolveToPeople() {
        message("upsert-group-text"); // learns Alice's LID
        InboundMessage m = message("upsert-group-quote");
        assertThat(m.type()).isEqualTo(MessageType.QUOTE);
        assertThat(m.refMsgId()).isEqualTo("3EB0C767D26A1D2A4F7D");
        assertThat(m.text()).startsWith("@205171629613178 count me in");
        assertThat(m.mentions()).containsExactly(ALICE, "123456789012345@lid");
        assertThat(m.senderId()).isEqualTo("8613700137000@s.whatsapp.net");
    }

    @Test
    void privateMessagesOfEveryKindAreMapped() {
        InboundMessage text = message("upsert-private-text");
        assertThat(text.chatId()).isEqualTo(ALICE);
        assertThat(text.chatType()).isEqualTo(ChatType.PRIVATE);
        assertThat(text.senderId()).isEqualTo(ALICE);

        InboundMessage image = message("upsert-image");
        assertThat(image.type()).isEqualTo(MessageType.IMAGE);
        assertThat(image.text()).isEqualTo("Trail map");
        assertThat(message("upsert-video").type()).isEqualTo(MessageType.VIDEO);
        assertThat(message("upsert-audio-ptt").type()).isEqualTo(MessageType.VOICE);
        assertThat(message("upsert-sticker").type()).isEqualTo(MessageType.EMOJI);
        InboundMessage document = message("upsert-document");
        assertThat(document.type()).isEqualTo(MessageType.FILE);
        assertThat(document.text()).startsWith("route.pdf");
        InboundMessage location = message("upsert-location");
        assertThat(location.type()).isEqualTo(MessageType.LOCATION);
        assertThat(location.text()).isEqualTo("Wutong Mountain\nLuohu, Shenzhen");
        InboundMessage card = message("upsert-contact");
        assertThat(card.type()).isEqualTo(MessageType.CARD);
        assertThat(card.text()).isEqualTo("Bob Li");
    }

    @Test
    void reactionsEditsWithdrawalsAndWrappersAreTheirOwnTypes() {
        InboundMessage reaction = message("upsert-reaction");
        assertThat(reaction.type()).isEqualTo(MessageType.REACTION);
        assertThat(reaction.text()).isEqualTo("👍");
        assertThat(reaction.refMsgId()).isEqualTo("3EB0C767D26A1D2A4F7D");
        InboundMessage revoke = message("upsert-revoke");
        assertThat(revoke.type()).isEqualTo(MessageType.REVOKE);
        assertThat(revoke.refMsgId()).isEqualTo("3EB0C767D26A1D2A4F7D");
        InboundMessage edit = message("upsert-edit");
        assertThat(edit.type()).isEqualTo(MessageType.EDIT);
        assertThat(edit.text()).isEqualTo("Hi! Is the Saturday walk still on? (9 am?)");
        assertThat(edit.refMsgId()).isEqualTo("3EB0C767D26A1D2B0917");
        assertThat(message("upsert-ephemeral").text()).isEqualTo("This chat has disappearing messages on");
        assertThat(message("upsert-view-once").type()).isEqualTo(MessageType.IMAGE);
    }

    @Test
    void theAccountsOwnMessagesAndNoticesAreKeptAndNothingElse() {
        InboundMessage mine = message("upsert-from-me");
        assertThat(mine.direction()).isEqualTo(Direction.OUT);
        assertThat(mine.senderId()).isEqualTo(SELF);
        assertThat(mine.senderName()).isNull();
        InboundMessage echo = message("upsert-sent-append");
        assertThat(echo.platformMsgId()).as("the id the send returned, so the echo is a duplicate of the send")
                .isEqualTo(FakeBridge.fixture("result-sendMessage", SESSION, Map.of()).path("result").path("key")
                        .path("id").asText());
        InboundMessage stub = message("upsert-group-stub-add");
        assertThat(stub.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(stub.text()).startsWith("GROUP_PARTICIPANT_ADD");
        assertThat(stub.sentAt()).as("a string timestamp, as whole protobuf messages have them")
                .isEqualTo(Long.parseLong(upsert("upsert-group-stub-add").path("messageTimestamp").asText()) * 1000);
        // a message Baileys could not decrypt yet is not stored: it comes again, decrypted, under the same id
        JsonNode undecrypted = upsert("upsert-private-text").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) undecrypted).put("messageStubType", "CIPHERTEXT")
                .remove("message");
        assertThat(mapper.map(undecrypted, SELF, people)).isEmpty();
        JsonNode status = upsert("upsert-private-text").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) status.path("key")).put("remoteJid", "status@broadcast");
        assertThat(mapper.map(status, SELF, people)).isEmpty();
    }

    @Test
    void participantChangesBecomeJoinsLeavesKicksAndRoleChangesWithTheirActors() {
        GroupMapper.Self self = new GroupMapper.Self(SELF, "123456789012345@lid");
        GroupChange add = only(participants("group-participants-add", self));
        assertThat(add.kind()).isEqualTo(GroupChange.Kind.JOIN_INVITED);
        assertThat(add.actorId()).isEqualTo("147258369014725@lid");
        assertThat(add.members()).extracting(GroupChange.Member::id).containsExactly("8613600136000@s.whatsapp.net");
        assertThat(only(participants("group-participants-add-invite-link", self)).kind())
                .isEqualTo(GroupChange.Kind.JOIN_LINK);
        GroupChange kick = only(participants("group-participants-remove-kick", self));
        assertThat(kick.kind()).isEqualTo(GroupChange.Kind.KICK);
        assertThat(kick.actorId()).isNotNull();
        GroupChange leave = only(participants("group-participants-remove-leave", self));
        assertThat(leave.kind()).isEqualTo(GroupChange.Kind.LEAVE);
        assertThat(leave.actorId()).isNull();
        assertThat(only(participants("group-participants-promote", self)).kind()).isEqualTo(GroupChange.Kind.PROMOTE);
        assertThat(only(participants("group-participants-demote", self)).kind()).isEqualTo(GroupChange.Kind.DEMOTE);
        GroupChange removed = only(participants("group-participants-remove-me", self));
        assertThat(removed.kind()).isEqualTo(GroupChange.Kind.REMOVED);
        assertThat(removed.members()).isEmpty();
    }

    @Test
    void groupMetadataGivesTheMemberListAndASubjectChangeARename() {
        JsonNode upsert = FakeBridge.fixture("groups-upsert", SESSION, Map.of()).path("data").path(0);
        Optional<GroupSnapshot> group = GroupMapper.snapshot(upsert, people);
        assertThat(group).isPresent();
        assertThat(group.get().name()).isNotBlank();
        assertThat(group.get().members()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.id()).endsWith("@s.whatsapp.net"));
        JsonNode rename = FakeBridge.fixture("groups-update-subject", SESSION, Map.of()).path("data").path(0);
        GroupChange change = GroupMapper.rename(rename, people).orElseThrow();
        assertThat(change.kind()).isEqualTo(GroupChange.Kind.RENAME);
        assertThat(change.newName()).isEqualTo(rename.path("subject").asText());
        assertThat(change.actorId()).isNotNull();
    }

    private List<GroupChange> participants(String fixture, GroupMapper.Self self) {
        return GroupMapper.participants(FakeBridge.fixture(fixture, SESSION, Map.of()).path("data"), self, people);
    }

    private static GroupChange only(List<GroupChange> changes) {
        assertThat(changes).hasSize(1);
        return changes.getFirst();
    }

    private InboundMessage message(String fixture) {
        return mapper.map(upsert(fixture), SELF, people).orElseThrow(() -> new AssertionError(fixture + " gave nothing"));
    }

    private static JsonNode upsert(String fixture) {
        return FakeBridge.fixture(fixture, SESSION, Map.of()).path("data").path("messages").path(0);
    }
}
