package dev.parley.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Splits the text after a command name into words and options. Words are separated by any white space, the
 * ideographic space included. A word that starts with a quote ({@code "…"} {@code '…'} {@code “…”} {@code ‘…’}
 * {@code 「…」} {@code 『…』} {@code ＂…＂} {@code ＇…＇}) runs to the closing quote, spaces and colons included.
 * {@code key:value} (or {@code key：value}) is an option only when {@code key} names one of the command's options,
 * and its value may be quoted too ({@code sender:"Ann Lee"}); anything else with a colon is an ordinary word, so
 * {@code http://x.cn} stays intact. Quotes anywhere else are ordinary characters ({@code don't}).
 */
final class Tokenizer {
    private static final Map<Integer, Integer> QUOTES = Map.of(
            (int) '"', (int) '"',
            (int) '\'', (int) '\'',
            (int) '“', (int) '”',
            (int) '‘', (int) '’',
            (int) '「', (int) '」',
            (int) '『', (int) '』',
            (int) '＂', (int) '＂',
            (int) '＇', (int) '＇');

    private Tokenizer() {
    }

    /**
     * @param text    what follows the command name
     * @param options finds the option a typed key names
     * @return the tokens in order
     * @throws Problem {@link ParserKey#UNTERMINATED_QUOTE} when a quote is never closed
     */
    static List<Token> tokenize(String text, Function<String, Optional<OptionSpec>> options) {
        List<Token> tokens = new ArrayList<>();
        int position = skipSpaces(text, 0);
        while (position < text.length()) {
            int start = position;
            StringBuilder word = new StringBuilder();
            boolean quoted = QUOTES.containsKey(text.codePointAt(position));
            if (quoted) {
                position = readQuoted(text, position, word);
            }
            OptionSpec option = null;
            String typedKey = null;
            while (position < text.length() && !isSpace(text.codePointAt(position))) {
                int c = text.codePointAt(position);
                position += Character.charCount(c);
                if (option == null && !quoted && isColon(c) && !word.isEmpty()) {
                    Optional<OptionSpec> named = options.apply(word.toString());
                    if (named.isPresent()) {
                        option = named.get();
                        typedKey = word.toString();
                        word.setLength(0);
                        if (position < text.length() && QUOTES.containsKey(text.codePointAt(position))) {
                            position = readQuoted(text, position, word);
                        }
                        continue;
                    }
                }
                word.appendCodePoint(c);
            }
            tokens.add(option == null ? new Token.Word(word.toString(), quoted, start, position)
                    : new Token.Option(option, typedKey, word.toString()));
            position = skipSpaces(text, position);
        }
        return tokens;
    }

    /** @return the position after the closing quote; the quoted text is appended to {@code into} */
    private static int readQuoted(String text, int openAt, StringBuilder into) {
        int open = text.codePointAt(openAt);
        String close = Character.toString(QUOTES.get(open));
        int start = openAt + Character.charCount(open);
        int end = text.indexOf(close, start);
        if (end < 0) {
            throw Problem.of(ParserKey.UNTERMINATED_QUOTE, "quote", Character.toString(open));
        }
        into.append(text, start, end);
        return end + close.length();
    }

    /** @return the first position at or after {@code from} that is not white space */
    static int skipSpaces(String text, int from) {
        int position = from;
        while (position < text.length() && isSpace(text.codePointAt(position))) {
            position += Character.charCount(text.codePointAt(position));
        }
        return position;
    }

    /** @return the first position at or after {@code from} that is white space, or the end */
    static int wordEnd(String text, int from) {
        int position = from;
        while (position < text.length() && !isSpace(text.codePointAt(position))) {
            position += Character.charCount(text.codePointAt(position));
        }
        return position;
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    static boolean isColon(int c) {
        return c == ':' || c == '：';
    }
}
