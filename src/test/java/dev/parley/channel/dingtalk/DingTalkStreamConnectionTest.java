package dev.parley.channel.dingtalk;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import dev.parley.testing.Await;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Stream SDK against {@link FakeDingTalk}'s gateway: it opens the connection where {@code api.url} points,
 * dials the TLS WebSocket, hands robot messages and card presses to our listener, and acknowledges them. The SDK
 * trusts the JVM's default trust store only, so the fake's certificate is made trusted for this class through the
 * {@code javax.net.ssl.trustStore} properties, restored afterwards.
 */
class DingTalkStreamConnectionTest {
    private static final List<String> TRUST_PROPERTIES = List.of("javax.net.ssl.trustStore",
            "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType");
    private static final Map<String, String> saved = new HashMap<>();

    @BeforeAll
    static void trustTheFakeGateway() {
        TRUST_PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
        System.setProperty("javax.net.ssl.trustStore", FakeDingTalk.trustStore());
        System.setProperty("javax.net.ssl.trustStorePassword", FakeDingTalk.STORE_PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    @AfterAll
    static void restoreTrust() {
        saved.forEach((p, v) -> {
            if (v == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, v);
            }
        });
    }

    /** Records what the connection delivers; a message with id {@code boom} fails. */
    private static final class Recorder implements StreamConnection.Listener {
        final List<RobotMessage> messages = new CopyOnWriteArrayList<>();
        final List<CardCallback> presses = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(RobotMessage message) {
            if (message.msgId().equals("boom")) {
                throw new IllegalStateException("the database is down");
            }
            messages.add(message);
        }

        @Override
        public void onCardAction(CardCallback press) {
            presses.add(press);
        }
    }

    @Test
    void theSdkConnectsDeliversAndAcknowledges() throws Exception {
        try (FakeDingTalk fake = FakeDingTalk.start()) {
            Recorder recorder = new Recorder();
            DingTalkSettings settings = new DingTalkSettings(FakeDingTalk.CLIENT_ID, FakeDingTalk.CLIENT_SECRET,
                    DingTalkSettings.STREAM, fake.apiUrl(), fake.oapiUrl(), "");
            StreamConnection connection = new StreamConnection(settings, recorder);
            try {
                long before = System.nanoTime();
                connection.start();
                assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
                await("a connected socket", () -> fake.openSockets() == 1);
                assertThat(connection.started()).isTrue();

                JsonNode open = fake.openRequests().get(0);
                assertThat(open.path("clientId").asText()).isEqualTo(FakeDingTalk.CLIENT_ID);
                assertThat(open.path("subscriptions").findValuesAsText("topic"))
                        .contains("/v1.0/im/bot/messages/get", "/v1.0/card/instances/callback");

                String messageFrame = fake.pushBotMessage(DingTalkRobotMessageTest.GROUP_MESSAGE);
                await("the message", () -> recorder.messages.size() == 1);
                RobotMessage message = recorder.messages.get(0);
                assertThat(message.msgId()).isEqualTo("msgA1");
                assertThat(message.text()).isEqualTo("/bot list");
                assertThat(message.senderStaffId()).isEqualTo("manager4220");
                await("its ack", () -> fake.ackOf(messageFrame) != null);
                assertThat(fake.ackOf(messageFrame).path("code").asInt()).isEqualTo(200);

                String cardFrame = fake.pushCardCallback("""
                        {"outTrackId":"card-7","corpId":"dingcorp","userId":"manager4220","userIdType":1,
                         "type":"actionCallback","spaceType":"im","spaceId":"cidGroup123==",
                         "content":"{\\"cardPrivateData\\":{\\"actionIds\\":[\\"btn\\"],\\"params\\":{\\"actionId\\":\\"a3\\"}}}"}""");
                await("the press", () -> recorder.presses.size() == 1);
                assertThat(recorder.presses.get(0)).isEqualTo(new CardCallback("manager4220", "card-7", "a3"));
                await("its ack", () -> fake.ackOf(cardFrame) != null);
                assertThat(fake.ackOf(cardFrame).path("code").asInt()).isEqualTo(200);

                String failing = fake.pushBotMessage("{\"msgId\":\"boom\",\"conversationId\":\"cid\"}");
                await("the refusal", () -> fake.ackOf(failing) != null);
                assertThat(fake.ackOf(failing).path("code").asInt()).isNotEqualTo(200);
            } finally {
                connection.close();
                connection.close();
            }
            await("the socket closed", () -> fake.openSockets() == 0);
            assertThat(connection.started()).isFalse();
            // the SDK's own pools end; its static netty event loop and timer threads stay (see StreamConnection)
            await("the SDK's consumer and connection threads to end", () -> Thread.getAllStackTraces().keySet()
                    .stream().noneMatch(t -> t.isAlive()
                            && t.getName().matches("(DingTalk-Consumer|connection-pool)-.*")));
        }
    }

    @Test
    void closingBeforeTheGatewayAnswersEndsTheStarter() {
        DingTalkSettings settings = new DingTalkSettings(FakeDingTalk.CLIENT_ID, FakeDingTalk.CLIENT_SECRET,
                DingTalkSettings.STREAM, "http://127.0.0.1:9", "http://127.0.0.1:9", "");
        StreamConnection connection = new StreamConnection(settings, new Recorder());
        connection.start();
        connection.close();
        connection.start();
        assertThat(connection.started()).isFalse();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(condition, what);
    }
}
