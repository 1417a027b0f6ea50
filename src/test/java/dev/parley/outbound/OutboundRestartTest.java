package dev.parley.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.outbound.GeweScenario.Bot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** What survives a restart: everything queued is sent, nothing twice; a send cut off by a crash is left to an admin. */
class OutboundRestartTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("restart", Map.of("outbound.gap.ms", "250"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void aRestartMidQueueSendsEverythingQueuedExactlyOnce() {
        Bot bot = s.bot("Survivor");
        List<String> texts = List.of("m1", "m2", "m3", "m4", "m5", "m6");
        s.run("/queue pause " + bot.id(), "en");
        texts.forEach(t -> s.run("/send " + bot.id() + " wxid_a " + t, "en"));
        s.run("/queue resume " + bot.id(), "en");
        assertThat(eventually(() -> s.sentBy(bot).size() >= 2, PATIENCE)).isTrue();

        s.app().restart();

        assertThat(eventually(() -> s.sentBy(bot).size() >= texts.size(), PATIENCE)).isTrue();
        assertThat(s.sentBy(bot)).extracting(r -> r.field("content")).containsExactlyElementsOf(texts);
        // the fake sees a send before Parley records its answer and stores the sent message: wait for both
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM outbound WHERE state = 'sent' AND account_id = "
                + bot.id()) == texts.size(), PATIENCE)).isTrue();
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND account_id = "
                + bot.id()) == texts.size(), PATIENCE)).isTrue();
        assertThat(s.sentBy(bot)).hasSize(texts.size());
    }

    @Test
    void aMessageLeftSendingByACrashBecomesUnknownWithAnAlertAndIsNotResent() {
        Bot bot = s.bot("Crashed");
        s.run("/queue pause " + bot.id(), "en");
        s.run("/send " + bot.id() + " wxid_b in flight", "en");
        long id = s.lastOutbound(bot);
        // what a crash between the platform call and its answer leaves behind
        s.app().parley().db().jdbi().useHandle(h -> h.execute("UPDATE outbound SET state = 'sending', attempts = 1"
                + " WHERE id = ?", id));

        s.app().restart();
        s.run("/send " + bot.id() + " wxid_b after the restart", "en");
        s.run("/queue resume " + bot.id(), "en");
        // the queue goes in order: once the later message is out, the one in doubt was passed over, not resent
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, PATIENCE)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo("after the restart");

        assertThat(s.state(id)).isEqualTo("unknown");
        assertThat(s.app().count("SELECT COUNT(*) FROM alert_state WHERE rule = 'outbound_unknown' AND state = 'active'"
                + " AND alert_key = '" + id + "'")).isEqualTo(1);
        assertThat(s.run("/alerts", "en").text()).contains("Parley stopped while Crashed was sending message #" + id);
        assertThat(s.run("/queue " + bot.id(), "en").text()).contains("#" + id + " outcome unknown",
                "Parley stopped while sending it");
        assertThat(s.run("/队列 " + bot.id(), "zh-CN").text()).contains("#" + id + " 结果未知", "发送过程中 Parley 停止了");

        s.run("/queue resend #" + id, "en");

        assertThat(eventually(() -> s.sentBy(bot).size() == 2, PATIENCE)).isTrue();
        FakeGeweRequest sent = s.sentBy(bot).getLast();
        assertThat(sent.field("content")).isEqualTo("in flight");
        assertThat(s.app().count("SELECT COUNT(*) FROM alert_state WHERE rule = 'outbound_unknown' AND state = 'active'"
                + " AND alert_key = '" + id + "'")).isZero();
    }

    @Test
    void aSentMessageMissingFromTheHistoryIsRecordedAtTheNextStart() {
        Bot bot = s.bot("Recorder");
        s.app().parley().db().jdbi().useHandle(h -> h.execute("""
                INSERT INTO outbound (account_id, chat_id, chat_type, text, state, attempts, next_attempt_at, sent_id,
                  receipt, requested_by, recorded, created_at, updated_at, sent_at)
                VALUES (?, 'wxid_c', 'private', 'sent before a crash', 'sent', 1, 0, '18446744073709551557',
                  '{"msgId":"77","newMsgId":"18446744073709551557","createTime":"1763900000"}', 'http:admin', 0,
                  1763900000000, 1763900000000, 1763900000000)""", bot.id()));

        s.app().restart();

        assertThat(s.app().count("SELECT COUNT(*) FROM messages WHERE platform_msg_id = '18446744073709551557'"
                + " AND direction = 'out' AND text = 'sent before a crash' AND account_id = " + bot.id())).isEqualTo(1);
        assertThat(s.app().count("SELECT recorded FROM outbound WHERE sent_id = '18446744073709551557'"))
                .isEqualTo(1);
    }
}
