package dev.parley.command;

/**
 * A positional argument of a command, filled from the words left after the command name and the options.
 *
 * @param name     canonical name, {@code [a-z0-9_]{1,32}}
 * @param type     value type
 * @param required whether the command is invalid without it
 * @param rest     whether it takes all remaining words, joined by single spaces (only the last, text argument)
 * @param verbatim whether a rest argument is taken as typed instead, line breaks and quotes kept: free text that
 *                 is sent or stored (a message, a passage), not words that are looked up
 * @param labelKey locale key of its usage label
 * @param helpKey  locale key of its explanation
 * @param origin   where it was declared
 */
public record ArgSpec(String name, ArgType type, boolean required, boolean rest, boolean verbatim, String labelKey,
                      String helpKey, Origin origin) implements ParamSpec {
}
