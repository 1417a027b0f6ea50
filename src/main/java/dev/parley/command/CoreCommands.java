package dev.parley.command;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.rbac.Role;

/**
 * {@code /help}, {@code /lang} and {@code /whoami}: the commands anyone may run, so a newcomer can find
 * their way, choose their language and see what they are allowed to do.
 */
public final class CoreCommands {
    private final CommandCatalog catalog;
    private final UserPrefs prefs;

    /**
     * @param catalog the catalog help is generated from
     * @param prefs   where {@code /lang} saves the choice
     */
    public CoreCommands(CommandCatalog catalog, UserPrefs prefs) {
        this.catalog = catalog;
        this.prefs = prefs;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("help", this::help)
                .handler("lang", this::lang)
                .handler("whoami", this::whoami);
    }

    private Card help(Invocation inv) {
        Optional<String> topic = inv.get("command", String.class);
        if (topic.isPresent()) {
            String typed = topic.get().strip().replaceFirst("^[/／]", "");
            String[] words = typed.split("[\\s\u3000]+", 2);
            CommandSpec command = catalog.find(words[0])
                    .orElseThrow(() -> new CommandException("help.unknown", "command", typed));
            if (words.length > 1 && command.isGroup()) {
                command = command.subcommand(words[1]).orElse(command);
            }
            return helpFor(command, inv);
        }
        Card.Builder card = Card.builder(inv.t("help.title")).text(inv.t("help.intro"));
        // what anyone may run first, owner-only last; catalog order within a role
        List<CommandSpec> runnable = catalog.all().stream().filter(c -> !c.isGroup())
                .sorted(Comparator.comparingInt(c -> c.requiredRole().map(r -> r.ordinal() + 1).orElse(0))).toList();
        for (CommandSpec command : runnable) {
            String summary = inv.t(command.summaryKey());
            Role needed = command.requiredRole().orElse(null);
            if (needed != null && inv.role().map(r -> !r.includes(needed)).orElse(true)) {
                summary += " " + inv.t("help.needs_role", "role", inv.t("role.name." + needed.code()));
            }
            card.field(inv.invocationOf(command), summary);
        }
        return card.footer(inv.t("help.footer")).build();
    }

    private Card helpFor(CommandSpec command, Invocation inv) {
        Card.Builder card = Card.builder(inv.invocationOf(command)).text(inv.t(command.helpKey()));
        card.field(inv.t("help.usage"), inv.usageOf(command));
        String names = command.namesByLocale().values().stream().flatMap(List::stream).distinct()
                .map(n -> "/" + n).collect(Collectors.joining(" "));
        card.field(inv.t("help.names"), names);
        card.field(inv.t("help.role"), command.requiredRole().map(r -> inv.t("role.name." + r.code()))
                .orElse(inv.t("help.anyone")));
        for (CommandSpec sub : command.subcommands()) {
            card.field(inv.usageOf(sub), inv.t(sub.summaryKey()));
        }
        if (!command.isGroup() && command.args().stream().noneMatch(ArgSpec::required)) {
            card.button(Button.of(inv.invocationOf(command), inv.invocationOf(command)));
        }
        return card.build();
    }

    private Card lang(Invocation inv) {
        inv.switchLocale(inv.require("locale", String.class));
        prefs.setLocale(inv.identity(), inv.locale());
        return Card.builder(inv.t("lang.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("lang.done", "language", inv.t("lang.name"))).build();
    }

    private Card whoami(Invocation inv) {
        return Card.builder(inv.t("whoami.title"))
                .field(inv.t("whoami.identity"), inv.identity().toString())
                .field(inv.t("whoami.role"), inv.role().map(r -> inv.t("role.name." + r.code())).orElse(inv.t("whoami.no_role")))
                .field(inv.t("whoami.language"), inv.t("lang.name"))
                .build();
    }
}
