package dev.parley.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.parley.command.CommandEngine;
import dev.parley.command.CommandReply;
import dev.parley.command.CommandRequest;
import dev.parley.rbac.Identity;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /digest daily|status|off} as typed in team chats: a chat is scheduled and bound for digests, the schedule
 * is listed, moved, and removed; outside a chat, with a wrong time or with nothing to stop, the answer says why and
 * nothing changes.
 */
class DigestCommandsTest {
    private static TestParley parley;
    private static CommandEngine engine;
    private static final Identity OWNER = Identity.parse("telegram:1").orElseThrow();

    @BeforeAll
    static void start() {
        parley = TestParley.start("digestcmd", Map.of("owners", "telegram:1,http:admin", "timezone", "Asia/Shanghai"));
        engine = parley.parley().engine();
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private static CommandReply typed(String chat, String text, String locale) {
        return engine.execute(new CommandRequest(OWNER, chat, text, locale, null));
    }

    private static long schedules() {
        return parley.count("SELECT COUNT(*) FROM digest_schedules");
    }

    private static long digestBindings() {
        return parley.count("SELECT COUNT(*) FROM channel_bindings WHERE purpose = 'digest'");
    }

    @Test
    void aChatIsScheduledListedMovedAndStopped() {
        CommandReply set = typed("-100", "/digest daily 09:30 here", "en");
        assertThat(set.outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(set.card().text()).contains("09:30").contains("Asia/Shanghai");
        assertThat(schedules()).isEqualTo(1);
        assertThat(digestBindings()).isEqualTo(1);

        typed("-200", "/日报 daily 18:00 here", "zh-CN");
        CommandReply status = typed("-100", "/digest status", "en");
        assertThat(status.card().fields()).hasSize(2);
        assertThat(status.card().fields().get(0).label()).contains("-100");
        assertThat(status.card().fields().get(0).value()).contains("09:30");

        CommandReply moved = typed("-100", "/digest daily 07:15", "en");
        assertThat(moved.outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(typed("-100", "/digest status", "en").card().fields())
                .allSatisfy(f -> assertThat(f.value()).contains("07:15"));

        assertThat(typed("-200", "/digest off", "en").outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(typed("-100", "/digest off", "en").outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(schedules()).isZero();
        assertThat(digestBindings()).isZero();
    }

    @Test
    void wrongInputIsExplainedAndChangesNothing() {
        long before = schedules();
        CommandReply badTime = typed("-300", "/digest daily 25:00 here", "en");
        assertThat(badTime.outcome()).isNotEqualTo(CommandReply.Outcome.OK);
        assertThat(badTime.card().text()).contains("25:00");
        CommandReply badTimeZh = typed("-300", "/digest daily 9点 here", "zh-CN");
        assertThat(badTimeZh.outcome()).isNotEqualTo(CommandReply.Outcome.OK);
        assertThat(badTimeZh.card().text()).contains("9点");
        assertThat(typed("-300", "/digest off", "en").outcome()).isNotEqualTo(CommandReply.Outcome.OK);

        String console = parley.run("/digest daily 09:00 here", "en").text();
        assertThat(console).contains("chat that should receive");
        assertThat(parley.run("/digest daily 09:00 here", "zh-CN").text()).contains("要接收日报的群");
        assertThat(schedules()).isEqualTo(before);
    }
}
