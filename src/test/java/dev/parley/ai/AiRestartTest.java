package dev.parley.ai;

import java.time.Duration;
import java.util.Map;

import dev.parley.command.CommandReply;
import dev.parley.command.CommandRequest;
import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.rbac.Identity;

import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash windows of drafting, closed at start: a draft left {@code approved} with no outbound id is queued once
 * (or linked to the outbound row that already carries it), one left {@code drafting} becomes a failed draft a
 * human sees, and a customer whose quiet period the stop cut short is drafted after it.
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
            String room = "5566" + (System.nanoTime() % 100_000) + "@chatroom";
            s.group(bot, room, "售后群", 2, "wxid_r_member", "Mia");
            s.callbacks().groupText(bot.appId(), room, "wxid_r_member", "@客服R is shipping free?", bot.wxid());
            String inGroup = "SELECT COALESCE(MAX(id), 0) FROM ai_drafts WHERE state = 'pending' AND chat_id = '" + room + "'";
            assertThat(eventually(() -> s.app().count(inGroup) > 0, WAIT)).as("a draft in the group").isTrue();
            long linkedInGroup = s.app().count(inGroup);

            s.run("/queue pause " + bot.id(), "en");
            assertThat(s.run("/ai send " + linked, "en").text()).contains("is queued as outbound");
            long linkedOutbound = s.lastOutbound(bot);
            assertThat(s.run("/ai send " + linkedInGroup, "en").text()).contains("is queued as outbound");
            long linkedGroupOutbound = s.lastOutbound(bot);
            // what crashes leave behind: approved before queueing, queued before recording it, asking the provider
            s.app().parley().db().jdbi().useHandle(h -> {
                h.execute("UPDATE ai_drafts SET state = 'approved', decided_by = 'telegram:555' WHERE id = ?", approved);
                h.execute("UPDATE ai_drafts SET state = 'approved', outbound_id = NULL WHERE id = ?", linked);
                h.execute("UPDATE ai_drafts SET state = 'approved', outbound_id = NULL WHERE id = ?", linkedInGroup);
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
            assertThat(s.app().count("SELECT outbound_id FROM ai_drafts WHERE id = " + linkedInGroup
                    + " AND state = 'sent'")).as("a group reply mentions the member, and is still found")
                    .isEqualTo(linkedGroupOutbound);
            assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE chat_id = '" + room
                    + "' AND text LIKE '@Mia %'")).isEqualTo(1);
            assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE chat_id = '" + room + "'")).isEqualTo(1);
            assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + drafting
                    + " AND state = 'failed' AND error = '{\"reason\":\"parley_stopped\"}'")).isEqualTo(1);
            assertThat(s.run("/ai drafts", "en").text()).contains("Parley stopped while this draft was being written");
            assertThat(s.run("/ai drafts", "zh-CN").text()).contains("起草这份草稿时 Parley 停止了")
                    .doesNotContain("parley_stopped");

            s.app().restart();
            s.run("/queue resume " + bot.id(), "en");
            assertThat(eventually(() -> s.sentBy(bot).size() == 3, WAIT)).isTrue();
            Thread.sleep(500);
            assertThat(s.sentBy(bot)).extracting(r -> r.field("toWxid"))
                    .containsExactlyInAnyOrder("wxid_r_approved", "wxid_r_linked", room);
            assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isEqualTo(3);
        }
    }

    @Test
    void aCustomerStillWaitingWhenParleyStoppedIsDraftedAfterTheRestartButNotAnAnsweredOrOldOne() throws Exception {
        try (GeweScenario s = GeweScenario.start("airesume", Map.of("ai.quiet.ms", "4000"))) {
            s.run("/kb add " + ANSWER, "en");
            s.run("/role grant telegram:555 admin", "en");
            assertThat(s.app().parley().engine().execute(new CommandRequest(new Identity("telegram", "555"), "-100777",
                    "/channel bind drafts", null, "en")).outcome()).isEqualTo(CommandReply.Outcome.OK);
            Bot bot = s.bot("客服W");
            s.run("/ai mode " + bot.id() + " draft", "en");

            s.callbacks().privateText(bot.appId(), "wxid_w_answered", "is shipping free?");
            s.callbacks().post(GeweCallbackFixtures.privateTextSent(bot.appId(), bot.wxid(), "wxid_w_answered",
                    "Yes, over 99 yuan.", "66" + System.nanoTime(), System.currentTimeMillis() / 1000));
            s.callbacks().privateText(bot.appId(), "wxid_w_old", "is shipping free?");
            s.callbacks().privateText(bot.appId(), "wxid_w_waiting", "hello?");
            s.callbacks().privateText(bot.appId(), "wxid_w_waiting", "is shipping free?");
            assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM messages WHERE chat_id LIKE 'wxid_w_%'")
                    == 5, WAIT)).isTrue();
            assertThat(eventually(() -> s.app().count(
                    "SELECT COUNT(*) FROM ai_pauses WHERE chat_id = 'wxid_w_answered'") == 1, WAIT)).isTrue();
            s.run("/ai resume " + bot.id() + " wxid_w_answered", "en"); // answered is what keeps it undrafted
            s.app().parley().db().jdbi().useHandle(h -> h.execute("UPDATE messages SET received_at = received_at - ?,"
                    + " sent_at = sent_at - ? WHERE chat_id = 'wxid_w_old'", 31 * 60_000, 31 * 60_000));
            assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts")).as("stopped within the quiet period").isZero();

            s.app().restart();
            CardInbox inbox = new CardInbox("telegram");
            s.app().parley().deliveries().register(inbox);

            assertThat(eventually(() -> !inbox.posted().isEmpty(), WAIT)).as("a card after the restart").isTrue();
            CardInbox.Posted card = inbox.posted().getFirst();
            assertThat(card.chatId()).isEqualTo("-100777");
            assertThat(card.card().text()).contains("hello?\nis shipping free?");
            assertThat(card.card().footer()).contains("wxid_w_waiting");
            assertThat(card.card().fields()).anySatisfy(f -> assertThat(f.value()).isEqualTo(ANSWER));
            Thread.sleep(1000);
            assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts")).isEqualTo(1);

            s.app().restart();
            Thread.sleep(5000);
            assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts")).as("a drafted chat is not drafted again")
                    .isEqualTo(1);
        }
    }

    @Test
    void fiftyPendingDraftsSurviveARestartAndAreEachSentOnceWhenApproved() {
        try (GeweScenario s = GeweScenario.start("aififty", Map.of("ai.quiet.ms", "100", "outbound.gap.ms", "1",
                "outbound.rate.limit", "1000000"))) {
            s.run("/kb add " + ANSWER, "en");
            Bot bot = s.bot("客服F");
            s.run("/ai mode " + bot.id() + " draft", "en");
            for (int i = 0; i < 50; i++) {
                s.callbacks().privateText(bot.appId(), "wxid_f_" + i, "is shipping free?");
            }
            String pending = "SELECT COUNT(*) FROM ai_drafts WHERE state = 'pending' AND account_id = " + bot.id();
            assertThat(eventually(() -> s.app().count(pending) == 50, WAIT)).as("50 pending drafts").isTrue();

            s.app().restart();

            assertThat(s.app().count(pending)).as("pending after the restart").isEqualTo(50);
            for (long id : s.app().parley().db().jdbi().withHandle(h -> h.createQuery("SELECT id FROM ai_drafts"
                    + " WHERE state = 'pending' AND account_id = :a").bind("a", bot.id()).mapTo(Long.class).list())) {
                assertThat(s.run("/ai send " + id, "en").text()).contains("is queued as outbound");
            }
            assertThat(eventually(() -> s.sentBy(bot).size() >= 50, WAIT)).as("50 sent").isTrue();
            assertThat(s.sentBy(bot)).extracting(r -> r.field("toWxid")).doesNotHaveDuplicates().hasSize(50);
            assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE state = 'sent' AND account_id = "
                    + bot.id()) == 50, WAIT)).as("50 drafts recorded as sent").isTrue();
        }
    }

    private static long pendingDraft(GeweScenario s, Bot bot, String customer) {
        s.callbacks().privateText(bot.appId(), customer, "is shipping free?");
        String pending = "SELECT COALESCE(MAX(id), 0) FROM ai_drafts WHERE state = 'pending' AND chat_id = '" + customer + "'";
        assertThat(eventually(() -> s.app().count(pending) > 0, WAIT)).as("a draft for " + customer).isTrue();
        return s.app().count(pending);
    }
}
