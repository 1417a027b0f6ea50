package dev.parley.channel.telegram;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AI draft answered by replying to its card in a Telegram group, through the real SDK against
 * {@link FakeTelegramServer}: the reply's text reaches the customer through GeWe exactly as written, the card is
 * edited to say it was sent, and replies to other messages or by people without the right change nothing.
 */
class TelegramDraftReplyTest {
    private static final String TOKEN = "654321:TEST-draft-reply-token";
    private static final long ADMIN = 4001;
    private static final long VIEWER = 4002;
    private static final long GROUP = -100_4000;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static FakeTelegramServer telegram;
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        telegram = FakeTelegramServer.start(TOKEN);
        s = GeweScenario.start("tgdraft", Map.of("telegram.token", TOKEN, "telegram.api.url", telegram.url().toString(),
                "ai.quiet.ms", "300"));
        s.run("/role grant telegram:" + ADMIN + " operator", "en");
        s.run("/role grant telegram:" + VIEWER + " viewer", "en");
        s.run("/role grant telegram:" + (ADMIN + 100) + " admin", "en");
        telegram.typed(ADMIN + 100, GROUP, "/channel bind drafts", "en");
        telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(GROUP))
                && c.field("text").contains("AI reply drafts"));
    }

    @AfterAll
    static void stop() {
        s.close();
        telegram.close();
    }

    @Test
    void aReplyToTheDraftCardIsSentAsWrittenAndTheCardSaysSo() {
        Bot bot = s.bot("电报客服");
        assertThat(s.run("/ai mode " + bot.id() + " draft kb", "en").text()).contains("drafted by kb");
        s.run("/kb add Returns are free within 30 days of delivery.", "en");
        s.callbacks().privateText(bot.appId(), "wxid_tg_cust", "can I return my shoes after 30 days?");
        FakeTelegramServer.Call card = telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(GROUP))
                && c.field("text").contains("can I return my shoes"));
        assertThat(card.field("reply_markup")).contains("Send", "Edit");
        // Telegram has the card a moment before Parley records where it is; a reply needs that record
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM ai_draft_cards c JOIN ai_drafts d"
                + " ON d.id = c.draft_id WHERE c.channel = 'telegram' AND d.chat_id = 'wxid_tg_cust'") == 1, WAIT))
                .as("the card recorded").isTrue();

        telegram.typed(ADMIN, GROUP, "just chatting, no reply", "en");
        telegram.replied(VIEWER, card, "viewers cannot send", "en");
        telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(GROUP))
                && c.field("text").contains("viewer"));

        String written = "Sorry — only within 30 days.\nBut we can repair them: bring them to \"Shop 2\".";
        telegram.replied(ADMIN, card, written, "en");
        telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(GROUP))
                && c.field("text").contains("is queued as outbound"));
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("toWxid")).isEqualTo("wxid_tg_cust");
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo(written);
        FakeTelegramServer.Call edited = telegram.await("editMessageText",
                c -> c.field("message_id").equals(card.field("_message_id")) && c.field("text").contains("sent"));
        assertThat(edited.field("reply_markup")).doesNotContain("Send");
        assertThat(telegram.calls("sendMessage")).noneMatch(c -> c.field("text").contains("Unknown command")
                || c.field("text").contains("just chatting"));
    }

    @Test
    void aDraftAStopInterruptedIsShownFailedOnItsOwnCardAfterTheRestart() {
        Bot bot = s.bot("电报客服二");
        s.run("/ai mode " + bot.id() + " draft kb", "en");
        s.callbacks().privateText(bot.appId(), "wxid_tg_stop", "do you deliver on Sundays?");
        FakeTelegramServer.Call card = telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(GROUP))
                && c.field("text").contains("deliver on Sundays"));
        String draft = "SELECT MAX(id) FROM ai_drafts WHERE chat_id = 'wxid_tg_stop'";
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM ai_draft_cards WHERE draft_id = ("
                + draft + ")") == 1, WAIT)).isTrue();
        long id = s.app().count(draft);
        // what a stop while the provider was being asked leaves behind
        s.app().parley().db().jdbi().useHandle(h -> h.execute(
                "UPDATE ai_drafts SET state = 'drafting', draft_text = NULL WHERE id = ?", id));

        s.app().restart();

        FakeTelegramServer.Call failed = telegram.await("editMessageText",
                c -> c.field("message_id").equals(card.field("_message_id")) && c.field("text").contains("Parley stopped"));
        assertThat(failed.field("reply_markup")).contains("Regenerate").doesNotContain("\"Send\"");
        assertThat(telegram.calls("sendMessage")).filteredOn(c -> c.field("text").contains("deliver on Sundays"))
                .as("the card is edited, not posted again").hasSize(1);
    }

    @Test
    void regenerateAnswersAtOnceAndTheNewDraftIsTheLastVersionOfTheCard() throws Exception {
        Bot bot = s.bot("电报客服三");
        s.run("/ai mode " + bot.id() + " draft kb", "en");
        s.run("/kb add Parcels to Macau take 3 days.", "en");
        s.callbacks().privateText(bot.appId(), "wxid_tg_regen", "how long to Macau?");
        FakeTelegramServer.Call card = telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(GROUP))
                && c.field("text").contains("how long to Macau?"));
        String regenerate = card.buttons().get(card.buttonLabels().indexOf("Regenerate"));
        String messageId = card.field("_message_id");

        String query = telegram.press(ADMIN, card, regenerate, "en");
        telegram.await("answerCallbackQuery", c -> query.equals(c.field("callback_query_id")));
        // edits of one group chat are paced (20 a minute), so the last version may take a few seconds to land
        assertThat(eventually(() -> lastEdit(messageId).map(c -> c.buttonLabels().contains("Send")).orElse(false), WAIT))
                .as("the new draft is the last version of the card, not the 'being written' answer").isTrue();
        assertThat(lastEdit(messageId).orElseThrow().field("text")).contains("Parcels to Macau take 3 days.").doesNotContain("Being written");
        assertThat(telegram.calls("editMessageText")).filteredOn(c -> messageId.equals(c.field("message_id")))
                .anyMatch(c -> c.field("text").contains("Being written"));
    }

    private static Optional<FakeTelegramServer.Call> lastEdit(String messageId) {
        return telegram.calls("editMessageText").stream().filter(c -> messageId.equals(c.field("message_id")))
                .reduce((a, b) -> b);
    }
}
