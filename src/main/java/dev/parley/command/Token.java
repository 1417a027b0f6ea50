package dev.parley.command;

/** One unit of a command's argument text, as split by {@link Tokenizer}. */
sealed interface Token {
    /**
     * A positional word.
     *
     * @param text   the word without its quotes
     * @param quoted whether it began with a quote, which makes it a single argument and never an option
     * @param start  where it starts in the text it was read from, its opening quote included
     * @param end    where it ends there, its closing quote included
     */
    record Word(String text, boolean quoted, int start, int end) implements Token {
    }

    /**
     * A {@code key:value} word whose key names a declared option.
     *
     * @param spec     the option
     * @param typedKey the key as typed, e.g. {@code 最近}
     * @param value    the value, without quotes; may be empty
     */
    record Option(OptionSpec spec, String typedKey, String value) implements Token {
    }
}
