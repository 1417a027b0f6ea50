package dev.parley.connector.gewe;

import java.time.Duration;
import java.util.List;

import dev.parley.connector.ConnectorException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Whether a failed send may still have reached the chat: the outbound queue retries only sends that certainly did
 * not, and leaves the others to an admin.
 */
class GeweConnectorOutcomeTest {
    private FakeGeweServer fake;
    private GeweClient client;
    private GeweConnector connector;
    private String appId;

    @BeforeEach
    void setUp() {
        fake = FakeGeweServer.start();
        client = GeweClient.builder().baseUrl(fake.baseUrl()).token(fake.token()).requestTimeout(Duration.ofMillis(300))
                .build();
        connector = new GeweConnector(client, fake.token(), "320000", null, null);
        appId = fake.onlineDevice("wxid_outcome", "Outcome");
    }

    @AfterEach
    void tearDown() {
        client.close();
        fake.close();
    }

    @Test
    void aTimeoutMayHaveSent() {
        fake.on("/message/postText").times(1).delay(Duration.ofMillis(800));
        ConnectorException e = sendFails();
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
        assertThat(e.mayHaveTakenEffect()).isTrue();
    }

    @Test
    void anUnreadableAnswerMayHaveSent() {
        fake.on("/message/postText").times(1).malformedJson();
        assertThat(sendFails().mayHaveTakenEffect()).isTrue();
    }

    @Test
    void anHttpErrorDidNotSend() {
        fake.on("/message/postText").times(1).httpStatus(502);
        ConnectorException e = sendFails();
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
        assertThat(e.mayHaveTakenEffect()).isFalse();
    }

    @Test
    void aRefusedConnectionDidNotSend() {
        fake.close();
        ConnectorException e = sendFails();
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
        assertThat(e.mayHaveTakenEffect()).isFalse();
    }

    @Test
    void refusalsAndOfflineAccountsDidNotSend() {
        fake.on("/message/postText").times(1).offline();
        ConnectorException offline = sendFails();
        assertThat(offline.kind()).isEqualTo(ConnectorException.Kind.OFFLINE);
        assertThat(offline.mayHaveTakenEffect()).isFalse();
        fake.on("/message/postText").times(1).envelope("{\"ret\":500,\"msg\":\"发送失败\"}");
        assertThat(sendFails().mayHaveTakenEffect()).isFalse();
    }

    private ConnectorException sendFails() {
        return catchThrowableOfType(ConnectorException.class,
                () -> connector.sendText(appId, "wxid_friend", "hello", List.of()));
    }
}
