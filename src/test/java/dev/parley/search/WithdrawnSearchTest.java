package dev.parley.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message its sender withdrew stops turning up in {@code /search} once the withdrawal notice is indexed, and is
 * found again, marked withdrawn, with {@code withdrawn:include}: the GeWe notice of the fixture withdraws message
 * 5391702846127384915 of that device.
 */
class WithdrawnSearchTest {
    private static TestParley app;

    @BeforeAll
    static void start() {
        app = TestParley.start("withdrawn");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void awaitIndexed() throws InterruptedException {
        long newest = app.count("SELECT MAX(id) FROM messages");
        assertThat(app.parley().index().awaitIndexed(newest, Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void aWithdrawnMessageIsFoundOnlyWhenAskedForAndShownAsWithdrawn() throws Exception {
        assertThat(app.postGewe(GeweCallbackFixtures.privateText("wx_Qm7T2kLpZc9vN4xR8sYbA", "wxid_parleybot01",
                "wxid_k3m9p2q7r5s1", "我的银行卡号是撤回测试", "5391702846127384915", 1_736_824_200L)).status())
                .isEqualTo(200);
        app.postGewe(GeweCallbackFixtures.privateText("wx_Qm7T2kLpZc9vN4xR8sYbA", "wxid_parleybot01",
                "wxid_k3m9p2q7r5s1", "撤回测试之外的一条", "5391702846127384916", 1_736_824_210L));
        awaitIndexed();
        assertThat(app.run("/search 撤回测试", "en").text()).contains("Found: 2.", "我的银行卡号");

        assertThat(app.postGewe(new String(GeweCallbackFixtures.file("sysmsg-revoke.json"), StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
        awaitIndexed();
        String hidden = app.run("/search 撤回测试", "en").text();
        assertThat(hidden).contains("Found: 1.").doesNotContain("我的银行卡号");
        String shown = app.run("/search 撤回测试 withdrawn:include", "en").text();
        assertThat(shown).contains("Found: 2.", "我的银行卡号", "⊘ withdrawn");
        assertThat(app.run("/搜索 撤回测试 撤回:包含", "zh-CN").text()).contains("⊘ 已撤回");
    }
}
