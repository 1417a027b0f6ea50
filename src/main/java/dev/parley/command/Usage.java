package dev.parley.command;

import java.util.stream.Collectors;

import dev.parley.i18n.Messages;

/**
 * Renders how to type a command in a locale, from the catalog and the locale's labels, so "wrong arguments" can be
 * answered with the usage line: {@code /search <query…> [account:<account>] [since:<duration>]} or
 * {@code /搜索 <关键词…> [账号:<账号>] [最近:<时长>]}. Required arguments in {@code <>}, optional ones and options in
 * {@code []}, a trailing free-text argument with {@code …}; a group lists its subcommands: {@code /bot <list>}, in
 * {@code []} when one of them is the default: {@code /queue [show|pause|resume]}.
 */
public final class Usage {
    private final Messages messages;

    /** @param messages where argument labels come from */
    public Usage(Messages messages) {
        this.messages = messages;
    }

    /**
     * @param command a command or subcommand
     * @param locale  the reader's locale, any spelling
     * @return the slash and the command's preferred names in that locale: {@code /search}, {@code /机器人 列表}
     */
    public String invocation(CommandSpec command, String locale) {
        String resolved = messages.resolve(locale);
        String name = command.names(resolved).get(0);
        return command.parent().map(parent -> invocation(parent, resolved) + " " + name).orElse("/" + name);
    }

    /**
     * @param command a command or subcommand
     * @param locale  the reader's locale, any spelling
     * @return its usage line in that locale
     */
    public String line(CommandSpec command, String locale) {
        String resolved = messages.resolve(locale);
        StringBuilder line = new StringBuilder(invocation(command, resolved));
        if (command.isGroup()) {
            boolean optional = command.defaultSubcommand().isPresent();
            line.append(optional ? " [" : " <").append(command.subcommands().stream().map(sub -> sub.names(resolved).get(0))
                    .collect(Collectors.joining("|"))).append(optional ? ']' : '>');
        }
        for (ArgSpec arg : command.args()) {
            String placeholder = "<" + label(arg, resolved) + (arg.rest() ? "…" : "") + ">";
            line.append(' ').append(arg.required() ? placeholder : "[" + placeholder + "]");
        }
        for (OptionSpec option : command.options()) {
            line.append(" [").append(option.names(resolved).get(0)).append(":<").append(label(option, resolved))
                    .append(">]");
        }
        return line.toString();
    }

    private String label(ParamSpec param, String locale) {
        return messages.text(locale, param.labelKey());
    }
}
