package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.APP;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.BOT;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.FRIEND;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.RECEIVED_AT;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.ROOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.connector.gewe.GeweCallback.Ignored;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

/** Bodies that try to break the parser: bad JSON, missing and oversized fields, hostile XML, concurrency. */
class GeweCallbackParserHostileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GeweCallbackParser parser = GeweCallbackParser.create();

    @Test
    void malformedJsonNamesTheProblemBriefly() {
        GeweCallbackException e = failure("{\"TypeName\": \"AddMsg\",");

        assertThat(e.key()).isEqualTo("webhook.error.malformed_json");
        assertThat((String) e.args().get("detail")).isNotBlank().doesNotContain("\n");
        assertThat(e.getMessage()).startsWith("Malformed JSON: ");
    }

    @Test
    void malformedJsonDetailStaysShortForHugeGarbage() {
        GeweCallbackException e = failure("{\"a\": tru" + "e".repeat(100_000) + "}");

        assertThat(e.key()).isEqualTo("webhook.error.malformed_json");
        assertThat((String) e.args().get("detail")).hasSizeLessThanOrEqualTo(161);
    }

    @Test
    void undecodableBytesAreMalformed() {
        GeweCallbackException invalidUtf8 = failure(new byte[] {'{', '"', (byte) 0xC3, '(', '"', ':', '1', '}'});
        assertThat(invalidUtf8.key()).isEqualTo("webhook.error.malformed_json");
        assertThat((String) invalidUtf8.args().get("detail")).startsWith("Invalid UTF-8");

        GeweCallbackException oddEncoding = failure(new byte[] {0, '{', 0, 0});
        assertThat(oddEncoding.key()).isEqualTo("webhook.error.malformed_json");
        assertThat((String) oddEncoding.args().get("detail")).contains("UCS-4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void emptyBodyIsMalformed(String body) {
        GeweCallbackException e = failure(body);

        assertThat(e.key()).isEqualTo("webhook.error.malformed_json");
        assertThat(e.args()).isEqualTo(Map.of("detail", "empty body"));
    }

    @Test
    void trailingGarbageIsMalformed() {
        assertThat(failure("{\"testMsg\":\"x\"} {\"testMsg\":\"y\"}").key()).isEqualTo("webhook.error.malformed_json");
    }

    @Test
    void absurdNestingIsMalformed() {
        assertThat(failure("[".repeat(5_000) + "]".repeat(5_000)).key()).isEqualTo("webhook.error.malformed_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"TypeName\":\"AddMsg\"}]", "\"AddMsg\"", "42", "true", "null"})
    void jsonThatIsNotAnObjectIsRefused(String body) {
        GeweCallbackException e = failure(body);

        assertThat(e.key()).isEqualTo("webhook.error.not_an_object");
        assertThat(e.args()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("The body is not a JSON object");
    }

    @Test
    void missingTypeNameIsReported() {
        assertMissing("{}", "TypeName");
        assertMissing("{\"Appid\":\"" + APP + "\",\"TypeName\":\"  \"}", "TypeName");
    }

    @Test
    void missingAppidIsReported() {
        ObjectNode body = textMessage();
        body.remove("Appid");
        assertMissing(body, "Appid");
        assertMissing("{\"TypeName\":\"Offline\",\"Wxid\":\"" + BOT + "\"}", "Appid");
        assertMissing("{\"TypeName\":\"ModContacts\",\"Data\":{}}", "Appid");
    }

    @Test
    void missingDataIsReported() {
        ObjectNode body = textMessage();
        body.remove("Data");
        assertMissing(body, "Data");

        body.put("Data", "not an object");
        GeweCallbackException e = failure(body.toString());
        assertThat(e.key()).isEqualTo("webhook.error.bad_field");
        assertThat(e.args()).containsEntry("field", "Data");
    }

    @Test
    void missingOrBlankNewMsgIdIsReported() {
        ObjectNode body = textMessage();
        data(body).remove("NewMsgId");
        assertMissing(body, "Data.NewMsgId");
        data(body).put("NewMsgId", " ");
        assertMissing(body, "Data.NewMsgId");
        data(body).putObject("NewMsgId");
        assertMissing(body, "Data.NewMsgId");
    }

    @Test
    void missingSenderOrReceiverIsReported() {
        ObjectNode body = textMessage();
        data(body).remove("FromUserName");
        assertMissing(body, "Data.FromUserName");

        body = textMessage();
        data(body).putObject("ToUserName");
        assertMissing(body, "Data.ToUserName");
    }

    @Test
    void missingMsgTypeIsReported() {
        ObjectNode body = textMessage();
        data(body).remove("MsgType");
        assertMissing(body, "Data.MsgType");
    }

    @Test
    void missingFlatFieldsUseTheFlatNames() {
        assertMissing("{\"msgType\":\"TEXT\",\"fromUser\":\"a\",\"toUser\":\"b\",\"newMsgId\":1}", "appid");
        assertMissing("{\"msgType\":\"TEXT\",\"appid\":\"x\",\"toUser\":\"b\",\"newMsgId\":1}", "fromUser");
        assertMissing("{\"msgType\":\"TEXT\",\"appid\":\"x\",\"fromUser\":\"a\",\"toUser\":\"b\"}", "newMsgId");
        assertMissing("{\"appid\":\"x\",\"fromUser\":\"a\",\"toUser\":\"b\",\"newMsgId\":1}", "msgType");
    }

    @Test
    void idsThatAreNotIntegersOrStringsAreRefused() {
        for (String badId : List.of("1.5", "1e20", "true", "[1]", "{\"value\":1}")) {
            ObjectNode body = textMessage();
            data(body).set("NewMsgId", readTree(badId));
            GeweCallbackException e = failure(body.toString());
            assertThat(e.key()).as(badId).isEqualTo("webhook.error.bad_field");
            assertThat(e.args()).as(badId).containsEntry("field", "Data.NewMsgId");
            assertThat(e.getMessage()).as(badId).isEqualTo("Field Data.NewMsgId is invalid: expected an integer or a string");
        }
    }

    @Test
    void idsThatAreNotPlainAsciiAreRefusedRatherThanMerged() {
        for (String badId : List.of("\"消息1\"", "\"１２３\"", "\"12 3\"", "\"12\\u00003\"")) {
            ObjectNode body = textMessage();
            data(body).set("NewMsgId", readTree(badId));
            GeweCallbackException e = failure(body.toString());
            assertThat(e.key()).as(badId).isEqualTo("webhook.error.bad_field");
            assertThat(e.args()).as(badId).containsEntry("field", "Data.NewMsgId");
        }
        GeweCallbackException flat = failure("{\"msgType\":\"TEXT\",\"appid\":\"x\",\"fromUser\":\"a\","
                + "\"toUser\":\"b\",\"newMsgId\":\"é1\"}");
        assertThat(flat.args()).containsEntry("field", "newMsgId");
    }

    @Test
    void nonNumericMsgTypeAndCreateTimeAreRefused() {
        ObjectNode body = textMessage();
        data(body).put("MsgType", "text");
        assertBadField(body, "Data.MsgType");
        data(body).put("MsgType", 10_000_000_000L);
        assertBadField(body, "Data.MsgType");

        body = textMessage();
        data(body).put("CreateTime", "yesterday");
        assertBadField(body, "Data.CreateTime");
    }

    @Test
    void absurdlyLongIdsAreRefused() {
        ObjectNode body = textMessage();
        data(body).put("NewMsgId", new BigInteger("9".repeat(65)));
        assertTooLong(body, "Data.NewMsgId", 64);

        body = textMessage();
        data(body).putObject("FromUserName").put("string", "wxid_" + "x".repeat(124));
        assertTooLong(body, "Data.FromUserName", 128);

        body = textMessage();
        body.put("Appid", "wx_" + "a".repeat(10_000));
        assertTooLong(body, "Appid", 128);

        assertTooLong("{\"TypeName\":\"ModContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":{\"string\":\""
                + "u".repeat(129) + "\"}}}", "Data.UserName", 128);
        assertTooLong("{\"msgType\":\"TEXT\",\"appid\":\"x\",\"fromUser\":\"a\",\"toUser\":\"b\",\"newMsgId\":\""
                + "1".repeat(65) + "\"}", "newMsgId", 64);
    }

    @Test
    void idsAtTheLimitAreAccepted() throws Exception {
        ObjectNode body = textMessage();
        data(body).put("NewMsgId", "9".repeat(64));
        data(body).putObject("FromUserName").put("string", "f".repeat(128));

        InboundMessage m = message(body.toString());
        assertThat(m.platformMsgId()).isEqualTo("9".repeat(64));
        assertThat(m.chatId()).isEqualTo("f".repeat(128));
    }

    @Test
    void createTimeFallsBackOrIsReadAsMilliseconds() throws Exception {
        ObjectNode body = textMessage();
        data(body).remove("CreateTime");
        assertThat(message(body.toString()).sentAt()).isEqualTo(RECEIVED_AT);
        data(body).put("CreateTime", 0);
        assertThat(message(body.toString()).sentAt()).isEqualTo(RECEIVED_AT);
        data(body).put("CreateTime", "1736820013");
        assertThat(message(body.toString()).sentAt()).isEqualTo(1_736_820_013_000L);
        data(body).put("CreateTime", 1_736_820_013_123L);
        assertThat(message(body.toString()).sentAt()).isEqualTo(1_736_820_013_123L);
    }

    @Test
    void plainStringsAreAcceptedWhereWrappersAreUsual() throws Exception {
        ObjectNode body = textMessage();
        data(body).put("FromUserName", FRIEND);
        data(body).put("ToUserName", BOT);
        data(body).put("Content", "不带包装的字符串");

        InboundMessage m = message(body.toString());
        assertThat(m.chatId()).isEqualTo(FRIEND);
        assertThat(m.text()).isEqualTo("不带包装的字符串");
    }

    @Test
    void xxeInsideContentIsNotExpanded() throws Exception {
        InboundMessage m = message(GeweCallbackFixtures.file("xxe-content.json"));

        assertThat(m.type()).as("unreadable app message XML falls back to APP").isEqualTo(MessageType.APP);
        assertThat(m.text()).startsWith("<?xml version=\"1.0\"?><!DOCTYPE msg").contains("&xxe;")
                .doesNotContain("root:");
    }

    @Test
    void brokenXmlFallsBackToTheRawText() throws Exception {
        InboundMessage link = message(GeweCallbackFixtures.file("broken-xml.json"));
        assertThat(link.type()).isEqualTo(MessageType.APP);
        assertThat(link.text()).isEqualTo("<msg><appmsg><title>半截的链接 & 没有转义</title><type>5</type>"
                + "<url>http://a.example/?x=1&y=2");

        assertThat(contentOf(42, "<msg nickname=\"断了")).isEqualTo(new Mapped(MessageType.CARD, "<msg nickname=\"断了"));
        assertThat(contentOf(48, "not xml")).isEqualTo(new Mapped(MessageType.LOCATION, "not xml"));
        assertThat(contentOf(37, "<msg")).isEqualTo(new Mapped(MessageType.FRIEND_REQUEST, "<msg"));
        assertThat(contentOf(10002, "<sysmsg type=\"revokemsg\"><revokemsg>"))
                .isEqualTo(new Mapped(MessageType.SYSTEM, "<sysmsg type=\"revokemsg\"><revokemsg>"));
        assertThat(contentOf(50, "<voipinvitemsg>")).isEqualTo(new Mapped(MessageType.CALL, null));
    }

    @Test
    void brokenMsgSourceMeansNoMentions() throws Exception {
        ObjectNode body = textMessage();
        data(body).put("MsgSource", "<msgsource><atuserlist>wxid_a,wxid_b</atuserl");
        assertThat(message(body.toString()).mentions()).isEmpty();
    }

    @Test
    void mentionsAreTrimmedDeduplicatedAndBounded() throws Exception {
        ObjectNode body = textMessage();
        data(body).put("MsgSource", "<msgsource><atuserlist><![CDATA[,, wxid_a ,wxid_b,wxid_a,"
                + "x".repeat(129) + ",notify@all]]></atuserlist></msgsource>");
        assertThat(message(body.toString()).mentions()).containsExactly("wxid_a", "wxid_b", "notify@all");
    }

    @Test
    void emptyWrappersMeanAbsentText() throws Exception {
        InboundMessage m = message(GeweCallbackFixtures.file("empty-wrappers.json"));

        assertThat(m.type()).isEqualTo(MessageType.TEXT);
        assertThat(m.text()).isNull();
        assertThat(m.senderName()).isNull();
        assertThat(m.mentions()).isEmpty();
        assertThat(m.platformMsgId()).isEqualTo("9012345678901234569");
    }

    @Test
    void groupPrefixThatIsNotAnIdStaysInTheText() throws Exception {
        InboundMessage m = message(groupMessage(1, "hello world:\nnot a prefix"));
        assertThat(m.senderId()).isEqualTo(ROOM);
        assertThat(m.text()).isEqualTo("hello world:\nnot a prefix");

        InboundMessage markup = message(groupMessage(1, "<b>:\nx"));
        assertThat(markup.senderId()).isEqualTo(ROOM);

        InboundMessage onlyPrefix = message(groupMessage(1, "wxid_a:\n"));
        assertThat(onlyPrefix.senderId()).isEqualTo("wxid_a");
        assertThat(onlyPrefix.text()).isNull();
    }

    @Test
    void plainNoticesAreNeverSplitAtAColon() throws Exception {
        InboundMessage m = message(groupMessage(10000, "管理员:\n修改了群名"));
        assertThat(m.senderId()).isEqualTo(ROOM);
        assertThat(m.text()).isEqualTo("管理员:\n修改了群名");
    }

    @Test
    void groupMessageFromTheAccountOnAnotherDeviceIsOutgoing() throws Exception {
        InboundMessage m = message(groupMessage(1, BOT + ":\n我在电脑上发的"));
        assertThat(m.senderId()).isEqualTo(BOT);
        assertThat(m.direction()).isEqualTo(Direction.OUT);
        assertThat(m.text()).isEqualTo("我在电脑上发的");
    }

    @Test
    void unknownMsgTypeKeepsTheBody() throws Exception {
        ObjectNode body = textMessage();
        data(body).put("MsgType", 9999);
        InboundMessage m = message(body.toString());
        assertThat(m.type()).isEqualTo(MessageType.UNKNOWN);
        assertThat(m.text()).isEqualTo("你好");
    }

    @Test
    void quoteWithAnOversizedReferenceKeepsNoReference() {
        String quote = "<msg><appmsg><title>t</title><type>57</type><refermsg><svrid>" + "1".repeat(65)
                + "</svrid></refermsg></appmsg></msg>";
        assertThat(contentOf(49, quote)).isEqualTo(new Mapped(MessageType.QUOTE, "t"));
    }

    @Test
    void hostileTypeNameIsCutAndFlattenedForLogs() throws Exception {
        GeweCallback callback = parser.parse(("{\"TypeName\":\"Evil\\nLine" + "x".repeat(500) + "\"}")
                .getBytes(StandardCharsets.UTF_8), RECEIVED_AT);

        Ignored ignored = (Ignored) callback;
        assertThat(ignored.reason()).startsWith("unhandled-type:Evil Line").endsWith("…").doesNotContain("\n");
        assertThat(ignored.reason()).hasSize("unhandled-type:".length() + 64 + 1);
    }

    @Test
    void concurrentParsesGiveTheSameResults() throws Exception {
        List<String> fixtures = List.of("private-text-in.json", "group-text-mentions.json", "sysmsg-join.json",
                "quote-group.json", "link.json", "sysmsg-revoke.json", "v2-group-sent.json", "mod-contacts-room.json");
        List<GeweCallback> expected = new ArrayList<>();
        for (String fixture : fixtures) {
            expected.add(parser.parse(GeweCallbackFixtures.file(fixture), RECEIVED_AT));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int n = i % fixtures.size();
                        if (!parser.parse(GeweCallbackFixtures.file(fixtures.get(n)), RECEIVED_AT).equals(expected.get(n))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        }
    }

    /** A content mapping reduced to what the assertions compare. */
    private record Mapped(MessageType type, String text) {
    }

    private Mapped contentOf(int msgType, String content) {
        ObjectNode body = textMessage();
        data(body).put("MsgType", msgType);
        data(body).putObject("Content").put("string", content);
        try {
            InboundMessage m = message(body.toString());
            assertThat(m.refMsgId()).isNull();
            return new Mapped(m.type(), m.text());
        } catch (GeweCallbackException e) {
            throw new AssertionError(e);
        }
    }

    private static String groupMessage(int msgType, String content) {
        ObjectNode body = textMessage();
        data(body).put("MsgType", msgType);
        data(body).putObject("FromUserName").put("string", ROOM);
        data(body).putObject("Content").put("string", content);
        return body.toString();
    }

    private static ObjectNode textMessage() {
        return (ObjectNode) readTree(GeweCallbackFixtures.privateText(APP, BOT, FRIEND, "你好", "5391702846127384915",
                1_736_820_013L));
    }

    private static ObjectNode data(ObjectNode body) {
        return (ObjectNode) body.get("Data");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private InboundMessage message(String body) throws GeweCallbackException {
        return message(body.getBytes(StandardCharsets.UTF_8));
    }

    private InboundMessage message(byte[] body) throws GeweCallbackException {
        GeweCallback callback = parser.parse(body, RECEIVED_AT);
        assertThat(callback).isInstanceOf(GeweCallback.Message.class);
        return ((GeweCallback.Message) callback).message();
    }

    private GeweCallbackException failure(String body) {
        return failure(body.getBytes(StandardCharsets.UTF_8));
    }

    private GeweCallbackException failure(byte[] body) {
        GeweCallbackException e = catchThrowableOfType(GeweCallbackException.class,
                () -> parser.parse(body, RECEIVED_AT));
        assertThat(e).as("expected the body to be refused").isNotNull();
        return e;
    }

    private void assertMissing(Object body, String field) {
        GeweCallbackException e = failure(body.toString());
        assertThat(e.key()).isEqualTo("webhook.error.missing_field");
        assertThat(e.args()).isEqualTo(Map.of("field", field));
        assertThat(e.getMessage()).isEqualTo("Missing field " + field);
    }

    private void assertBadField(Object body, String field) {
        GeweCallbackException e = failure(body.toString());
        assertThat(e.key()).isEqualTo("webhook.error.bad_field");
        assertThat(e.args()).containsEntry("field", field).containsKey("detail");
    }

    private void assertTooLong(Object body, String field, int max) {
        GeweCallbackException e = failure(body.toString());
        assertThat(e.key()).isEqualTo("webhook.error.field_too_long");
        assertThat(e.args()).isEqualTo(Map.of("field", field, "max", max));
        assertThat(e.getMessage()).isEqualTo("Field " + field + " is longer than " + max + " characters");
    }
}
