package dev.parley.connector.whatsappcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The fake Graph API answers as Meta does, and the webhook builders sign what they build. */
class FakeGraphTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "106540352242922";
    private static final String WABA = "102290129340398";
    private static final String TOKEN = "EAAG-fake-token";

    private final FakeGraph graph = FakeGraph.start();
    private final HttpClient http = HttpClient.newHttpClient();

    FakeGraphTest() {
        graph.number(PHONE, TOKEN, WABA, "Acme Support", "+1 555-010-0100", "GREEN", "TIER_1K");
    }

    @AfterEach
    void close() {
        http.close();
        graph.close();
    }

    @Test
    void aCallWithoutTheNumbersTokenIsRefusedAsGraphDoes() throws Exception {
        HttpResponse<String> none = get(graph.baseUrl() + "/" + PHONE + "?fields=quality_rating", null);
        HttpResponse<String> wrong = get(graph.baseUrl() + "/" + PHONE, "someone-else");
        HttpResponse<String> right = get(graph.baseUrl() + "/" + PHONE + "?fields=quality_rating", TOKEN);
        HttpResponse<String> unknown = get(graph.baseUrl() + "/999", TOKEN);

        for (HttpResponse<String> refused : List.of(none, wrong)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(JSON.readTree(refused.body()).at("/error/code").asInt()).isEqualTo(190);
            assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("OAuthException");
        }
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(right.body())).isEqualTo(JSON.readTree("""
                {"verified_name":"Acme Support","display_phone_number":"+1 555-010-0100","quality_rating":"GREEN",
                 "messaging_limit_tier":"TIER_1K","id":"106540352242922"}"""));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).at("/error/code").asInt()).isEqualTo(100);
        assertThat(JSON.readTree(unknown.body()).at("/error/error_subcode").asInt()).isEqualTo(33);

        graph.quality(PHONE, "YELLOW", "TIER_250");
        JsonNode changed = JSON.readTree(get(graph.baseUrl() + "/" + PHONE, TOKEN).body());
        assertThat(changed.get("quality_rating").asText()).isEqualTo("YELLOW");
        assertThat(changed.get("messaging_limit_tier").asText()).isEqualTo("TIER_250");
    }

    @Test
    void aSendIsRecordedAndAnsweredWithTheIdItHandsOut() throws Exception {
        HttpResponse<String> sent = send("""
                {"messaging_product":"whatsapp","to":"+1 (555) 222-3333","type":"text","text":{"body":"hi"}}""");
        HttpResponse<String> noTo = send("{\"messaging_product\":\"whatsapp\",\"type\":\"text\"}");

        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(sent.body());
        assertThat(answer.at("/contacts/0/input").asText()).isEqualTo("+1 (555) 222-3333");
        assertThat(answer.at("/contacts/0/wa_id").asText()).isEqualTo("15552223333");
        assertThat(graph.sentIds()).containsExactly(answer.at("/messages/0/id").asText());
        assertThat(graph.sentIds().get(0)).startsWith("wamid.");
        FakeGraph.Recorded recorded = graph.awaitMessage(b -> b.at("/text/body").asText().equals("hi"));
        assertThat(recorded.phoneId()).isEqualTo(PHONE);
        assertThat(recorded.authorization()).isEqualTo("Bearer " + TOKEN);

        assertThat(noTo.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noTo.body()).at("/error/message").asText())
                .isEqualTo("(#100) The parameter to is required.");
        assertThat(graph.messages()).hasSize(1);
        assertThat(graph.attempts(PHONE)).isEqualTo(2);
        assertThat(graph.calls("/v21.0/" + PHONE + "/messages")).isEqualTo(2);
        assertThat(graph.calls("/media-download/")).isZero();
    }

    @Test
    void aScriptedFailureAnswersOnceThenSendsSucceed() throws Exception {
        graph.fail(PHONE, 400, 131047, "Re-engagement message", 1);
        String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"15552223333\",\"type\":\"text\","
                + "\"text\":{\"body\":\"later\"}}";

        HttpResponse<String> first = send(body);
        HttpResponse<String> second = send(body);

        assertThat(first.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(first.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(131047);
        assertThat(error.get("message").asText()).isEqualTo("(#131047) Re-engagement message");
        assertThat(error.at("/error_data/details").asText()).isEqualTo("Re-engagement message");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(graph.attempts(PHONE)).isEqualTo(2);
        assertThat(graph.messages()).hasSize(1);
        assertThat(graph.sentIds()).hasSize(1);
    }

    @Test
    void templatesArePagedThroughNext() throws Exception {
        graph.template(WABA, "order_update", "en_US", "APPROVED", "UTILITY", "Your order {{1}} shipped");
        graph.template(WABA, "order_update", "de_DE", "APPROVED", "UTILITY", "Bestellung {{1}} versandt");
        graph.template(WABA, "promo", "en_US", "REJECTED", "MARKETING", "Sale!");

        List<String> seen = new ArrayList<>();
        String url = graph.baseUrl() + "/" + WABA + "/message_templates?limit=1";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> page = get(url, TOKEN);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode json = JSON.readTree(page.body());
            assertThat(json.get("data")).hasSize(1);
            JsonNode template = json.at("/data/0");
            seen.add(template.get("name").asText() + "/" + template.get("language").asText());
            assertThat(template.at("/components/1/type").asText()).isEqualTo("BODY");
            url = json.at("/paging/next").isMissingNode() ? null : json.at("/paging/next").asText();
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("order_update/en_US", "order_update/de_DE", "promo/en_US");
        assertThat(get(graph.baseUrl() + "/" + WABA + "/message_templates", "nope").statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(get(graph.baseUrl() + "/" + WABA + "/message_templates", TOKEN).body())
                .get("data")).hasSize(3);
    }

    @Test
    void mediaIsDescribedAndDownloadedOnlyWithTheBearer() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        String mediaId = graph.media(PHONE, jpeg, "image/jpeg");

        JsonNode info = JSON.readTree(get(graph.baseUrl() + "/" + mediaId, TOKEN).body());
        assertThat(mediaId).containsOnlyDigits();
        assertThat(info.get("id").asText()).isEqualTo(mediaId);
        assertThat(info.get("mime_type").asText()).isEqualTo("image/jpeg");
        assertThat(info.get("file_size").asInt()).isEqualTo(jpeg.length);
        assertThat(info.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)));
        String url = info.get("url").asText();
        assertThat(url).endsWith("/media-download/" + mediaId + "?ext=1");

        HttpResponse<byte[]> withBearer = http.send(request(url, TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> without = http.send(request(url, null).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(withBearer.statusCode()).isEqualTo(200);
        assertThat(withBearer.body()).isEqualTo(jpeg);
        assertThat(withBearer.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(without.statusCode()).isEqualTo(401);
    }

    @Test
    void webhooksAreSignedAsMetaSignsThem() throws Exception {
        byte[] vector = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        // from: printf '%s' '{"a":1}' | openssl dgst -sha256 -hmac 's3cret'
        assertThat(CloudWebhooks.sign("s3cret", vector))
                .isEqualTo("sha256=5910e62016ef5034272c926c27071992a465c2335cecf41851bda071577f4f6d")
                .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(vector)));

        String body = CloudWebhooks.text(WABA, PHONE, "15552223333", "Zoë", "abc", "Grüße 👋", 1_700_000_000L);
        String escaped = CloudWebhooks.escapedUnicode(body);
        assertThat(escaped).isEqualTo(body.replace("ë", "\\u00eb").replace("ü", "\\u00fc").replace("ß", "\\u00df")
                .replace("👋", "\\ud83d\\udc4b"));
        assertThat(JSON.readTree(escaped)).isEqualTo(JSON.readTree(body));
        assertThat(CloudWebhooks.sign("s3cret", escaped.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(CloudWebhooks.sign("s3cret", body.getBytes(StandardCharsets.UTF_8)));
        JsonNode message = JSON.readTree(body).at("/entry/0/changes/0/value/messages/0");
        assertThat(message.get("id").asText()).isEqualTo("wamid.abc");
        assertThat(message.get("timestamp").asText()).isEqualTo("1700000000");
        assertThat(message.at("/text/body").asText()).isEqualTo("Grüße 👋");
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(request(url, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String body) throws Exception {
        return http.send(request(graph.baseUrl() + "/" + PHONE + "/messages", TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
