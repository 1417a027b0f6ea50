package dev.parley.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.console.CommandClient;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /media}: downloads on demand through the paced queue, images into the card, files behind a served link. */
class MediaCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final long GAP = 300;
    private static final AtomicLong IDS = new AtomicLong(6_906_713_067_183_400_000L);
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("media", Map.of("media.gap.min.ms", Long.toString(GAP), "media.gap.max.ms", "350"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void anImageArrivesAsThePngOfALiveCardAndIsDownloadedOnce() throws IOException {
        Bot bot = s.bot("Photos");
        Received image = receive(bot, "image.json");
        s.gewe().media(image.xml(), jpeg(40, 30));

        CommandClient.Response first = s.run("/media #" + image.id(), "en");

        assertThat(first.stillChanging()).isTrue();
        assertThat(first.text()).contains("Media of message #" + image.id(), "Downloading");
        JsonNode card = finished(first);
        String src = card.path("image").path("src").asText();
        assertThat(src).startsWith("data:image/png;base64,");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                src.substring("data:image/png;base64,".length()))));
        assertThat(png.getWidth()).isEqualTo(40);
        assertThat(png.getHeight()).isEqualTo(30);
        assertThat(card.path("text").asText()).contains("/api/media/" + image.id());

        CommandClient.Response again = s.run("/媒体 #" + image.id(), "zh-CN");

        assertThat(again.liveId()).isNull();
        assertThat(again.body().path("card").path("title").asText()).isEqualTo("消息 #" + image.id() + " 的媒体");
        assertThat(again.body().path("card").path("image").path("src").asText()).startsWith("data:image/png;base64,");
        assertThat(downloads("/message/downloadImage", bot)).hasSize(1);
    }

    @Test
    void aFileArrivesAsALinkServedOnlyWithTheAdminToken() throws Exception {
        Bot bot = s.bot("Files");
        Received file = receive(bot, "file.json");
        byte[] bytes = "quarterly numbers".getBytes(StandardCharsets.UTF_8);
        s.gewe().media(file.xml(), bytes);

        JsonNode card = finished(s.run("/media " + file.id(), "en"));

        assertThat(card.path("image").isMissingNode()).isTrue();
        assertThat(card.path("text").asText()).contains("/api/media/" + file.id());
        assertThat(card.toString()).contains("季度报表.xlsx");
        HttpClient http = HttpClient.newHttpClient();
        URI link = URI.create(s.app().uri() + "/api/media/" + file.id());
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> admin = http.send(HttpRequest.newBuilder(link)
                .header("Authorization", "Bearer " + TestParley.TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> missing = http.send(HttpRequest.newBuilder(URI.create(s.app().uri() + "/api/media/999999"))
                .header("Authorization", "Bearer " + TestParley.TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo(bytes);
        assertThat(admin.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment", "filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E6%8A%A5%E8%A1%A8.xlsx");
        assertThat(admin.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void downloadsArePacedApart() {
        Bot bot = s.bot("Album");
        Received one = receive(bot, "image.json");
        Received two = receive(bot, "image.json");

        finished(s.run("/media #" + one.id(), "en"));
        finished(s.run("/media #" + two.id(), "en"));

        List<FakeGeweRequest> asked = downloads("/message/downloadImage", bot);
        assertThat(asked).hasSize(2);
        assertThat(Duration.between(asked.get(0).receivedAt(), asked.get(1).receivedAt()).toMillis())
                .isGreaterThanOrEqualTo(GAP);
    }

    @Test
    void aMessageWithoutMediaOrANumberThatIsNoneGetsAClearAnswer() {
        Bot bot = s.bot("Texts");
        s.callbacks().privateText(bot.appId(), "wxid_t", "just words");
        long id = s.app().count("SELECT MAX(id) FROM messages WHERE account_id = " + bot.id());

        assertThat(s.run("/media #" + id, "en").text()).contains("Message #" + id + " is a text message");
        assertThat(s.run("/媒体 #" + id, "zh-CN").text()).contains("消息 #" + id + " 是文本消息");
        assertThat(s.run("/media photo", "en").text()).contains("“photo” is not a message number");
        assertThat(s.run("/media #99999999", "en").text()).contains("There is no message #99999999");
    }

    /** Delivers a fixture callback as received by the bot, and returns the stored message and its XML. */
    private static Received receive(Bot bot, String fixture) {
        try {
            ObjectNode callback = (ObjectNode) JSON.readTree(GeweCallbackFixtures.file(fixture));
            callback.put("Appid", bot.appId()).put("Wxid", bot.wxid());
            ObjectNode data = (ObjectNode) callback.get("Data");
            data.putObject("ToUserName").put("string", bot.wxid());
            long newMsgId = IDS.incrementAndGet();
            data.put("NewMsgId", newMsgId);
            assertThat(s.app().postGewe(callback.toString()).status()).isEqualTo(200);
            long id = s.app().count("SELECT id FROM messages WHERE platform_msg_id = '" + newMsgId + "'");
            return new Received(id, data.path("Content").path("string").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode finished(CommandClient.Response answer) {
        if (!answer.stillChanging()) {
            return answer.body().path("card");
        }
        JsonNode[] card = new JsonNode[1];
        long[] version = {answer.liveVersion()};
        assertThat(eventually(() -> {
            try {
                CommandClient.Response next = s.app().commands().card(answer.liveId(), version[0]);
                version[0] = next.liveVersion();
                card[0] = next.body().path("card");
                return !next.stillChanging();
            } catch (IOException e) {
                return false;
            }
        }, PATIENCE)).as("the live card finished").isTrue();
        return card[0];
    }

    private static List<FakeGeweRequest> downloads(String path, Bot bot) {
        return s.gewe().requests(path).stream().filter(r -> bot.appId().equals(r.field("appId"))).toList();
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private record Received(long id, String xml) {
    }
}
