package dev.parley.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cuts count characters as MariaDB does (code points, so an emoji is one), and show themselves. */
class ShortTextsTest {
    @Test
    void aTextThatFitsIsKeptAndALongerOneEndsInAnEllipsisAtTheLimit() {
        assertThat(ShortTexts.cut("abc", 3)).isEqualTo("abc");
        assertThat(ShortTexts.cut("abcd", 3)).isEqualTo("ab…");
        assertThat(ShortTexts.cut(null, 3)).isNull();
        assertThat(ShortTexts.cut("😀😀😀😀", 3)).isEqualTo("😀😀…");
        String name = ShortTexts.name("名".repeat(300));
        assertThat(name.codePointCount(0, name.length())).isEqualTo(ShortTexts.NAME_LENGTH);
        assertThat(ShortTexts.name("名".repeat(256))).doesNotContain("…");
    }
}
