package dev.parley.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.card.Card;
import dev.parley.command.CommandReply;
import dev.parley.command.CommandRequest;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.rbac.Identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code auto} sends unseen: an LLM's grounded answer, but not its {@code [NO_ANSWER]}; a {@code kb} passage
 * only when it covers enough of the customer's words. What is not sent waits for a human, its card saying why.
 */
class AiConfidenceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSAGE = "Gift wrapping costs 5 yuan per parcel.";
    private static FakeOpenAiServer ai;
    private static GeweScenario s;
    private static CardInbox inbox;

    @BeforeAll
    static void start() {
        ai = FakeOpenAiServer.start();
        s = GeweScenario.start("aiconfident", Map.of("ai.base.url", ai.baseUrl().toString(), "ai.model", "fake-model",
                "ai.quiet.ms", "300", "ai.retries", "0"));
        inbox = new CardInbox("telegram");
        s.app().parley().deliveries().register(inbox);
        s.run("/role grant telegram:555 admin", "en");
        CommandReply bound = s.app().parley().engine().execute(new CommandRequest(new Identity("telegram", "555"),
                "-100999", "/channel bind drafts", null, "en"));
        assertThat(bound.outcome()).isEqualTo(CommandReply.Outcome.OK);
        s.run("/kb add " + PASSAGE, "en");
    }

    @AfterAll
    static void stop() {
        s.close();
        ai.close();
    }

    private static Bot autoBot(String name, String provider) {
        Bot bot = s.bot(name);
        assertThat(s.run("/ai mode " + bot.id() + " auto " + provider, "en").text()).contains("auto (");
        return bot;
    }

    private static CardInbox.Posted awaitCard(String customerText) {
        assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.card().text().contains(customerText)), WAIT))
                .as("a card for " + customerText).isTrue();
        return inbox.posted().stream().filter(p -> p.card().text().contains(customerText)).reduce((a, b) -> b).orElseThrow();
    }

    private static List<String> labels(CardInbox.Posted card) {
        return card.card().buttons().stream().map(b -> b.label()).toList();
    }

    @Test
    void anLlmsGroundedAnswerIsSentButItsNoAnswerFailsTheDraftWithThatReason() throws Exception {
        Bot bot = autoBot("客服L", "default");
        ai.next(FakeOpenAiServer.reply("[NO_ANSWER]", 30, 3));
        s.callbacks().privateText(bot.appId(), "wxid_conf_l", "is gift wrapping free on Sundays?");
        CardInbox.Posted doubtful = awaitCard("is gift wrapping free on Sundays?");
        assertThat(doubtful.card().tone()).isEqualTo(Card.Tone.ERROR);
        assertThat(doubtful.card().fields()).anySatisfy(f -> assertThat(f.value())
                .startsWith("default found no answer in the knowledge-base passages"));
        assertThat(labels(doubtful)).doesNotContain("Send");
        assertThat(ai.requests().getLast().body().path("messages").get(0).path("content").asText())
                .contains(PASSAGE, "reply with exactly [NO_ANSWER] and nothing else");
        s.press(doubtful.actionIds().get(labels(doubtful).indexOf("Reject")));

        ai.next(FakeOpenAiServer.reply("Gift wrapping is 5 yuan per parcel.", 30, 8));
        s.callbacks().privateText(bot.appId(), "wxid_conf_l", "how much is gift wrapping?");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo("Gift wrapping is 5 yuan per parcel.");
        Thread.sleep(300);
        assertThat(s.sentBy(bot)).hasSize(1);
    }

    @Test
    void aKbPassageIsSentOnlyWhenItCoversEnoughOfTheCustomersWords() throws Exception {
        Bot bot = autoBot("客服V", "kb");
        s.callbacks().privateText(bot.appId(), "wxid_conf_v1", "can you do gift wrapping in red paper with a bow?");
        CardInbox.Posted waiting = awaitCard("red paper with a bow");
        assertThat(labels(waiting)).contains("Send");
        assertThat(waiting.card().fields()).anySatisfy(f -> {
            assertThat(f.label()).isEqualTo("Not sent automatically");
            assertThat(f.value()).isEqualTo("The best knowledge-base passage covers 18 % of the customer's words;"
                    + " auto sends from 50 % (parley.ai.auto.kb.coverage).");
        });
        Thread.sleep(300);
        assertThat(s.sentBy(bot)).isEmpty();
        s.press(waiting.actionIds().get(labels(waiting).indexOf("Reject")));

        s.callbacks().privateText(bot.appId(), "wxid_conf_v2", "gift wrapping price?");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo(PASSAGE);
    }
}
