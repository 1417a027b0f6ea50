package dev.parley.command;

/**
 * What positional arguments and {@code key:value} options have in common: a canonical name that keys the parsed
 * values, a type, and the locale keys of their placeholder label and help.
 */
public sealed interface ParamSpec permits ArgSpec, OptionSpec {
    /** @return the canonical name, the key of its value in {@link ParseResult.Parsed#values()} */
    String name();

    /** @return the value's type */
    ArgType type();

    /** @return locale key of the short label shown in usage lines, {@code cmd.<id>.arg.<name>.label} */
    String labelKey();

    /** @return locale key of the one-line explanation, {@code cmd.<id>.arg.<name>.help} */
    String helpKey();

    /** @return where it was declared */
    Origin origin();
}
