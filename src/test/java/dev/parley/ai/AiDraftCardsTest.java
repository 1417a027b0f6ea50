package dev.parley.ai;

import java.util.Map;

import dev.parley.card.Card;
import dev.parley.i18n.Messages;
import dev.parley.message.ChatType;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed draft's reason is stored as a code and said in the card's language; older English reasons stay readable;
 * the passages a draft used are quoted, one line each.
 */
class AiDraftCardsTest {
    private static final DraftCards CARDS = new DraftCards(Messages.load());

    private static String reason(String stored, String locale) {
        Draft draft = new Draft(7, 1, "wxid_c", ChatType.PRIVATE, 42, DraftState.FAILED, "在吗？", null, null,
                "default", stored, null, null, 0);
        Card card = CARDS.card(draft, "客服", "Ann", Map.of(), locale);
        assertThat(card.tone()).isEqualTo(Card.Tone.ERROR);
        return card.fields().getFirst().value();
    }

    @Test
    void aProviderFailureIsSaidInChineseWithTheServersWordsLabelled() {
        String stored = DraftFailure.of(DraftFailure.PROVIDER_HTTP, "provider", "deepseek", "status", 503,
                "attempts", 3, DraftFailure.DETAIL, "Service overloaded").stored();
        assertThat(reason(stored, "zh-CN"))
                .isEqualTo("deepseek 返回 HTTP 503（共尝试 3 次）；可点“重新生成”再试。\n服务端原话：Service overloaded");
        assertThat(reason(stored, "en")).isEqualTo("deepseek answered HTTP 503 (after 3 attempt(s)); Regenerate asks"
                + " again.\nThe server said: Service overloaded");
    }

    @Test
    void quotaRecoveryAndKbReasonsAreLocalized() {
        assertThat(reason(DraftFailure.of(DraftFailure.QUOTA_DAILY, "limit", 5, "account", "客服A").stored(), "zh-CN"))
                .isEqualTo("客服A 今天的 AI 调用额度（5 次）已用完；明天恢复起草（parley.ai.quota.daily）。");
        assertThat(reason(DraftFailure.of(DraftFailure.PARLEY_STOPPED).stored(), "zh-CN"))
                .isEqualTo("起草这份草稿时 Parley 停止了；可点“重新生成”再试。");
        assertThat(reason(DraftFailure.of(DraftFailure.KB_NO_MATCH).stored(), "zh-CN")).startsWith("知识库中没有");
    }

    @Test
    void reasonsStoredBeforeCodesOrWithAnUnknownCodeAreShownAsTheyAre() {
        assertThat(reason("HTTP 503 from default after 3 attempt(s)", "zh-CN"))
                .isEqualTo("HTTP 503 from default after 3 attempt(s)");
        assertThat(reason("{\"reason\":\"from_the_future\"}", "zh-CN")).isEqualTo("{\"reason\":\"from_the_future\"}");
        assertThat(reason("{not json", "en")).isEqualTo("{not json");
        assertThat(reason(null, "en")).isEmpty();
    }

    @Test
    void aReasonTooLongToStoreLosesOnlyTheServersWords() {
        DraftFailure failure = DraftFailure.of(DraftFailure.PROVIDER_HTTP, "provider", "p", "status", 500,
                "attempts", 1, DraftFailure.DETAIL, "x".repeat(600));
        assertThat(DraftFailure.parse(failure.stored())).contains(failure);
        assertThat(failure.withoutDetail().detail()).isEmpty();
        assertThat(failure.withoutDetail().args()).containsEntry("status", "500");
    }

    @Test
    void theSourcesAreQuotedOneLineEachAndARemovedOneSaysSo() {
        Draft draft = new Draft(8, 1, "wxid_c", ChatType.PRIVATE, 43, DraftState.PENDING, "退款多久到账？", "3-5 个工作日。",
                "7,9", "kb", null, null, null, 0);
        String passage = "退款：审核通过后\n3-5 个工作日原路退回。" + "详情".repeat(60);
        Card card = CARDS.card(draft, "客服", "Ann", Map.of(7L, passage), "zh-CN");
        String sources = card.fields().stream().filter(f -> f.label().equals("依据")).findFirst().orElseThrow().value();
        assertThat(sources.lines()).hasSize(2);
        assertThat(sources.lines().toList().getFirst()).startsWith("#7 退款：审核通过后 3-5 个工作日原路退回。详情")
                .endsWith("…").hasSize(3 + 80);
        assertThat(sources.lines().toList().get(1)).isEqualTo("#9 （已从知识库删除）");
    }
}
