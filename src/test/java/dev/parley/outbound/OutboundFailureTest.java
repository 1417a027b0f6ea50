package dev.parley.outbound;

import java.time.Duration;
import java.util.Map;

import dev.parley.connector.gewe.GeweClient;
import dev.parley.console.CommandClient;
import dev.parley.outbound.GeweScenario.Bot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the queue does when sending goes wrong: transient errors retried, refusals failed with an alert, GeWe down
 * for a while, an answer lost mid-send (never resent blindly), and accounts going offline and coming back.
 */
class OutboundFailureTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 12;
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("failures", Map.of(
                "outbound.retry.attempts", Integer.toString(ATTEMPTS),
                "outbound.retry.base.ms", "20",
                "outbound.retry.max.ms", "80",
                "gewe.request.timeout.ms", "700"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @AfterEach
    void clearFaults() {
        s.gewe().clearFaults();
    }

    @Test
    void transientFailuresAreRetriedThenSucceed() {
        Bot bot = s.bot("Persistent");
        s.gewe().on("/message/postText").times(2).httpStatus(502);

        s.run("/send " + bot.id() + " wxid_a try again", "en");

        long id = s.lastOutbound(bot);
        assertThat(eventually(() -> s.state(id).equals("sent"), PATIENCE)).isTrue();
        assertThat(s.gewe().requests("/message/postText").stream().filter(r -> bot.appId().equals(r.field("appId"))))
                .hasSize(3);
        assertThat(s.sentBy(bot)).hasSize(1);
        assertThat(s.app().count("SELECT attempts FROM outbound WHERE id = " + id)).isEqualTo(3);
        assertThat(s.app().get("/metrics").body()).contains("parley_outbound_sent_total{platform=\"wechat\",result=\"retried\"}");
    }

    @Test
    void aRefusalFailsWithAnAlertAndResendSendsItAfterAll() {
        Bot bot = s.bot("Refused");
        s.gewe().on("/message/postText").times(1)
                .envelope("{\"ret\":500,\"msg\":\"发送失败\",\"data\":{\"code\":\"-2\",\"msg\":\"对方不是你的好友\"}}");

        s.run("/send " + bot.id() + " wxid_b are you there", "en");

        long id = s.lastOutbound(bot);
        assertThat(eventually(() -> alert("outbound_failed", id).equals("active"), PATIENCE)).isTrue();
        assertThat(s.state(id)).isEqualTo("failed");
        assertThat(s.run("/alerts", "en").text()).contains("Message #" + id + " could not be sent", "对方不是你的好友");
        assertThat(s.run("/queue " + bot.id(), "zh-CN").text()).contains("#" + id + " 发送失败", "对方不是你的好友");

        String buttons = s.app().parley().db().jdbi().withHandle(h -> h.createQuery("SELECT buttons FROM alert_state"
                + " WHERE rule = 'outbound_failed' AND alert_key = :key").bind("key", Long.toString(id))
                .mapTo(String.class).one());
        assertThat(buttons).contains("\"/queue resend " + id + "\"", "\"/queue drop " + id + "\"");

        CommandClient.Response resent = s.run("/queue resend " + id, "en");

        assertThat(resent.text()).contains("Queued again", "Queued as #" + id);
        assertThat(eventually(() -> s.state(id).equals("sent"), PATIENCE)).isTrue();
        assertThat(s.sentBy(bot)).hasSize(1);
        assertThat(alert("outbound_failed", id)).isEqualTo("resolved");
    }

    @Test
    void transientErrorsThatOutlastEveryAttemptFail() {
        Bot bot = s.bot("Unlucky");
        s.gewe().on("/message/postText").times(ATTEMPTS).httpStatus(503);

        s.run("/send " + bot.id() + " wxid_c never", "en");

        long id = s.lastOutbound(bot);
        assertThat(eventually(() -> alert("outbound_failed", id).equals("active"), PATIENCE)).isTrue();
        assertThat(s.state(id)).isEqualTo("failed");
        assertThat(s.app().count("SELECT attempts FROM outbound WHERE id = " + id)).isEqualTo(ATTEMPTS);
        assertThat(s.run("/queue drop #" + id, "en").text()).contains("Message #" + id + " is dropped");
        assertThat(s.state(id)).isEqualTo("cancelled");
        assertThat(alert("outbound_failed", id)).isEqualTo("resolved");
    }

    @Test
    void whileGeweIsDownTheQueueWaitsAndDrainsInOrderWhenItIsBack() throws InterruptedException {
        Bot bot = s.bot("Waiting");
        s.gewe().onAnyPath().httpStatus(503);
        for (String text : new String[] {"first", "second", "third"}) {
            s.run("/send " + bot.id() + " wxid_d " + text, "en");
        }
        Thread.sleep(500);
        assertThat(s.sentBy(bot)).isEmpty();
        // all three still wait; the first may be mid-attempt ('sending') at the instant of looking
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE state IN ('queued', 'sending') AND account_id = "
                + bot.id())).isEqualTo(3);

        s.gewe().clearFaults();

        assertThat(eventually(() -> s.sentBy(bot).size() == 3, PATIENCE)).isTrue();
        assertThat(s.sentBy(bot)).extracting(r -> r.field("content")).containsExactly("first", "second", "third");
    }

    @Test
    void anAnswerLostMidSendMakesTheOutcomeUnknownAndNothingIsSentTwice() throws InterruptedException {
        Bot bot = s.bot("Slow");
        s.gewe().on("/message/postText").times(1).delay(Duration.ofMillis(1200));

        s.run("/send " + bot.id() + " wxid_e only once", "en");

        long id = s.lastOutbound(bot);
        assertThat(eventually(() -> alert("outbound_unknown", id).equals("active"), PATIENCE)).isTrue();
        assertThat(s.state(id)).isEqualTo("unknown");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, PATIENCE)).as("GeWe did send it").isTrue();
        Thread.sleep(400);
        assertThat(s.sentBy(bot)).as("and Parley did not send it again").hasSize(1);
        assertThat(s.run("/alerts", "en").text()).contains("Message #" + id + " may not have been sent", "timed out");

        assertThat(s.run("/queue drop #" + id, "en").text()).contains("dropped");
        assertThat(alert("outbound_unknown", id)).isEqualTo("resolved");
    }

    @Test
    void anAccountFoundOfflineIsHeldUntilItIsOnlineAgain() throws Exception {
        Bot bot = s.bot("Dropped");
        s.gewe().goOffline(bot.appId(), true);

        s.run("/send " + bot.id() + " wxid_f after the break", "en");

        long id = s.lastOutbound(bot);
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM accounts WHERE status = 'offline' AND id = "
                + bot.id()) == 1, PATIENCE)).isTrue();
        assertThat(s.state(id)).isEqualTo("queued");
        assertThat(s.app().count("SELECT attempts FROM outbound WHERE id = " + id)).isZero();
        assertThat(s.run("/queue " + bot.id(), "en").text()).contains("offline: waiting until the account is back online");
        assertThat(s.run("/队列 " + bot.id(), "zh-CN").text()).contains("已离线");
        assertThat(s.run("/send " + bot.id() + " wxid_f second", "en").text()).contains("Dropped is offline");

        try (GeweClient client = GeweClient.builder().baseUrl(s.gewe().baseUrl()).token(s.gewe().token()).build()) {
            client.reconnection(bot.appId());
        }
        s.app().parley().outbound().accountOnline(bot.id());

        assertThat(eventually(() -> s.sentBy(bot).size() == 2, PATIENCE)).isTrue();
        assertThat(s.sentBy(bot)).extracting(r -> r.field("content")).containsExactly("after the break", "second");
    }

    @Test
    void anOfflineCallbackHoldsTheQueueUntilTheStatusReadsOnline() throws InterruptedException {
        Bot bot = s.bot("Kicked");
        s.callbacks().offline(bot.appId());

        s.run("/send " + bot.id() + " wxid_g held", "en");
        Thread.sleep(500);

        assertThat(s.sentBy(bot)).isEmpty();
        assertThat(s.state(s.lastOutbound(bot))).isEqualTo("queued");

        // the login monitor records the account online again
        s.app().parley().db().jdbi().useHandle(h -> h.execute("UPDATE accounts SET status = 'online' WHERE id = ?",
                bot.id()));

        assertThat(eventually(() -> s.sentBy(bot).size() == 1, PATIENCE)).isTrue();
    }

    private static String alert(String rule, long id) {
        return s.app().parley().db().jdbi().withHandle(h -> h.createQuery(
                        "SELECT state FROM alert_state WHERE rule = :rule AND alert_key = :key")
                .bind("rule", rule).bind("key", Long.toString(id)).mapTo(String.class).findOne().orElse("none"));
    }
}
