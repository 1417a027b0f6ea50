package dev.parley.bench;

import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticChatTest {
    @Test
    void theSameSeedGivesTheSameMessages() {
        List<SyntheticMessage> first = SyntheticChat.builder().seed(3).build().messages(500).toList();
        List<SyntheticMessage> second = SyntheticChat.builder().seed(3).build().messages(500).toList();
        List<SyntheticMessage> other = SyntheticChat.builder().seed(4).build().messages(500).toList();
        assertThat(first).isEqualTo(second).isNotEqualTo(other);
    }

    @Test
    void messagesLookLikeChat() {
        List<SyntheticMessage> messages = SyntheticChat.builder().accounts(2).build().messages(5_000).toList();
        List<String> texts = messages.stream().map(SyntheticMessage::text).filter(Objects::nonNull).toList();
        assertThat(texts).allSatisfy(text -> assertThat(text.codePointCount(0, text.length())).isBetween(2, 80));
        assertThat(texts).anyMatch(t -> t.contains("退款")).anyMatch(t -> t.contains("团长"))
                .anyMatch(t -> t.matches(".*[A-Za-z]{3,}.*")).anyMatch(t -> t.matches(".*\\d{6}.*"))
                .anyMatch(t -> t.contains("\n")).anyMatch(t -> t.codePoints().anyMatch(c -> c > 0xFFFF));
        assertThat(messages).extracting(SyntheticMessage::account).containsOnly(0, 1);
        assertThat(messages).extracting(SyntheticMessage::platformMsgId).doesNotHaveDuplicates();
        assertThat(messages.stream().filter(m -> m.text() == null).count()).isBetween(100L, 1_000L);
    }

    @Test
    void aMillionMessagesTakeSeconds() {
        long started = System.nanoTime();
        long withText = SyntheticChat.builder().build().messages(1_000_000).filter(m -> m.text() != null).count();
        assertThat(withText).isBetween(800_000L, 950_000L);
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    }

    @Test
    void pickedQueriesOccurOrNotAsPromised() {
        List<String> texts = SyntheticChat.builder().build().messages(2_000).map(SyntheticMessage::text)
                .filter(Objects::nonNull).toList();
        Random random = new Random(1);
        List<String> occurring = SyntheticChat.occurringSubstrings(texts, 50, 2, 6, random);
        assertThat(occurring).hasSize(50).allSatisfy(q -> assertThat(texts).anyMatch(t -> t.contains(q)));
        String absent = SyntheticChat.absentString(3, random);
        assertThat(texts).noneMatch(t -> t.contains(absent.substring(0, 1)));
        assertThat(SyntheticChat.randomPair(random).codePointCount(0, 2)).isEqualTo(2);
        assertThat(SyntheticChat.cjkRuns("订单123退款ok哈")).containsExactly("订单", "退款", "哈");
    }
}
