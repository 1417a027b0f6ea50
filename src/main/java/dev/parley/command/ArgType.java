package dev.parley.command;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The type of an argument or option value, as declared by {@code type:} in the catalog. It decides how the parser
 * checks and converts the typed text, and which Java type handlers receive (see each record).
 */
public sealed interface ArgType {
    /** The codes accepted by {@code type:}, in the order error messages list them. */
    List<String> CODES = List.of("text", "integer", "duration", "date", "enum", "account", "chat", "identity");

    /** @return the catalog code of this type, e.g. {@code duration} */
    String code();

    /**
     * Free text, received as {@link String}.
     *
     * @param maxLength the most characters (code points) accepted, from {@code max:}
     */
    record Text(OptionalInt maxLength) implements ArgType {
        @Override
        public String code() {
            return "text";
        }
    }

    /**
     * A whole number, received as {@link Long}.
     *
     * @param min the smallest value accepted, from {@code min:}
     * @param max the largest value accepted, from {@code max:}
     */
    record IntegerRange(OptionalLong min, OptionalLong max) implements ArgType {
        @Override
        public String code() {
            return "integer";
        }
    }

    /**
     * A length of time such as {@code 30m}, {@code 1h30m}, {@code 7d}, {@code 2w}, {@code 7天}, {@code 12小时},
     * received as {@link java.time.Duration}.
     */
    record TimeSpan() implements ArgType {
        @Override
        public String code() {
            return "duration";
        }
    }

    /**
     * A day such as {@code 2026-01-31}, {@code 2026/1/31}, {@code 2026.1.31} or {@code 2026年1月31日}, received as
     * {@link java.time.LocalDate}.
     */
    record CalendarDate() implements ArgType {
        @Override
        public String code() {
            return "date";
        }
    }

    /**
     * One of the declared values, received as the canonical value ({@link String}) whichever alias was typed.
     *
     * @param values the allowed values, at least one
     */
    record Choice(List<EnumValue> values) implements ArgType {
        /** Copies the values. */
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public String code() {
            return "enum";
        }

        /**
         * @param typed a word as the user typed it
         * @return the value it names, by canonical value or alias in any locale
         */
        public Optional<EnumValue> match(String typed) {
            return values.stream().filter(value -> value.matches(typed)).findFirst();
        }
    }

    /** A managed account (id, label, wxid...), received as the raw {@link String}; the engine resolves it. */
    record AccountRef() implements ArgType {
        @Override
        public String code() {
            return "account";
        }
    }

    /** A chat (id or name), received as the raw {@link String}; the engine resolves it. */
    record ChatRef() implements ArgType {
        @Override
        public String code() {
            return "chat";
        }
    }

    /** Who someone is on a channel, {@code channel:user-id}, received as {@link dev.parley.rbac.Identity}. */
    record IdentityRef() implements ArgType {
        @Override
        public String code() {
            return "identity";
        }
    }
}
