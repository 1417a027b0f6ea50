package dev.parley.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import dev.parley.i18n.LocaleTags;
import dev.parley.rbac.Role;

/**
 * Turns catalog files into {@link CommandSpec}s, checking every rule of the format on the way and stopping at the
 * first violation with its file and line. One reader reads all files, so ids and command names are checked for
 * collisions across files.
 */
final class CatalogReader {
    private static final Set<String> FILE_KEYS = orderedSet("commands");
    private static final Set<String> COMMAND_KEYS = orderedSet("id", "names", "role", "default", "args", "options",
            "subcommands");
    private static final Set<String> ARG_KEYS = orderedSet("name", "type", "required", "rest", "verbatim", "max", "min",
            "values");
    private static final Set<String> OPTION_KEYS = orderedSet("names", "type", "max", "min", "values", "secret");
    private static final Set<String> VALUE_KEYS = orderedSet("value", "aliases");
    private static final Set<String> TYPE_SETTINGS = orderedSet("min", "max", "values");
    /** Last segments a subcommand id may not have: its locale keys would collide with its group's. */
    private static final Set<String> RESERVED_SEGMENTS = orderedSet("summary", "help", "arg");
    private static final Pattern ID_SEGMENT = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final String ROLES = "none, viewer, operator, admin, owner";

    private final Map<String, Origin> ids = new HashMap<>();
    private final NameClaims commandNames = new NameClaims();
    private final List<CommandSpec> commands = new ArrayList<>();

    /**
     * @param file the file as named in errors, e.g. {@code commands/search.yaml}
     * @param yaml its content
     * @throws CatalogException at the first rule the file breaks
     */
    void read(String file, String yaml) {
        YamlNode root = YamlNode.parse(file, yaml).orElseThrow(() -> CatalogException.at(new Origin(file, 1),
                "declares no commands (expected a top-level 'commands:' list)"));
        YamlNode list = root.fields("the file", FILE_KEYS).get("commands");
        if (list == null) {
            throw root.error("declares no commands (expected a top-level 'commands:' list)");
        }
        for (YamlNode item : list.list("'commands'")) {
            commands.add(command(item, null, Optional.empty(), commandNames));
        }
    }

    /** @return the top-level commands read so far, in file order */
    List<CommandSpec> commands() {
        return List.copyOf(commands);
    }

    private CommandSpec command(YamlNode node, CommandSpec parent, Optional<Optional<Role>> groupRole,
                                NameClaims siblings) {
        Map<String, YamlNode> fields = node.fields(parent == null ? "command" : "subcommand of '" + parent.id() + "'",
                COMMAND_KEYS);
        String id = id(node, fields, parent);
        String subject = "command '" + id + "'";
        YamlNode namesNode = fields.get("names");
        if (namesNode == null) {
            throw node.error(subject + " has no 'names'");
        }
        List<DeclaredName> names = names(namesNode, subject, true);
        requireCanonical(names, namesNode, subject);
        names.forEach(name -> siblings.claim(name.name(), subject, name.origin()));
        Optional<Optional<Role>> declaredRole = Optional.ofNullable(fields.get("role")).map(role -> role(role, subject));
        boolean isDefault = fields.containsKey("default") && fields.get("default").bool(subject + " default");
        if (fields.containsKey("default") && parent == null) {
            throw fields.get("default").error(subject + " is not a subcommand, so it cannot be its group's default");
        }
        YamlNode subcommandsNode = fields.get("subcommands");
        if (subcommandsNode != null) {
            return group(node, fields, id, names, parent, declaredRole, subcommandsNode);
        }
        Optional<Role> role = declaredRole.or(() -> groupRole).orElseThrow(() -> node.error(subject
                + " has no 'role' (expected one of: " + ROLES + ")"
                + (parent == null ? "" : "; declare it here or on '" + parent.id() + "'")));
        NameClaims paramNames = new NameClaims();
        List<ArgSpec> args = fields.containsKey("args") ? args(fields.get("args"), id, subject, paramNames) : List.of();
        List<OptionSpec> options = fields.containsKey("options")
                ? options(fields.get("options"), id, subject, paramNames) : List.of();
        if (isDefault && args.stream().anyMatch(ArgSpec::required)) {
            throw fields.get("default").error(subject + " is its group's default, so it runs with no words at all and"
                    + " cannot have required arguments");
        }
        return new CommandSpec(id, byLocale(names), role, isDefault, args, options, parent, node.origin(),
                self -> List.of());
    }

    private CommandSpec group(YamlNode node, Map<String, YamlNode> fields, String id, List<DeclaredName> names,
                              CommandSpec parent, Optional<Optional<Role>> declaredRole, YamlNode subcommandsNode) {
        String subject = "command '" + id + "'";
        if (parent != null) {
            throw subcommandsNode.error(subject + " is a subcommand, so it cannot have subcommands of its own");
        }
        for (String key : List.of("args", "options")) {
            if (fields.containsKey(key)) {
                throw fields.get(key).error(subject + " has subcommands, so its " + key + " belong on each subcommand");
            }
        }
        List<YamlNode> items = subcommandsNode.list(subject + " subcommands");
        NameClaims subcommandNames = new NameClaims();
        return new CommandSpec(id, byLocale(names), declaredRole.flatMap(role -> role), false, List.of(), List.of(),
                null, node.origin(), self -> {
                    List<CommandSpec> subcommands = items.stream()
                            .map(item -> command(item, self, declaredRole, subcommandNames)).toList();
                    List<CommandSpec> defaults = subcommands.stream().filter(CommandSpec::isDefault).toList();
                    if (defaults.size() > 1) {
                        throw CatalogException.at(defaults.get(1).origin(), subject + " has two default subcommands, '"
                                + defaults.get(0).id() + "' and '" + defaults.get(1).id() + "'; at most one may be");
                    }
                    return subcommands;
                });
    }

    private String id(YamlNode node, Map<String, YamlNode> fields, CommandSpec parent) {
        YamlNode idNode = fields.get("id");
        if (idNode == null) {
            throw node.error((parent == null ? "command" : "subcommand of '" + parent.id() + "'") + " has no 'id'");
        }
        String id = idNode.text("command id");
        if (parent == null) {
            if (!ID_SEGMENT.matcher(id).matches()) {
                throw idNode.error("command id '" + id + "' must be a lower-case letter followed by up to 31 lower-case"
                        + " letters, digits or _ (dots only in subcommand ids)");
            }
        } else {
            String prefix = parent.id() + ".";
            String last = id.startsWith(prefix) ? id.substring(prefix.length()) : "";
            if (!ID_SEGMENT.matcher(last).matches()) {
                throw idNode.error("subcommand id '" + id + "' must be '" + prefix + "' followed by a lower-case letter"
                        + " and up to 31 lower-case letters, digits or _");
            }
            if (RESERVED_SEGMENTS.contains(last)) {
                throw idNode.error("subcommand id '" + id + "' may not end in '" + last + "': locale keys cmd."
                        + parent.id() + "." + last + " already belong to '" + parent.id() + "'");
            }
        }
        Origin first = ids.putIfAbsent(id, idNode.origin());
        if (first != null) {
            throw idNode.error("duplicate id '" + id + "' (first declared at " + first + ")");
        }
        return id;
    }

    private List<DeclaredName> names(YamlNode node, String subject, boolean lowerCase) {
        List<DeclaredName> names = new ArrayList<>();
        node.entries(subject + " names").forEach((localeNode, listNode) -> {
            String locale = localeNode.text(subject + " names locale");
            if (!LocaleTags.isWellFormed(locale)) {
                throw localeNode.error(subject + " has names for '" + locale
                        + "', which is not a locale tag such as en or zh-CN");
            }
            List<YamlNode> items = listNode.isScalar() ? List.of(listNode) : listNode.list(subject + " names for " + locale);
            for (YamlNode item : items) {
                String name = item.text(subject + " name");
                if (!Names.ANY.matcher(name).matches() || lowerCase && !name.equals(name.toLowerCase(Locale.ROOT))) {
                    throw item.error(subject + " has name '" + name + "', which must be 1-32 " + (lowerCase
                            ? "lower-case " : "") + "letters, digits, _ or - (no spaces or punctuation)");
                }
                names.add(new DeclaredName(locale, name, item.origin()));
            }
        });
        return names;
    }

    /** @return the first English name, checked to be a valid Telegram/Discord name */
    private static DeclaredName requireCanonical(List<DeclaredName> names, YamlNode namesNode, String subject) {
        DeclaredName canonical = names.stream().filter(name -> name.locale().equals(CommandCatalog.CANONICAL_LOCALE))
                .findFirst().orElseThrow(() -> namesNode.error(subject + " has no English names ("
                        + CommandCatalog.CANONICAL_LOCALE + ": [...]); the first one is its canonical name"));
        if (!Names.CANONICAL.matcher(canonical.name()).matches()) {
            throw CatalogException.at(canonical.origin(), subject + " has canonical name '" + canonical.name()
                    + "', which must be 1-32 characters of a-z, 0-9 and _ (as Telegram and Discord require)");
        }
        return canonical;
    }

    private static Map<String, List<String>> byLocale(List<DeclaredName> names) {
        Map<String, List<String>> byLocale = new LinkedHashMap<>();
        for (DeclaredName name : names) {
            byLocale.computeIfAbsent(name.locale(), locale -> new ArrayList<>()).add(name.name());
        }
        return byLocale;
    }

    private static Optional<Role> role(YamlNode node, String subject) {
        String code = node.text(subject + " role");
        if (code.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        return Optional.of(Role.fromCode(code).orElseThrow(() -> node.error(subject + " has unknown role '" + code
                + "' (expected one of: " + ROLES + ")")));
    }

    private List<ArgSpec> args(YamlNode node, String id, String commandSubject, NameClaims paramNames) {
        List<ArgSpec> args = new ArrayList<>();
        for (YamlNode item : node.list(commandSubject + " args")) {
            ArgSpec arg = arg(item, id, paramNames);
            if (!args.isEmpty()) {
                ArgSpec previous = args.getLast();
                if (previous.rest()) {
                    throw CatalogException.at(previous.origin(), "argument '" + previous.name()
                            + "' has rest: true but is not the last argument of " + commandSubject);
                }
                if (arg.required() && !previous.required()) {
                    throw item.error("argument '" + arg.name() + "' is required but follows optional argument '"
                            + previous.name() + "'");
                }
            }
            args.add(arg);
        }
        return args;
    }

    private ArgSpec arg(YamlNode node, String id, NameClaims paramNames) {
        Map<String, YamlNode> fields = node.fields("argument", ARG_KEYS);
        YamlNode nameNode = fields.get("name");
        if (nameNode == null) {
            throw node.error("argument has no 'name'");
        }
        String name = nameNode.text("argument name");
        if (!Names.CANONICAL.matcher(name).matches()) {
            throw nameNode.error("argument name '" + name + "' must be 1-32 characters of a-z, 0-9 and _");
        }
        String subject = "argument '" + name + "'";
        paramNames.claim(name, subject, nameNode.origin());
        ArgType type = type(node, fields, subject);
        boolean required = !fields.containsKey("required") || fields.get("required").bool(subject + " required");
        boolean rest = fields.containsKey("rest") && fields.get("rest").bool(subject + " rest");
        if (rest && !(type instanceof ArgType.Text)) {
            throw fields.get("rest").error(subject + " has rest: true, which needs type text, not " + type.code());
        }
        boolean verbatim = fields.containsKey("verbatim") && fields.get("verbatim").bool(subject + " verbatim");
        if (verbatim && !rest) {
            throw fields.get("verbatim").error(subject + " has verbatim: true, which needs rest: true");
        }
        return new ArgSpec(name, type, required, rest, verbatim, labelKey(id, name), helpKey(id, name), node.origin());
    }

    private List<OptionSpec> options(YamlNode node, String id, String commandSubject, NameClaims paramNames) {
        List<OptionSpec> options = new ArrayList<>();
        for (YamlNode item : node.list(commandSubject + " options")) {
            Map<String, YamlNode> fields = item.fields("option", OPTION_KEYS);
            YamlNode namesNode = fields.get("names");
            if (namesNode == null) {
                throw item.error("option has no 'names'");
            }
            List<DeclaredName> names = names(namesNode, "option", true);
            String name = requireCanonical(names, namesNode, "option").name();
            String subject = "option '" + name + "'";
            names.forEach(declared -> paramNames.claim(declared.name(), subject, declared.origin()));
            ArgType type = type(item, fields, subject);
            boolean secret = fields.containsKey("secret") && fields.get("secret").bool(subject + " secret");
            options.add(new OptionSpec(name, byLocale(names), type, labelKey(id, name), helpKey(id, name), secret,
                    item.origin()));
        }
        return options;
    }

    private ArgType type(YamlNode node, Map<String, YamlNode> fields, String subject) {
        YamlNode typeNode = fields.get("type");
        if (typeNode == null) {
            throw node.error(subject + " has no 'type' (expected one of: " + String.join(", ", ArgType.CODES) + ")");
        }
        String code = typeNode.text(subject + " type");
        Set<String> settings = switch (code) {
            case "text" -> Set.of("max");
            case "integer" -> Set.of("min", "max");
            case "enum" -> Set.of("values");
            case "duration", "date", "account", "chat", "identity" -> Set.of();
            default -> throw typeNode.error(subject + " has unknown type '" + code + "' (expected one of: "
                    + String.join(", ", ArgType.CODES) + ")");
        };
        for (String setting : TYPE_SETTINGS) {
            if (fields.containsKey(setting) && !settings.contains(setting)) {
                throw fields.get(setting).error(subject + " has '" + setting + "', which type " + code + " does not take");
            }
        }
        return switch (code) {
            case "text" -> new ArgType.Text(fields.containsKey("max")
                    ? OptionalInt.of(positiveInt(fields.get("max"), subject + " max")) : OptionalInt.empty());
            case "integer" -> integerRange(fields, subject);
            case "enum" -> {
                if (!fields.containsKey("values")) {
                    throw node.error(subject + " has type enum but no 'values'");
                }
                yield new ArgType.Choice(enumValues(fields.get("values"), subject));
            }
            case "duration" -> new ArgType.TimeSpan();
            case "date" -> new ArgType.CalendarDate();
            case "account" -> new ArgType.AccountRef();
            case "chat" -> new ArgType.ChatRef();
            default -> new ArgType.IdentityRef();
        };
    }

    private static int positiveInt(YamlNode node, String what) {
        long value = node.integer(what);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw node.error(what + " must be at least 1, not " + value);
        }
        return (int) value;
    }

    private static ArgType.IntegerRange integerRange(Map<String, YamlNode> fields, String subject) {
        OptionalLong min = fields.containsKey("min") ? OptionalLong.of(fields.get("min").integer(subject + " min"))
                : OptionalLong.empty();
        OptionalLong max = fields.containsKey("max") ? OptionalLong.of(fields.get("max").integer(subject + " max"))
                : OptionalLong.empty();
        if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
            throw fields.get("min").error(subject + " has min " + min.getAsLong() + " above max " + max.getAsLong());
        }
        return new ArgType.IntegerRange(min, max);
    }

    private List<EnumValue> enumValues(YamlNode node, String subject) {
        NameClaims claims = new NameClaims();
        List<EnumValue> values = new ArrayList<>();
        for (YamlNode item : node.list(subject + " values")) {
            String value;
            List<DeclaredName> aliases;
            if (item.isScalar()) {
                value = item.text(subject + " value");
                aliases = List.of();
            } else {
                Map<String, YamlNode> fields = item.fields(subject + " value", VALUE_KEYS);
                if (!fields.containsKey("value")) {
                    throw item.error(subject + " has a value without 'value'");
                }
                value = fields.get("value").text(subject + " value");
                aliases = fields.containsKey("aliases")
                        ? names(fields.get("aliases"), "value '" + value + "' of " + subject, false) : List.of();
            }
            if (!Names.ANY.matcher(value).matches()) {
                throw item.error(subject + " has value '" + value + "', which must be 1-32 letters, digits, _ or -");
            }
            String owner = "value '" + value + "' of " + subject;
            claims.claim(value, owner, item.origin());
            aliases.forEach(alias -> claims.claim(alias.name(), owner, alias.origin()));
            values.add(new EnumValue(value, byLocale(aliases)));
        }
        return values;
    }

    private static String labelKey(String id, String param) {
        return "cmd." + id + ".arg." + param + ".label";
    }

    private static String helpKey(String id, String param) {
        return "cmd." + id + ".arg." + param + ".help";
    }

    private static Set<String> orderedSet(String... items) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(items)));
    }

    /** A name or alias as declared, with its locale and line. */
    private record DeclaredName(String locale, String name, Origin origin) {
    }

    /**
     * The names already taken in one scope (top-level commands, one group's subcommands, one command's arguments and
     * options, one enum's values), compared as users type them, so a second use is reported with both places.
     */
    private static final class NameClaims {
        private record Claim(String owner, Origin origin) {
        }

        private final Map<String, Claim> claims = new HashMap<>();

        void claim(String name, String owner, Origin origin) {
            Claim first = claims.putIfAbsent(Names.fold(name), new Claim(owner, origin));
            if (first == null) {
                return;
            }
            if (first.owner().equals(owner)) {
                throw CatalogException.at(origin, "name '" + name + "' is listed twice for " + owner + " (also at "
                        + first.origin() + ")");
            }
            throw CatalogException.at(origin, "name '" + name + "' of " + owner + " is already used by " + first.owner()
                    + " (" + first.origin() + ")");
        }
    }
}
