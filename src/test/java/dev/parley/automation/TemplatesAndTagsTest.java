package dev.parley.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.parley.console.CommandClient;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /template add|show|list|remove} and {@code /tag add|remove|list} through the command API. */
class TemplatesAndTagsTest {
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("tpltags", Map.of());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void aTemplateIsSavedShownWithAnExampleListedReplacedAndRemovedAfterConfirmation() {
        CommandClient.Response saved = s.run("/template add Welcome {Hi|Hello} {name}, welcome to {group}{!|.}", "en");

        assertThat(saved.body().path("card").path("title").asText()).isEqualTo("Saved template welcome");
        assertThat(saved.text()).contains("{Hi|Hello} {name}, welcome to {group}{!|.}", "Different texts", "4")
                .containsPattern("(Hi|Hello) Alice, welcome to Refund help[!.]");
        assertThat(s.run("/模板 查看 welcome", "zh-CN").text()).contains("模板 welcome", "写法数")
                .containsPattern("(Hi|Hello) 小王, welcome to 退款咨询群[!.]");
        assertThat(s.run("/template list", "en").text()).contains("Saved templates (1)", "welcome · 4 variant(s)");

        CommandClient.Response replaced = s.run("/template add welcome Dear {name}", "en");
        assertThat(replaced.body().path("card").path("title").asText()).isEqualTo("Replaced the text of template welcome");
        assertThat(s.app().count("SELECT COUNT(*) FROM saved_templates")).isEqualTo(1);

        CommandClient.Response question = s.run("/template remove welcome", "en");
        assertThat(question.body().path("card").path("title").asText()).isEqualTo("Delete template welcome?");
        assertThat(s.app().count("SELECT COUNT(*) FROM saved_templates")).isEqualTo(1);
        assertThat(s.press(question.action(1)).text()).contains("Deleted template welcome");
        assertThat(s.app().count("SELECT COUNT(*) FROM saved_templates")).isZero();
        assertThat(s.run("/template show welcome", "en").text()).contains("There is no saved template “welcome”");
    }

    @Test
    void aBrokenTemplateIsRefusedInTheCallersLanguageAndNothingIsSaved() {
        assertThat(s.run("/template add broken {Hi|Hello {name}", "en").text())
                .contains("A brace opened at character 1 is not closed");
        assertThat(s.run("/模板 添加 broken 您好 {nmae}", "zh-CN").text())
                .contains("第 4 个字符处的变量未知", "{account}, {date}, {group}, {name}");
        assertThat(s.run("/template add bad!name hello", "en").text()).contains("cannot be a template name");
        assertThat(s.app().count("SELECT COUNT(*) FROM saved_templates WHERE name IN ('broken', 'bad!name')")).isZero();
    }

    @Test
    void chatsAreTaggedPerAccountByNameAndAnUnknownNameChangesNothing() {
        Bot one = s.bot("Tagger one");
        Bot two = s.bot("Tagger two");
        s.group(one, "9101@chatroom", "VIP lounge", 30);
        s.group(two, "9101@chatroom", "VIP lounge", 30);
        s.contact(one, "wxid_alice_t", "Alice T", null);

        CommandClient.Response tagged = s.run("/tag add VIP VIP lounge, Alice T", "en");
        assertThat(tagged.text()).contains("Tagged 3 of 3 chat(s) vip", "VIP lounge · Tagger one",
                "VIP lounge · Tagger two", "Alice T · Tagger one");
        assertThat(s.run("/tag add vip Alice T", "en").text()).contains("Tagged 0 of 1 chat(s) vip");
        assertThat(s.run("/标签 列表 vip", "zh-CN").text()).contains("标签 vip（3）", "👥 VIP lounge（9101@chatroom）");
        assertThat(s.run("/tag list", "en").text()).contains("3 chat(s): 2 group(s), 1 contact(s)");

        assertThat(s.run("/tag add vip Alice T, Nobody here", "en").text())
                .contains("No account has a contact or group “Nobody here”");
        assertThat(s.run("/tag add vip 9101@chatroom account:" + one.id(), "en").text()).contains("Tagged 0 of 1");
        assertThat(s.run("/tag remove vip VIP lounge account:" + two.id(), "en").text())
                .contains("Removed vip from 1 of 1 chat(s)");
        assertThat(s.app().count("SELECT COUNT(*) FROM chat_tags WHERE tag = 'vip'")).isEqualTo(2);
        assertThat(s.run("/tag add 'no good' Alice T", "en").text()).contains("cannot be a tag");
    }
}
