package dev.parley.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.parley.i18n.Messages;
import dev.parley.resource.ClasspathDirectory;

/**
 * Every command Parley understands, declared once in {@code commands/*.yaml} and checked when loaded: the one
 * source for the text parser, help, Telegram {@code setMyCommands} and Discord slash-command registration.
 * The file format is described in {@code commands/README.md}. Immutable; safe to share between threads.
 */
public final class CommandCatalog {
    /** The locale whose first name of each command is canonical; every command and option has names in it. */
    public static final String CANONICAL_LOCALE = "en";
    private static final String DIRECTORY = "commands";

    private final List<CommandSpec> commands;
    private final Map<String, CommandSpec> byId;
    private final Pattern secretValues;

    private CommandCatalog(List<CommandSpec> commands) {
        this.commands = List.copyOf(commands);
        Map<String, CommandSpec> ids = new LinkedHashMap<>();
        for (CommandSpec command : commands) {
            ids.put(command.id(), command);
            command.subcommands().forEach(sub -> ids.put(sub.id(), sub));
        }
        this.byId = Collections.unmodifiableMap(ids);
        String secretNames = ids.values().stream().flatMap(c -> c.options().stream()).filter(OptionSpec::secret)
                .flatMap(o -> o.names().values().stream().flatMap(List::stream)).distinct().map(Pattern::quote)
                .collect(Collectors.joining("|"));
        this.secretValues = secretNames.isEmpty() ? null
                : Pattern.compile("(?iu)(^|[\\s\u3000])(" + secretNames + ")([:：])\\S+");
    }

    /**
     * @param typed what someone typed
     * @return the same with the value of every credential option ({@code token:…}) replaced by {@code •••}, for the
     *         audit log and logs
     */
    public String masked(String typed) {
        return secretValues == null || typed == null ? typed : secretValues.matcher(typed).replaceAll("$1$2$3•••");
    }

    /**
     * @return the catalog in {@code commands/} on the class path
     * @throws CatalogException when a file breaks a rule of the format, or there are none
     */
    public static CommandCatalog load() {
        return load(CommandCatalog.class.getClassLoader());
    }

    /**
     * @param loader where to find the {@code commands/} directory
     * @return the catalog
     * @throws CatalogException when a file breaks a rule of the format, or there are none
     */
    public static CommandCatalog load(ClassLoader loader) {
        return parse(ClasspathDirectory.read(loader, DIRECTORY, ".yaml"));
    }

    /**
     * @param files file name ({@code search.yaml}, or {@code commands/search.yaml}) to YAML content; read in name order
     * @return the catalog
     * @throws CatalogException at the first rule broken, with file and line: {@code commands/search.yaml:12: ...}
     */
    public static CommandCatalog parse(Map<String, String> files) {
        if (files.isEmpty()) {
            throw new CatalogException(DIRECTORY + "/: no command files");
        }
        SortedMap<String, String> byPath = new TreeMap<>();
        files.forEach((name, yaml) -> byPath.put(name.startsWith(DIRECTORY + "/") ? name : DIRECTORY + "/" + name, yaml));
        CatalogReader reader = new CatalogReader();
        byPath.forEach(reader::read);
        return new CommandCatalog(reader.commands());
    }

    /** @return the top-level commands, by file name and then declaration order */
    public List<CommandSpec> commands() {
        return commands;
    }

    /** @return every command including subcommands, each group followed by its subcommands */
    public List<CommandSpec> all() {
        return List.copyOf(byId.values());
    }

    /**
     * @param id a command id such as {@code search} or {@code bot.list}
     * @return that command
     */
    public Optional<CommandSpec> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * @param typed a top-level command name as the user typed it, in any locale, any case
     * @return the command it names
     */
    public Optional<CommandSpec> find(String typed) {
        return commands.stream().filter(command -> command.answersTo(typed)).findFirst();
    }

    /** @return every locale key the catalog refers to, with where it is referred to, in catalog order */
    public Map<String, Origin> localeKeys() {
        Map<String, Origin> keys = new LinkedHashMap<>();
        for (CommandSpec command : byId.values()) {
            keys.put(command.summaryKey(), command.origin());
            keys.put(command.helpKey(), command.origin());
            for (ParamSpec param : command.params()) {
                keys.put(param.labelKey(), param.origin());
                keys.put(param.helpKey(), param.origin());
            }
        }
        return Collections.unmodifiableMap(keys);
    }

    /**
     * @param messages the loaded locales
     * @throws CatalogException listing, one per line, each locale key the catalog refers to that a locale lacks:
     *                          {@code commands/search.yaml:14: locale key 'cmd.search.arg.since.help' is missing in en, zh-CN}
     */
    public void verifyKeys(Messages messages) {
        List<String> missing = new ArrayList<>();
        localeKeys().forEach((key, origin) -> {
            List<String> lacking = messages.locales().stream().filter(locale -> !messages.has(locale, key)).toList();
            if (!lacking.isEmpty()) {
                missing.add(origin + ": locale key '" + key + "' is missing in " + String.join(", ", lacking));
            }
        });
        if (!missing.isEmpty()) {
            throw new CatalogException(String.join("\n", missing));
        }
    }
}
