package dev.parley.channel.discord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.parley.command.ArgSpec;
import dev.parley.command.ArgType;
import dev.parley.command.CommandCatalog;
import dev.parley.command.CommandSpec;
import dev.parley.command.EnumValue;
import dev.parley.command.OptionSpec;
import dev.parley.command.ParamSpec;
import dev.parley.i18n.Messages;

import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * Discord slash commands generated from Parley's command catalog, so Discord users get autocomplete: one command per
 * top-level command, its subcommands as Discord subcommands, its arguments and options as typed options (integers
 * with their range, enums as choices, the rest as text; required ones first, as Discord wants), English names and
 * descriptions with {@code zh-CN} localizations from the catalog and the locales, all within Discord's limits (names
 * 1–32 characters, descriptions 1–100, 25 options, 25 choices, 100 commands). The other way round it rebuilds the
 * command line Parley's parser reads from what an interaction carries.
 */
final class SlashCommands {
    private static final int MAX_COMMANDS = 100;
    private static final int MAX_OPTIONS = 25;
    private static final int MAX_DESCRIPTION = 100;
    private static final Pattern NAME = Pattern.compile("^[-_\\p{L}\\p{N}]{1,32}$");
    private static final String ZH = "zh-CN";

    private final CommandCatalog catalog;
    private final Messages messages;

    SlashCommands(CommandCatalog catalog, Messages messages) {
        this.catalog = catalog;
        this.messages = messages;
    }

    /** @return the commands to register */
    List<SlashCommandData> all() {
        List<SlashCommandData> commands = new ArrayList<>();
        for (CommandSpec command : catalog.commands()) {
            if (commands.size() == MAX_COMMANDS) {
                break;
            }
            SlashCommandData slash = Commands.slash(command.name(), description("en", command.summaryKey()))
                    .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, description(ZH, command.summaryKey()));
            localName(command).ifPresent(n -> slash.setNameLocalization(DiscordLocale.CHINESE_CHINA, n));
            if (command.isGroup()) {
                for (CommandSpec sub : command.subcommands()) {
                    SubcommandData data = new SubcommandData(sub.name(), description("en", sub.summaryKey()))
                            .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, description(ZH, sub.summaryKey()));
                    localName(sub).ifPresent(n -> data.setNameLocalization(DiscordLocale.CHINESE_CHINA, n));
                    data.addOptions(options(sub));
                    slash.addSubcommands(data);
                }
            } else {
                slash.addOptions(options(command));
            }
            commands.add(slash);
        }
        return commands;
    }

    /**
     * @param name       the command's name
     * @param subcommand its subcommand's name, or {@code null}
     * @param options    the options given, by name
     * @return the command line Parley runs, e.g. {@code /bot add whatsapp Sales phone:+8613800138000}
     */
    String commandText(String name, String subcommand, Map<String, OptionMapping> options) {
        CommandSpec command = catalog.commands().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        StringBuilder text = new StringBuilder("/").append(name);
        if (command == null) {
            return text.toString();
        }
        CommandSpec spec = command;
        if (subcommand != null) {
            text.append(' ').append(subcommand);
            spec = command.subcommands().stream().filter(s -> s.name().equals(subcommand)).findFirst().orElse(command);
        }
        for (ArgSpec arg : spec.args()) {
            OptionMapping given = options.get(optionName(arg));
            if (given != null) {
                text.append(' ').append(arg.rest() ? given.getAsString() : quoted(given.getAsString()));
            }
        }
        for (OptionSpec option : spec.options()) {
            OptionMapping given = options.get(optionName(option));
            if (given != null) {
                text.append(' ').append(option.name()).append(':').append(quoted(given.getAsString()));
            }
        }
        return text.toString();
    }

    private List<OptionData> options(CommandSpec command) {
        List<OptionData> options = new ArrayList<>();
        for (ParamSpec param : command.params()) {
            options.add(option(param));
        }
        options.sort(Comparator.comparing(o -> !o.isRequired()));
        return options.size() > MAX_OPTIONS ? options.subList(0, MAX_OPTIONS) : options;
    }

    private OptionData option(ParamSpec param) {
        ArgType type = param instanceof ArgSpec a ? a.type() : ((OptionSpec) param).type();
        String help = param instanceof ArgSpec a ? a.helpKey() : ((OptionSpec) param).helpKey();
        boolean required = param instanceof ArgSpec a && a.required();
        OptionType kind = type instanceof ArgType.IntegerRange ? OptionType.INTEGER : OptionType.STRING;
        OptionData option = new OptionData(kind, optionName(param), description("en", help), required)
                .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, description(ZH, help));
        if (type instanceof ArgType.IntegerRange range) {
            range.min().ifPresent(option::setMinValue);
            range.max().ifPresent(option::setMaxValue);
        } else if (type instanceof ArgType.Choice choice && choice.values().size() <= OptionData.MAX_CHOICES) {
            for (EnumValue value : choice.values()) {
                option.addChoice(value.value(), value.value());
            }
        }
        return option;
    }

    private static String optionName(ParamSpec param) {
        return (param instanceof ArgSpec a ? a.name() : ((OptionSpec) param).name()).toLowerCase(java.util.Locale.ROOT);
    }

    private java.util.Optional<String> localName(CommandSpec command) {
        return command.names(ZH).stream().filter(n -> NAME.matcher(n).matches()).findFirst();
    }

    private String description(String locale, String key) {
        String text = key == null ? "" : messages.text(locale, key).strip().lines().findFirst().orElse("");
        if (text.isEmpty()) {
            text = "—";
        }
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    private static String quoted(String value) {
        return value.chars().anyMatch(Character::isWhitespace) && !value.contains("\"") ? "\"" + value + "\"" : value;
    }
}
