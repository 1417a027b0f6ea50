package dev.parley.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.parley.rbac.Role;

/**
 * One command of the catalog, as declared in {@code commands/*.yaml}: what the parser matches, what the engine
 * dispatches on ({@link #id()}) and checks ({@link #requiredRole()}), and what help, Telegram command lists and
 * Discord registrations are generated from. A command either has subcommands (a group such as {@code bot}) or is
 * runnable with arguments and options (such as {@code bot.list}); never both. One subcommand of a group may be its
 * default, run when the group's name is followed by no subcommand ({@code /queue} means {@code /queue show}).
 * Instances are immutable and compared by identity.
 */
public final class CommandSpec {
    private final String id;
    private final Map<String, List<String>> names;
    private final Optional<Role> requiredRole;
    private final boolean isDefault;
    private final List<ArgSpec> args;
    private final List<OptionSpec> options;
    private final CommandSpec parent;
    private final Origin origin;
    private final Set<String> foldedNames;
    private final List<CommandSpec> subcommands;

    CommandSpec(String id, Map<String, List<String>> names, Optional<Role> requiredRole, boolean isDefault,
                List<ArgSpec> args, List<OptionSpec> options, CommandSpec parent, Origin origin,
                Function<CommandSpec, List<CommandSpec>> subcommandsOfThis) {
        this.id = id;
        this.names = Names.copyByLocale(names);
        this.requiredRole = requiredRole;
        this.isDefault = isDefault;
        this.args = List.copyOf(args);
        this.options = List.copyOf(options);
        this.parent = parent;
        this.origin = origin;
        this.foldedNames = this.names.values().stream().flatMap(List::stream).map(Names::fold)
                .collect(Collectors.toUnmodifiableSet());
        this.subcommands = List.copyOf(subcommandsOfThis.apply(this));
    }

    /** @return the stable id handlers are registered under, dotted for subcommands: {@code search}, {@code bot.list} */
    public String id() {
        return id;
    }

    /** @return the canonical name, the first English one, {@code [a-z0-9_]{1,32}} (a Telegram/Discord command name) */
    public String name() {
        return names.get(CommandCatalog.CANONICAL_LOCALE).get(0);
    }

    /**
     * @param locale a supported locale tag
     * @return the names for that locale, preferred first, or the English ones when it has none
     */
    public List<String> names(String locale) {
        return names.getOrDefault(locale, names.get(CommandCatalog.CANONICAL_LOCALE));
    }

    /** @return locale tag to names, as declared; {@code en} is always present */
    public Map<String, List<String>> namesByLocale() {
        return names;
    }

    /**
     * @param typed a word as the user typed it
     * @return whether it is one of this command's names in any locale, ignoring case and full-width forms
     */
    public boolean answersTo(String typed) {
        return foldedNames.contains(Names.fold(typed));
    }

    /**
     * @param typed a word as the user typed it
     * @return the first locale (in declaration order) that has it as a name; lets the engine answer in the
     *         language the user typed the command in
     */
    public Optional<String> localeOf(String typed) {
        String folded = Names.fold(typed);
        return names.entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(name -> Names.fold(name).equals(folded)))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * @return the role a caller needs, empty for {@code role: none} (anyone). A subcommand that declares no role
     *         has its group's. For a group, the role declared on it, or empty when each subcommand declares its own
     */
    public Optional<Role> requiredRole() {
        return requiredRole;
    }

    /** @return locale key of the one-line summary, {@code cmd.<id>.summary} (at most 100 characters) */
    public String summaryKey() {
        return "cmd." + id + ".summary";
    }

    /** @return locale key of the longer help with an example, {@code cmd.<id>.help} */
    public String helpKey() {
        return "cmd." + id + ".help";
    }

    /** @return positional arguments in order; empty for a group */
    public List<ArgSpec> args() {
        return args;
    }

    /** @return options in declaration order; empty for a group */
    public List<OptionSpec> options() {
        return options;
    }

    /** @return arguments then options */
    public List<ParamSpec> params() {
        return Stream.concat(args.stream(), options.stream()).map(ParamSpec.class::cast).toList();
    }

    /**
     * @param name a canonical argument or option name
     * @return that argument or option
     */
    public Optional<ParamSpec> param(String name) {
        return params().stream().filter(param -> param.name().equals(name)).findFirst();
    }

    /**
     * @param typed an option key as the user typed it, in any locale
     * @return the option it names
     */
    public Optional<OptionSpec> option(String typed) {
        return options.stream().filter(option -> option.answersTo(typed)).findFirst();
    }

    /** @return the subcommands in declaration order; empty unless this is a group */
    public List<CommandSpec> subcommands() {
        return subcommands;
    }

    /**
     * @param typed a subcommand name as the user typed it, in any locale
     * @return the subcommand it names
     */
    public Optional<CommandSpec> subcommand(String typed) {
        return subcommands.stream().filter(sub -> sub.answersTo(typed)).findFirst();
    }

    /** @return whether this is the subcommand its group runs when no subcommand is named */
    public boolean isDefault() {
        return isDefault;
    }

    /** @return the subcommand run when the group's name is followed by no subcommand; empty for most groups */
    public Optional<CommandSpec> defaultSubcommand() {
        return subcommands.stream().filter(CommandSpec::isDefault).findFirst();
    }

    /** @return whether this command only groups subcommands */
    public boolean isGroup() {
        return !subcommands.isEmpty();
    }

    /** @return the group this is a subcommand of */
    public Optional<CommandSpec> parent() {
        return Optional.ofNullable(parent);
    }

    /** @return where it was declared */
    public Origin origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "CommandSpec[" + id + "]";
    }
}
