package dev.parley.connector.whatsappcloud;

import java.nio.charset.StandardCharsets;

import dev.parley.connector.ConnectorException;
import dev.parley.connector.Receipt;
import dev.parley.message.ChatType;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook deliveries read the way Meta sends them, hostile ones refused whole, signatures checked on the raw bytes,
 * and Graph's error codes mapped to what the outbound queue does.
 */
class CloudPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyMessageTypeIsArchivedWithItsSearchableText() throws Exception {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100100",
                "phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Anna"},"wa_id":"4915112345678"}],
                "messages":[
                 {"from":"4915112345678","id":"wamid.1","timestamp":"1765100000","type":"button","button":{"text":"Yes please","payload":"Y"}},
                 {"from":"4915112345678","id":"wamid.2","timestamp":"1765100001","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"r1","title":"Refund"}}},
                 {"from":"4915112345678","id":"wamid.3","timestamp":"1765100002","type":"document","document":{"filename":"invoice.pdf","mime_type":"application/pdf","id":"777"}},
                 {"from":"4915112345678","id":"wamid.4","timestamp":"1765100003","type":"reaction","reaction":{"message_id":"wamid.1","emoji":"👍"}},
                 {"from":"4915112345678","id":"wamid.5","timestamp":"1765100004","type":"text","text":{"body":"and this"},"context":{"from":"15550100100","id":"wamid.OUT"}},
                 {"from":"4915112345678","id":"wamid.6","timestamp":"1765100005","type":"unsupported","errors":[{"code":131051}]},
                 {"from":"4915112345678","id":"wamid.7","timestamp":"1765100006","type":"text","group_id":"120363000000000001","text":{"body":"in the group"}}
                ]}}]}]}""";
        CloudPayloads.Delivery delivery = CloudPayloads.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(delivery.arrivals).hasSize(7);
        InboundMessage button = delivery.arrivals.get(0).message();
        assertThat(button.type()).isEqualTo(MessageType.TEXT);
        assertThat(button.text()).isEqualTo("Yes please");
        assertThat(button.senderName()).isEqualTo("Anna");
        assertThat(button.accountExternalId()).isEqualTo("106540352242922");
        assertThat(button.accountSelfId()).isEqualTo("15550100100");
        assertThat(button.sentAt()).isEqualTo(1_765_100_000_000L);
        assertThat(delivery.arrivals.get(1).message().text()).isEqualTo("Refund");
        assertThat(delivery.arrivals.get(2).message().type()).isEqualTo(MessageType.FILE);
        assertThat(delivery.arrivals.get(2).message().text()).isEqualTo("invoice.pdf");
        assertThat(delivery.arrivals.get(3).message().type()).isEqualTo(MessageType.REACTION);
        assertThat(delivery.arrivals.get(3).message().refMsgId()).isEqualTo("wamid.1");
        assertThat(delivery.arrivals.get(4).message().refMsgId()).isEqualTo("wamid.OUT");
        assertThat(delivery.arrivals.get(5).message().type()).isEqualTo(MessageType.UNKNOWN);
        InboundMessage group = delivery.arrivals.get(6).message();
        assertThat(group.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(group.chatId()).isEqualTo("120363000000000001");
        assertThat(group.senderId()).isEqualTo("4915112345678");
        assertThat(delivery.wabas).containsEntry("106540352242922", "102290129340398");
        assertThat(delivery.names.get("106540352242922")).containsEntry("4915112345678", "Anna");
    }

    @Test
    void statusesBecomeReceiptsWithTheirError() throws Exception {
        String body = CloudWebhooks.failedStatus("1", "106540352242922", "wamid.X", "4915112345678", 131026,
                "Message undeliverable", 1_765_100_000L);
        CloudPayloads.Delivery delivery = CloudPayloads.parse(body.getBytes(StandardCharsets.UTF_8));
        Receipt receipt = delivery.receipts.get("106540352242922").getFirst();
        assertThat(receipt.status()).isEqualTo(Receipt.Status.FAILED);
        assertThat(receipt.messageId()).isEqualTo("wamid.X");
        assertThat(receipt.at()).isEqualTo(1_765_100_000_000L);
        assertThat(receipt.error()).isEqualTo("(131026) Message undeliverable");
    }

    @Test
    void hostileDeliveriesAreRefusedWholeWithTheReason() {
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOfSatisfying(CloudPayloads.BadPayload.class,
                e -> assertThat(e.key()).isEqualTo("webhook.error.not_an_object"));
        assertThatThrownBy(() -> parse("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":"
                + "\"messages\",\"value\":{\"metadata\":{}}}]}]}")).isInstanceOfSatisfying(CloudPayloads.BadPayload.class,
                e -> assertThat(e.args()).containsEntry("field", "entry.changes.value.metadata.phone_number_id"));
        String longId = "x".repeat(200);
        assertThatThrownBy(() -> parse(CloudWebhooks.text("1", "106540352242922", "49151", "A", longId, "hi", 1L)))
                .isInstanceOfSatisfying(CloudPayloads.BadPayload.class,
                        e -> assertThat(e.key()).isEqualTo("webhook.error.field_too_long"));
        assertThatThrownBy(() -> parse(CloudWebhooks.text("1", "106540352242922", "49151", "A", "wamid.T", "hi", 0L)))
                .isInstanceOfSatisfying(CloudPayloads.BadPayload.class,
                        e -> assertThat(e.args()).containsEntry("field", "messages.timestamp"));
        assertThatThrownBy(() -> parse(CloudWebhooks.status("1", "106540352242922", "wamid.S", "49151", "exploded", 1L)))
                .isInstanceOfSatisfying(CloudPayloads.BadPayload.class,
                        e -> assertThat(e.args()).containsEntry("detail", "exploded"));
    }

    @Test
    void anotherProductsWebhookIsAcceptedAndIgnored() throws Exception {
        CloudPayloads.Delivery delivery = parse("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[]}]}");
        assertThat(delivery.arrivals).isEmpty();
        assertThat(delivery.receipts).isEmpty();
    }

    @Test
    void onlyTheExactBytesWithTheAppSecretPassTheSignature() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String good = CloudWebhooks.sign("s3cret", body);
        assertThat(CloudWebhookService.signedBy("s3cret", body, good)).isTrue();
        assertThat(CloudWebhookService.signedBy("s3cret", body, good.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
        assertThat(CloudWebhookService.signedBy("other", body, good)).isFalse();
        assertThat(CloudWebhookService.signedBy("s3cret", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
        assertThat(CloudWebhookService.signedBy("s3cret", body, good.substring("sha256=".length()))).isFalse();
        assertThat(CloudWebhookService.signedBy("s3cret", body, "sha256=zz")).isFalse();
        assertThat(CloudWebhookService.signedBy("s3cret", body, "sha256=")).isFalse();
        assertThat(CloudWebhookService.signedBy("s3cret", body, "")).isFalse();
    }

    @Test
    void graphErrorsMapToRetriesRefusalsAndLostNumbers() throws Exception {
        assertThat(error(400, 130429).toConnector().kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
        ConnectorException pair = error(400, 131056).toConnector();
        assertThat(pair.kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
        assertThat(pair.retryAfterMillis()).isEqualTo(6_000);
        assertThat(error(400, 131047).toConnector().kind()).isEqualTo(ConnectorException.Kind.PERMANENT);
        assertThat(error(400, 131026).toConnector().kind()).isEqualTo(ConnectorException.Kind.PERMANENT);
        assertThat(error(401, 190).tokenRejected()).isTrue();
        assertThat(error(401, 190).toConnector().kind()).isEqualTo(ConnectorException.Kind.OFFLINE);
        assertThat(error(400, 131031).numberBlocked()).isTrue();
        assertThat(error(503, 0).toConnector().kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
        assertThat(error(400, 100).toConnector().kind()).isEqualTo(ConnectorException.Kind.PERMANENT);
        assertThat(error(400, 131047).describe()).isEqualTo("(131047) Re-engagement message: more than 24 hours");
    }

    private static GraphError error(int status, int code) throws Exception {
        JsonNode error = JSON.readTree("{\"message\":\"(#" + code + ") Re-engagement message\",\"code\":" + code
                + ",\"error_data\":{\"details\":\"more than 24 hours\"}}");
        return GraphError.of(status, error);
    }

    private static CloudPayloads.Delivery parse(String body) throws CloudPayloads.BadPayload {
        return CloudPayloads.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
