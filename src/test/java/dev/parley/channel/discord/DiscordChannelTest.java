package dev.parley.channel.discord;

import java.util.Map;

import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discord through the whole service, with the real JDA logged in to {@link FakeDiscord} over its REST API and
 * gateway: the catalog's commands are registered with typed options, choices and zh-CN localizations; a slash command
 * is answered through the interaction with an embed, in the user's client language; a confirm card's buttons carry
 * their action ids, a viewer's press on it is refused with a message only they see while the card and the role
 * stay, and the owner's press runs it and replaces the card.
 */
class DiscordChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "1300000000000000001";
    private static final String VIEWER = "1300000000000000002";
    private static FakeDiscord discord;
    private static TestParley app;

    @BeforeAll
    static void start() {
        discord = FakeDiscord.start();
        app = TestParley.start("discord", Map.of(
                "discord.token", FakeDiscord.TOKEN,
                "discord.api.url", discord.apiUrl(),
                "discord.gateway.url", discord.gatewayUrl()));
        app.run("/role grant discord:" + OWNER + " owner", "en");
        app.run("/role grant discord:" + VIEWER + " viewer", "en");
    }

    @AfterAll
    static void stop() {
        app.close();
        discord.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && !t.isDaemon()
                && t.getName().startsWith("JDA"));
    }

    @Test
    void theCatalogsCommandsAreRegisteredWithTypedOptionsAndChineseLocalizations() {
        JsonNode commands = discord.await(c -> c.method().equals("PUT") && c.path().endsWith("/commands")).body();
        JsonNode bot = find(commands, "bot");
        assertThat(bot.path("description_localizations").path("zh-CN").asText()).isNotBlank();
        JsonNode add = find(bot.path("options"), "add");
        assertThat(add.path("type").asInt()).isEqualTo(1); // a subcommand
        JsonNode platform = find(add.path("options"), "platform");
        assertThat(platform.path("required").asBoolean()).isTrue();
        assertThat(platform.path("choices").findValuesAsText("value")).contains("wechat", "whatsapp");
        assertThat(find(commands, "status").path("name").asText()).isEqualTo("status");
        assertThat(commands.size()).isBetween(10, 100);
    }

    @Test
    void aSlashCommandIsAnsweredThroughTheInteractionWithAnEmbedInTheUsersLanguage() {
        String id = discord.slashCommand(OWNER, "en-US", "status", null);
        JsonNode callback = discord.awaitCallback(id).body();
        assertThat(callback.path("type").asInt()).isEqualTo(4);
        assertThat(callback.path("data").path("embeds").path(0).path("title").asText()).isEqualTo("Parley status");

        String zh = discord.slashCommand(OWNER, "zh-CN", "status", null);
        assertThat(discord.awaitCallback(zh).body().path("data").path("embeds").path(0).path("title").asText())
                .containsPattern("[\\u4e00-\\u9fff]");
    }

    @Test
    void aViewersPressOnAConfirmCardIsRefusedEphemerallyAndChangesNothing() {
        app.run("/role grant discord:1300000000000000009 viewer", "en");
        ArrayNode options = JSON.createArrayNode();
        ArrayNode revoke = options.addObject().put("name", "revoke").put("type", 1).putArray("options");
        revoke.addObject().put("name", "identity").put("type", 3).put("value", "discord:1300000000000000009");
        String question = discord.slashCommand(OWNER, "en-US", "role", options);
        JsonNode card = discord.awaitCallback(question).body().path("data");
        String confirm = card.path("components").path(0).path("components").path(0).path("custom_id").asText();
        assertThat(confirm).isNotBlank().hasSizeLessThanOrEqualTo(100);
        String refused = discord.buttonPress(VIEWER, "en-US", confirm, FakeDiscord.dmChannel(OWNER), "1250000000000000001");
        JsonNode refusal = discord.awaitCallback(refused).body();
        assertThat(refusal.path("type").asInt()).isEqualTo(4);
        assertThat(refusal.path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(app.count("SELECT COUNT(*) FROM admins WHERE channel = 'discord' AND user_id = '1300000000000000009'"))
                .isEqualTo(1);
    }

    @Test
    void theOwnersPressOnTheConfirmButtonRunsTheCommandAndReplacesTheCard() {
        app.run("/role grant discord:1300000000000000008 viewer", "en");
        ArrayNode options = JSON.createArrayNode();
        ArrayNode revoke = options.addObject().put("name", "revoke").put("type", 1).putArray("options");
        revoke.addObject().put("name", "identity").put("type", 3).put("value", "discord:1300000000000000008");
        String question = discord.slashCommand(OWNER, "en-US", "role", options);
        String confirm = discord.awaitCallback(question).body().path("data").path("components").path(0)
                .path("components").path(0).path("custom_id").asText();

        String pressed = discord.buttonPress(OWNER, "en-US", confirm, FakeDiscord.dmChannel(OWNER), "1250000000000000002");
        JsonNode update = discord.awaitCallback(pressed).body();
        assertThat(update.path("type").asInt()).isEqualTo(7); // the message the button is on is updated
        assertThat(update.path("data").path("embeds").path(0).path("title").asText()).isEqualTo("Role revoked");
        assertThat(update.path("data").path("components")).isEmpty();
        assertThat(app.count("SELECT COUNT(*) FROM admins WHERE channel = 'discord' AND user_id = '1300000000000000008'"))
                .isZero();
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode node : array) {
            if (node.path("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError(name + " not in " + array);
    }
}
