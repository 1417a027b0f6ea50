package dev.parley.outbound;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.message.ChatType;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.rbac.Identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages a rule or a broadcast queues: queued once per origin however often asked, not sent before their time,
 * and shown as automatic in search and statistics (and kept out of the people's response times).
 */
class AutomaticOriginTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Identity RULES = new Identity("rule", "1");
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("autoorigin", Map.of());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void theSameOriginIsQueuedAndSentOnceAndShownAsAutomatic() {
        Bot bot = s.bot("Auto");
        s.contact(bot, "wxid_dora", "Dora", null);
        s.callbacks().privateText(bot.appId(), "wxid_dora", "where is my parcel");
        OutboundRequest reply = new OutboundRequest(bot.id(), "wxid_dora", ChatType.PRIVATE, "On its way AUTO321",
                List.of(), RULES, null).automatic("rule:test-1", 0);

        long first = s.app().parley().outbound().enqueue(reply).id();
        long again = s.app().parley().outbound().enqueue(reply).id();

        assertThat(again).isEqualTo(first);
        assertThat(eventually(() -> "sent".equals(s.state(first)), PATIENCE)).isTrue();
        assertThat(s.sentBy(bot)).hasSize(1);
        assertThat(s.app().parley().outbound().enqueue(reply).id()).isEqualTo(first);
        assertThat(s.app().parley().outbound().findByOrigin("rule:test-1")).get()
                .matches(Outbound::automatic).extracting(Outbound::id).isEqualTo(first);
        assertThat(eventually(() -> s.run("/search AUTO321", "en").text().contains("· 🤖 automatic"), PATIENCE))
                .isTrue();
        assertThat(s.run("/搜索 AUTO321", "zh-CN").text()).contains("· 🤖 自动发送");

        String stats = s.run("/stats account " + bot.id() + " 1d", "en").text();
        assertThat(stats).contains("Sent automatically").containsPattern("Sent automatically\\W+1")
                .containsPattern("Replies measured\\W+0");
    }

    @Test
    void anAutomaticMessageWaitsForItsTimeAndAPersonsMessageIsNotAutomatic() {
        Bot bot = s.bot("Later");
        long notBefore = System.currentTimeMillis() + 1_500;
        long later = s.app().parley().outbound().enqueue(new OutboundRequest(bot.id(), "wxid_eve", ChatType.PRIVATE,
                "typed slowly", List.of(), RULES, null).automatic("rule:test-2", notBefore)).id();
        long now = s.app().parley().outbound().enqueue(new OutboundRequest(bot.id(), "wxid_fay", ChatType.PRIVATE,
                "by hand", List.of(), new Identity("http", "admin"), null)).id();

        assertThat(eventually(() -> "sent".equals(s.state(later)) && "sent".equals(s.state(now)), PATIENCE)).isTrue();
        assertThat(s.app().count("SELECT sent_at FROM outbound WHERE id = " + later)).isGreaterThanOrEqualTo(notBefore);
        assertThat(s.app().parley().outbound().find(now)).get().matches(o -> !o.automatic());
        assertThatThrownBy(() -> new OutboundRequest(bot.id(), "x", ChatType.PRIVATE, "t", List.of(), RULES, null)
                .automatic("o".repeat(OutboundRequest.MAX_ORIGIN + 1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
