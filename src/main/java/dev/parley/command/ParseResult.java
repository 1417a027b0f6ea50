package dev.parley.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.parley.i18n.Messages;

/**
 * What {@link CommandParser#parse(String)} made of a line of text: a runnable command with typed values, or
 * exactly why not. The engine switches over the five cases.
 */
public sealed interface ParseResult {

    /**
     * A runnable command with its values.
     *
     * @param command   the command to run; never a group
     * @param values    canonical argument or option name to value: {@code String} (text, account, chat, enum's
     *                  canonical value), {@code Long} (integer), {@code java.time.Duration},
     *                  {@code java.time.LocalDate}, {@code dev.parley.rbac.Identity}. Absent when not given.
     *                  Arguments first, then options, in declaration order
     * @param invokedAs the command name(s) as typed, without slash or {@code @bot} suffix: {@code s},
     *                  {@code 机器人 列表}; {@link CommandSpec#localeOf(String)} tells their language
     */
    record Parsed(CommandSpec command, Map<String, Object> values, String invokedAs) implements ParseResult {
        /** Copies the values, keeping their order. */
        public Parsed {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /**
         * @param name the canonical name of one of the command's arguments or options
         * @param type the class its type converts to, e.g. {@code Duration.class}
         * @return the value, empty when not given
         * @throws IllegalArgumentException when the command has no such argument or option, or the class is wrong;
         *                                  both are mistakes in the handler, not in the user's input
         */
        public <T> Optional<T> get(String name, Class<T> type) {
            if (command.param(name).isEmpty()) {
                throw new IllegalArgumentException("command '" + command.id() + "' has no argument or option '"
                        + name + "'");
            }
            Object value = values.get(name);
            if (value != null && !type.isInstance(value)) {
                throw new IllegalArgumentException("'" + name + "' of command '" + command.id() + "' is a "
                        + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
            }
            return Optional.ofNullable(type.cast(value));
        }
    }

    /** Blank input, or only a slash: nothing to run and nothing to complain about. */
    record NotACommand() implements ParseResult {
    }

    /**
     * The first word (or the word after a group) names no command.
     *
     * @param typed      the unknown name as typed, with its group for a subcommand: {@code serch}, {@code bot lst}
     * @param suggestion the closest command by name in any locale; for a subcommand with no close match, its group
     */
    record Unknown(String typed, Optional<CommandSpec> suggestion) implements ParseResult {
    }

    /**
     * A group was typed without a subcommand: {@code /bot}.
     *
     * @param parent the group
     */
    record MissingSubcommand(CommandSpec parent) implements ParseResult {
    }

    /**
     * The command is known but its arguments are wrong; the engine answers with the problem and the usage line.
     *
     * @param command     the command
     * @param problemKey  one of the {@code parser.error.*} keys of {@link ParserKey}
     * @param problemArgs the key's placeholders; {@code name} is the canonical name of the argument or option concerned,
     *                    {@code choices} the canonical values joined by commas
     */
    record Invalid(CommandSpec command, String problemKey, Map<String, Object> problemArgs) implements ParseResult {
        /** Copies the arguments, keeping their order. */
        public Invalid {
            problemArgs = Collections.unmodifiableMap(new LinkedHashMap<>(problemArgs));
        }

        /**
         * @param messages the locales
         * @param locale   the user's locale, any spelling
         * @return the problem in words, with {@code name} shown as the parameter's label and {@code choices} as the
         *         values' names in that locale
         */
        public String message(Messages messages, String locale) {
            String resolved = messages.resolve(locale);
            Map<String, Object> args = new LinkedHashMap<>(problemArgs);
            if (problemArgs.get("name") instanceof String name) {
                command.param(name).ifPresent(param -> {
                    args.put("name", messages.text(resolved, param.labelKey()));
                    if (param.type() instanceof ArgType.Choice choice) {
                        args.put("choices", choice.values().stream().map(value -> value.display(resolved))
                                .collect(Collectors.joining(messages.text(resolved, ParserKey.LIST_SEPARATOR.key()))));
                    }
                });
            }
            return messages.text(resolved, problemKey, args);
        }
    }
}
