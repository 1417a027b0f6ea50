package dev.parley.command;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.parley.rbac.Identity;

/**
 * Checks one typed value against its parameter's type and converts it to what handlers receive: {@code String},
 * {@code Long}, {@code Duration}, {@code LocalDate} or {@code Identity}. Typed values (numbers, durations, dates,
 * enums, identities) accept full-width forms; free text, accounts and chats are passed on exactly as typed.
 */
final class Values {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private Values() {
    }

    /**
     * @throws Problem when the value does not fit the type
     */
    static Object convert(ParamSpec param, String raw) {
        return switch (param.type()) {
            case ArgType.Text text -> {
                int length = raw.codePointCount(0, raw.length());
                if (text.maxLength().isPresent() && length > text.maxLength().getAsInt()) {
                    throw Problem.of(ParserKey.TEXT_TOO_LONG, "name", param.name(), "max", text.maxLength().getAsInt(),
                            "length", length);
                }
                yield raw;
            }
            case ArgType.IntegerRange range -> integer(param, range, raw);
            case ArgType.TimeSpan timeSpan -> Durations.parse(raw)
                    .orElseThrow(() -> Problem.of(ParserKey.DURATION_INVALID, "value", raw, "name", param.name()));
            case ArgType.CalendarDate date -> Dates.parse(raw)
                    .orElseThrow(() -> Problem.of(ParserKey.DATE_INVALID, "value", raw, "name", param.name()));
            case ArgType.Choice choice -> choice.match(raw).map(EnumValue::value)
                    .orElseThrow(() -> Problem.of(ParserKey.ENUM_INVALID, "value", raw, "name", param.name(), "choices",
                            choice.values().stream().map(EnumValue::value).collect(Collectors.joining(", "))));
            case ArgType.AccountRef account -> raw;
            case ArgType.ChatRef chat -> raw;
            case ArgType.IdentityRef identity -> Identity.parse(Normalizer.normalize(raw, Normalizer.Form.NFKC))
                    .orElseThrow(() -> Problem.of(ParserKey.IDENTITY_INVALID, "value", raw, "name", param.name()));
        };
    }

    private static Long integer(ParamSpec param, ArgType.IntegerRange range, String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        if (!INTEGER.matcher(text).matches()) {
            throw Problem.of(ParserKey.INTEGER_INVALID, "value", raw, "name", param.name());
        }
        BigInteger value = new BigInteger(text);
        long min = range.min().orElse(Long.MIN_VALUE);
        long max = range.max().orElse(Long.MAX_VALUE);
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            throw Problem.of(ParserKey.INTEGER_TOO_SMALL, "value", raw, "name", param.name(), "min", min);
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw Problem.of(ParserKey.INTEGER_TOO_LARGE, "value", raw, "name", param.name(), "max", max);
        }
        return value.longValueExact();
    }
}
