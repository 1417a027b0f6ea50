package dev.parley.ai;

import java.time.Duration;
import java.util.Map;

import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;

import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash windows of drafting, closed at start: a draft left {@code approved} with no outbound id is queued once
 * (or linked to the outbound row that already carries it), and one left {@code drafting} becomes a failed draft a
 * human sees.
 */
class AiRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ANSWER = "Shipping is free for orders over 99 yuan.";

    @Test
    void draftsLeftApprovedOrDraftingByACrashAreQueuedOnceOrShownAsFailed() throws Exception {
        try (GeweScenario s = GeweScenario.start("airestart", Map.of("ai.quiet.ms", "300"))) {
            s.run("/kb add " + ANSWER, "en");
            Bot bot = s.bot("客服R");
            s.run("/ai mode " + bot.id() + " draft", "en");
            long approved = pendingDraft(s, bot, "wxid_r_approved");
            long linked = pendingDraft(s, bot, "wxid_r_linked");
            long drafting = pendingDraft(s, bot, "wxid_r_drafting");

            s.run("/queue pause " + bot.id(), "en");
            assertThat(s.run("/ai send " + linked, "en").text()).contains("is queued as outbound");
            long linkedOutbound = s.lastOutbound(bot);
            // what crashes leave behind: approved before queueing, queued before recording it, asking the provider
            s.app().parley().db().jdbi().useHandle(h -> {
                h.execute("UPDATE ai_drafts SET state = 'approved', decided_by = 'telegram:555' WHERE id = ?", approved);
                h.execute("UPDATE ai_drafts SET state = 'approved', outbound_id = NULL WHERE id = ?", linked);
                h.execute("UPDATE ai_drafts SET state = 'drafting', draft_text = NULL WHERE id = ?", drafting);
            });

            s.app().restart();

            assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + approved
                    + " AND state = 'sent' AND outbound_id IS NOT NULL")).isEqualTo(1);
            assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE chat_id = 'wxid_r_approved'"
                    + " AND requested_by = 'telegram:555'")).isEqualTo(1);
            assertThat(s.app().count("SELECT outbound_id FROM ai_drafts WHERE id = " + linked + " AND state = 'sent'"))
                    .isEqualTo(linkedOutbound);
            assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE chat_id = 'wxid_r_linked'")).isEqualTo(1);
            assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + drafting
                    + " AND state = 'failed' AND error = '{\"reason\":\"parley_stopped\"}'")).isEqualTo(1);
            assertThat(s.run("/ai drafts", "en").text()).contains("Parley stopped while this draft was being written");
            assertThat(s.run("/ai drafts", "zh-CN").text()).contains("起草这份草稿时 Parley 停止了")
                    .doesNotContain("parley_stopped");

            s.app().restart();
            s.run("/queue resume " + bot.id(), "en");
            assertThat(eventually(() -> s.sentBy(bot).size() == 2, WAIT)).isTrue();
            Thread.sleep(500);
            assertThat(s.sentBy(bot)).extracting(r -> r.field("toWxid"))
                    .containsExactlyInAnyOrder("wxid_r_approved", "wxid_r_linked");
            assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isEqualTo(2);
        }
    }

    private static long pendingDraft(GeweScenario s, Bot bot, String customer) {
        s.callbacks().privateText(bot.appId(), customer, "is shipping free?");
        String pending = "SELECT COALESCE(MAX(id), 0) FROM ai_drafts WHERE state = 'pending' AND chat_id = '" + customer + "'";
        assertThat(eventually(() -> s.app().count(pending) > 0, WAIT)).as("a draft for " + customer).isTrue();
        return s.app().count(pending);
    }
}
