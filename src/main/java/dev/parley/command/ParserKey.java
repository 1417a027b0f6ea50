package dev.parley.command;

/**
 * The locale keys behind what the parser reports, in both locales. {@link ParseResult.Invalid#problemKey()} is
 * always one of the {@code parser.error.*} keys here; the engine uses the others to word
 * {@link ParseResult.Unknown}, {@link ParseResult.MissingSubcommand} and usage hints. Placeholders are listed
 * with each key.
 */
public enum ParserKey {
    /** {@code {usage}}: introduces a usage line rendered by {@link Usage}. */
    USAGE("parser.usage"),
    /** No placeholders: what separates listed choices ({@code ", "} or {@code "、"}). */
    LIST_SEPARATOR("parser.list_separator"),
    /** {@code {command}}: the command word as typed, with no close match. */
    UNKNOWN_COMMAND("parser.error.unknown_command"),
    /** {@code {command}} as typed, {@code {suggestion}}: e.g. a usage line of the suggested command. */
    UNKNOWN_COMMAND_SUGGESTION("parser.error.unknown_command_suggestion"),
    /** {@code {command}} the group as typed, {@code {subcommands}} its subcommand names. */
    MISSING_SUBCOMMAND("parser.error.missing_subcommand"),
    /** {@code {name}}: a required argument was not given. */
    MISSING_ARGUMENT("parser.error.missing_argument"),
    /** {@code {value}}: a word beyond the last argument. */
    TOO_MANY_ARGUMENTS("parser.error.too_many_arguments"),
    /** {@code {option}}: a {@code key:value} word with a key the command does not have, where no argument fits. */
    UNKNOWN_OPTION("parser.error.unknown_option"),
    /** {@code {option}}: an option with nothing after its colon. */
    OPTION_NEEDS_VALUE("parser.error.option_needs_value"),
    /** {@code {option}}: an option given twice. */
    DUPLICATE_OPTION("parser.error.duplicate_option"),
    /** {@code {quote}}: a quote that is never closed. */
    UNTERMINATED_QUOTE("parser.error.unterminated_quote"),
    /** {@code {name}}, {@code {max}}, {@code {length}}: text longer than allowed. */
    TEXT_TOO_LONG("parser.error.text_too_long"),
    /** {@code {value}}: not a whole number. */
    INTEGER_INVALID("parser.error.integer_invalid"),
    /** {@code {value}}, {@code {min}}: below the minimum. */
    INTEGER_TOO_SMALL("parser.error.integer_too_small"),
    /** {@code {value}}, {@code {max}}: above the maximum. */
    INTEGER_TOO_LARGE("parser.error.integer_too_large"),
    /** {@code {value}}: not a duration. */
    DURATION_INVALID("parser.error.duration_invalid"),
    /** {@code {value}}: not a date, or no such day. */
    DATE_INVALID("parser.error.date_invalid"),
    /** {@code {value}}, {@code {choices}}: not one of the allowed values. */
    ENUM_INVALID("parser.error.enum_invalid"),
    /** {@code {value}}: not {@code channel:user-id}. */
    IDENTITY_INVALID("parser.error.identity_invalid");

    private final String key;

    ParserKey(String key) {
        this.key = key;
    }

    /** @return the locale key */
    public String key() {
        return key;
    }
}
