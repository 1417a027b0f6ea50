/**
 * Full-text search over messages: one Lucene index for Chinese, Japanese, Korean and everything else,
 * derived from MariaDB (the truth) and following its {@code messages} table by id.
 *
 * <p>Entry points: {@link dev.parley.search.MessageIndex} (lifecycle, indexing, raw hits, status and
 * gauges) and {@link dev.parley.search.SearchService} (hits as displayable rows with
 * {@link dev.parley.search.Snippets}).
 *
 * <p>What a query matches, compared with {@code text LIKE '%query%'} on the table's collation
 * ({@code utf8mb4_unicode_520_ci}):
 * <ul>
 *   <li>Two or more adjacent CJK letters (Han, kana, Hangul): exactly the same messages, including
 *       the collation's equivalences (hiragana = katakana, small = large and voiced = unvoiced kana,
 *       half-width = full-width, compatibility = conjoining jamo). A lone CJK character: also the same.
 *       Verified against MariaDB by {@code LikeEquivalenceTest}.</li>
 *   <li>Latin, digits and other scripts: whole words, case- and accent-insensitive, not substrings:
 *       {@code fund} does not find "refund", {@code 1234} does not find "123456", {@code example} does
 *       not find "www.example.com", {@code iphone} does not find "iPhone15". ASCII folding also equates
 *       ß/ss, æ/ae and ligatures, which LIKE does not.</li>
 *   <li>Several parts ({@code 退款 refund}, {@code 订单123}) must all occur, anywhere and in any
 *       order; LIKE would need them adjacent and in order.</li>
 *   <li>Punctuation and symbols are not indexed (a query of only "？？" finds nothing); an emoji is a
 *       word of its own, with its modifiers ({@code 👍} does not find "👍🏻").</li>
 *   <li>Rare characters the collation equates across scripts are not folded: 〇 (= 0), the Hangzhou
 *       numerals 〡–〩 (= 1–9), circled and parenthesized ideographs (= Kangxi radicals); a query
 *       containing combining marks, variation selectors or the half-width voiced marks ﾞﾟ matches
 *       them literally. Bopomofo is matched as words.</li>
 *   <li>Only the first 10,000 characters of a message are indexed.</li>
 *   <li>The index follows inserts; a later update of a row is seen only for a withdrawal: the withdrawal notice's
 *   row re-indexes the message it withdrew, which searches then leave out unless asked. Edits are not seen.</li>
 * </ul>
 */
package dev.parley.search;
