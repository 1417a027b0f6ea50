package dev.parley.command;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.parley.audit.AuditEntry;
import dev.parley.audit.AuditLog;
import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;
import dev.parley.rbac.Role;
import dev.parley.rbac.RoleStore;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The one place commands run, whatever the channel: parses the text against the catalog, checks the
 * caller's role, runs the handler registered for the command's id, and answers with a card in the caller's
 * language. Every command and every button press is written to the audit log and counted in
 * {@code parley_commands_total{channel,result}}. A button press runs the button's command as the person
 * who pressed it, never as the person the card was shown to.
 */
public final class CommandEngine {
    private static final Logger LOG = Logger.getLogger(CommandEngine.class.getName());

    private final CommandCatalog catalog;
    private final CommandParser parser;
    private final Messages messages;
    private final Usage usage;
    private final Map<String, CommandHandler> handlers;
    private final RoleStore roles;
    private final AuditLog audit;
    private final UserPrefs prefs;
    private final CardActions actions;
    private final LiveCards liveCards;
    private final InstantSource clock;
    private final RateLimiter limiter;
    private final Counter commands;

    private CommandEngine(Builder b) {
        this.catalog = b.catalog;
        this.parser = new CommandParser(b.catalog);
        this.messages = b.messages;
        this.usage = new Usage(b.messages);
        this.handlers = Map.copyOf(b.handlers);
        this.roles = b.roles;
        this.audit = b.audit;
        this.prefs = b.prefs;
        this.actions = b.actions;
        this.liveCards = new LiveCards(b.actions, b.clock);
        this.clock = b.clock;
        this.limiter = new RateLimiter(b.clock, b.burst, b.perMinute);
        this.commands = Counter.builder()
                .name("parley_commands_total")
                .help("Commands and button presses by channel and result (ok, denied, usage, error, unknown, limited)")
                .labelNames("channel", "result")
                .register(b.registry);
    }

    /**
     * @param catalog  the command catalog
     * @param messages the localization bundle
     * @return a builder
     */
    public static Builder builder(CommandCatalog catalog, Messages messages) {
        return new Builder(catalog, messages);
    }

    /** @return the cards long jobs keep updating */
    public LiveCards liveCards() {
        return liveCards;
    }

    /** @return the catalog commands are parsed against */
    public CommandCatalog catalog() {
        return catalog;
    }

    /**
     * Runs what someone typed; the audit log names the file it came with when the command read one.
     *
     * @param request who, where, what
     * @return the answer
     */
    public CommandReply execute(CommandRequest request) {
        String auditInput = request.text() + (request.body() == null ? "" : " ↩ " + request.body());
        return run(request, request.text(), auditInput, false);
    }

    /**
     * Runs the command behind a button, as the person who pressed it.
     *
     * @param actionId the button's action id
     * @param presser  who pressed it (their text is ignored)
     * @return the answer
     */
    public CommandReply press(String actionId, CommandRequest presser) {
        CardActions.Claim seen = actions.peek(actionId);
        if (seen.status() != CardActions.Claim.Status.OK) {
            return refused(actionId, presser, seen.status());
        }
        Optional<CommandReply> denied = deniedPress(presser, seen);
        if (denied.isPresent()) {
            return denied.get();
        }
        CardActions.Claim claim = actions.claim(actionId, presser.identity());
        if (claim.status() != CardActions.Claim.Status.OK) {
            return refused(actionId, presser, claim.status());
        }
        return switch (claim.kind()) {
            case RUN -> run(presser, claim.command(), "[button] " + claim.command(), false);
            case CONFIRM -> run(presser, claim.command(), "[confirm] " + claim.command(), true);
            case CANCEL -> {
                String locale = localeFor(presser, Optional.empty());
                Card card = Card.builder(messages.text(locale, "engine.confirm.cancelled_title"))
                        .text(messages.text(locale, "engine.confirm.cancelled", "command", claim.command())).build();
                yield reply(presser, null, "[cancel] " + claim.command(), card, CommandReply.Outcome.OK, null, locale, null);
            }
        };
    }

    private CommandReply refused(String actionId, CommandRequest presser, CardActions.Claim.Status status) {
        String locale = localeFor(presser, Optional.empty());
        String key = "engine.button." + status.name().toLowerCase(Locale.ROOT);
        Card card = Card.error(messages.text(locale, "engine.button.title"), messages.text(locale, key));
        record(presser, null, "[button " + actionId + "]", CommandReply.Outcome.ERROR, key);
        return new CommandReply(card, List.of(), CommandReply.Outcome.ERROR, locale, null);
    }

    /**
     * Refuses a press by someone whose role may not run the button's command before the press uses the button up, so
     * a stranger pressing an admin's Confirm leaves it working for the admin. Cancel is the card's owner's, or anyone's
     * who may run the command.
     */
    private Optional<CommandReply> deniedPress(CommandRequest presser, CardActions.Claim action) {
        if (action.kind() == Button.Kind.CANCEL && presser.identity().toString().equals(action.issuedTo())) {
            return Optional.empty();
        }
        ParseResult parsed = parser.parse(action.command());
        if (!(parsed instanceof ParseResult.Parsed ok)) {
            return Optional.empty(); // running it reports what is wrong with it
        }
        String locale = localeFor(presser, typedLocale(parsed, action.command()));
        return denial(presser, ok.command(), "[" + action.kind().name().toLowerCase(Locale.ROOT) + "] "
                + action.command(), locale);
    }

    private CommandReply run(CommandRequest request, String text, String auditInput, boolean confirmed) {
        Identity who = request.identity();
        if (!limiter.tryAcquire(who.toString())) {
            String locale = localeFor(request, Optional.empty());
            Card card = Card.builder(messages.text(locale, "engine.limited.title")).tone(Card.Tone.WARNING)
                    .text(messages.text(locale, "engine.limited.text")).build();
            return reply(request, null, auditInput, card, CommandReply.Outcome.LIMITED, "rate limited", locale, null);
        }
        ParseResult parsed = parser.parse(text);
        String locale = localeFor(request, typedLocale(parsed, text));
        return switch (parsed) {
            case ParseResult.NotACommand n -> reply(request, null, auditInput,
                    Card.builder(messages.text(locale, "engine.not_a_command.title"))
                            .text(messages.text(locale, "engine.not_a_command.text")).build(),
                    CommandReply.Outcome.UNKNOWN, "not a command", locale, null);
            case ParseResult.Unknown unknown -> unknown(request, auditInput, unknown, locale);
            case ParseResult.MissingSubcommand missing -> reply(request, missing.parent().id(), auditInput,
                    usageCard(missing.parent(), messages.text(locale, ParserKey.MISSING_SUBCOMMAND.key(),
                            "command", missing.parent().names(locale).get(0),
                            "subcommands", missing.parent().subcommands().stream().map(s -> s.names(locale).get(0))
                                    .collect(Collectors.joining(messages.text(locale, ParserKey.LIST_SEPARATOR.key())))),
                            locale),
                    CommandReply.Outcome.USAGE, "missing subcommand", locale, null);
            case ParseResult.Invalid invalid -> reply(request, invalid.command().id(), auditInput,
                    usageCard(invalid.command(), invalid.message(messages, locale), locale),
                    CommandReply.Outcome.USAGE, invalid.problemKey(), locale, null);
            case ParseResult.Parsed ok -> dispatch(request, text, auditInput, ok, locale, confirmed);
        };
    }

    private CommandReply dispatch(CommandRequest request, String text, String auditInput, ParseResult.Parsed parsed,
                                  String locale, boolean confirmed) {
        CommandSpec command = parsed.command();
        Optional<CommandReply> denied = denial(request, command, auditInput, locale);
        if (denied.isPresent()) {
            return denied.get();
        }
        Optional<Role> role = roles.roleOf(request.identity());
        Invocation invocation = new Invocation(parsed, request, text, confirmed, role, locale, messages, usage, liveCards);
        try {
            Card card = handlers.get(command.id()).handle(invocation);
            CommandReply.Outcome outcome = card.tone() == Card.Tone.ERROR ? CommandReply.Outcome.ERROR
                    : CommandReply.Outcome.OK;
            return reply(request, command.id(), withFile(auditInput, invocation), card, outcome, null, invocation.locale(),
                    invocation.liveCard());
        } catch (CommandException e) {
            Card card = Card.error(messages.text(locale, "engine.error.title"), messages.text(locale, e.key(), e.args()));
            return reply(request, command.id(), withFile(auditInput, invocation), card, CommandReply.Outcome.ERROR, e.key(),
                    locale, null);
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "command " + command.id() + " failed ref=" + ref + " by=" + request.identity(), e);
            Card card = Card.error(messages.text(locale, "engine.error.title"),
                    messages.text(locale, "engine.error.unexpected", "ref", ref));
            return reply(request, command.id(), auditInput, card, CommandReply.Outcome.ERROR, "failed ref=" + ref, locale, null);
        }
    }

    /** @return the refusal when the caller's role does not include the one the command needs */
    private Optional<CommandReply> denial(CommandRequest request, CommandSpec command, String auditInput, String locale) {
        Optional<Role> role = roles.roleOf(request.identity());
        Optional<Role> required = command.requiredRole();
        if (required.isEmpty() || role.isPresent() && role.get().includes(required.get())) {
            return Optional.empty();
        }
        String why = role.isPresent()
                ? messages.text(locale, "engine.denied.text", "command", usage.invocation(command, locale),
                        "role", roleName(required.get(), locale), "yours", roleName(role.get(), locale))
                : messages.text(locale, "engine.denied.no_role", "command", usage.invocation(command, locale),
                        "role", roleName(required.get(), locale), "identity", request.identity().toString());
        Card card = Card.error(messages.text(locale, "engine.denied.title"), why);
        return Optional.of(reply(request, command.id(), auditInput, card, CommandReply.Outcome.DENIED,
                "needs " + required.get().code(), locale, null));
    }

    /** @return the audit input, naming the file the command read, if it read one */
    private static String withFile(String auditInput, Invocation invocation) {
        return auditInput + invocation.fileRead().map(f -> " [file " + f.name() + "]").orElse("");
    }

    private CommandReply unknown(CommandRequest request, String auditInput, ParseResult.Unknown unknown, String locale) {
        Card.Builder card = Card.builder(messages.text(locale, "engine.unknown.title")).tone(Card.Tone.ERROR);
        if (unknown.suggestion().isPresent()) {
            CommandSpec suggestion = unknown.suggestion().get();
            card.text(messages.text(locale, ParserKey.UNKNOWN_COMMAND_SUGGESTION.key(), "command", unknown.typed(),
                    "suggestion", usage.invocation(suggestion, locale)));
            card.footer(messages.text(locale, ParserKey.USAGE.key(), "usage", usage.line(suggestion, locale)));
            if (suggestion.isGroup() || suggestion.args().stream().noneMatch(ArgSpec::required)) {
                card.button(Button.of(usage.invocation(suggestion, locale), usage.invocation(suggestion, locale)));
            }
        } else {
            card.text(messages.text(locale, ParserKey.UNKNOWN_COMMAND.key(), "command", unknown.typed()));
        }
        card.button(Button.of(messages.text(locale, "engine.help_button"), "/help"));
        return reply(request, null, auditInput, card.build(), CommandReply.Outcome.UNKNOWN, "unknown command", locale, null);
    }

    private Card usageCard(CommandSpec command, String problem, String locale) {
        return Card.builder(messages.text(locale, "engine.usage.title")).tone(Card.Tone.ERROR)
                .text(problem + "\n" + messages.text(locale, ParserKey.USAGE.key(), "usage", usage.line(command, locale)))
                .footer(messages.text(locale, "engine.usage.footer", "command", "/help " + command.name().replace('.', ' ')))
                .build();
    }

    private CommandReply reply(CommandRequest request, String commandId, String auditInput, Card card,
                               CommandReply.Outcome outcome, String detail, String locale, LiveCards.LiveCard live) {
        record(request, commandId, auditInput, outcome, detail);
        List<String> ids = actions.issue(card.buttons(), request.identity());
        if (live != null) {
            live.first(card, ids);
        }
        return new CommandReply(card, ids, outcome, locale, live == null ? null : live.id());
    }

    private void record(CommandRequest request, String commandId, String input, CommandReply.Outcome outcome,
                        String detail) {
        commands.labelValues(request.channel(), outcome.code()).inc();
        try {
            audit.record(new AuditEntry(clock.millis(), request.identity().toString(), request.channel(), request.chat(),
                    commandId, catalog.masked(input), outcome.code(), detail));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the audit log", e);
        }
    }

    /**
     * The explicit request locale, then the caller's saved {@code /lang} choice, then the language the command
     * was typed in (someone typing /搜索 reads Chinese), then the client's hint, then the default.
     */
    /**
     * @param who  someone
     * @param hint the language their client says they use, or {@code null}
     * @return the locale Parley answers them in: their {@code /lang} choice, else the hint, else the default
     */
    public String localeOf(Identity who, String hint) {
        return localeFor(new CommandRequest(who, null, "", null, hint), Optional.empty());
    }

    private String localeFor(CommandRequest request, Optional<String> typed) {
        if (request.locale() != null) {
            return messages.resolve(request.locale());
        }
        Optional<String> saved = prefs.locale(request.identity());
        if (saved.isPresent()) {
            return messages.resolve(saved.get());
        }
        Optional<String> typedNonDefault = typed.filter(l -> !l.equals(CommandCatalog.CANONICAL_LOCALE));
        if (typedNonDefault.isPresent()) {
            return messages.resolve(typedNonDefault.get());
        }
        return request.hint() != null ? messages.resolve(request.hint()) : messages.defaultLocale();
    }

    private Optional<String> typedLocale(ParseResult parsed, String text) {
        CommandSpec command = switch (parsed) {
            case ParseResult.Parsed p -> p.command();
            case ParseResult.Invalid i -> i.command();
            case ParseResult.MissingSubcommand m -> m.parent();
            default -> null;
        };
        if (command == null) {
            // an unknown word still tells the language: /帮主 is someone typing Chinese
            return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                    ? Optional.of("zh-CN") : Optional.empty();
        }
        CommandSpec top = command.parent().orElse(command);
        String firstWord = text.strip().replaceFirst("^[/／]", "").split("[\\s\\u3000@]", 2)[0];
        return top.localeOf(firstWord);
    }

    private String roleName(Role role, String locale) {
        return messages.text(locale, "role.name." + role.code());
    }

    /** Configures a {@link CommandEngine}. */
    public static final class Builder {
        private final CommandCatalog catalog;
        private final Messages messages;
        private final Map<String, CommandHandler> handlers = new HashMap<>();
        private RoleStore roles;
        private AuditLog audit;
        private UserPrefs prefs;
        private CardActions actions;
        private PrometheusRegistry registry;
        private InstantSource clock = InstantSource.system();
        private int burst = 20;
        private int perMinute = 60;

        private Builder(CommandCatalog catalog, Messages messages) {
            this.catalog = catalog;
            this.messages = messages;
        }

        /**
         * @param id      a runnable command id of the catalog
         * @param handler what runs it
         * @return this builder
         */
        public Builder handler(String id, CommandHandler handler) {
            if (handlers.putIfAbsent(id, handler) != null) {
                throw new IllegalStateException("two handlers for command '" + id + "'");
            }
            return this;
        }

        /**
         * @param roles     role lookups
         * @param audit     the audit log
         * @param prefs     saved locales
         * @param actions   button ids
         * @param registry  where the command counter goes
         * @return this builder
         */
        public Builder stores(RoleStore roles, AuditLog audit, UserPrefs prefs, CardActions actions,
                              PrometheusRegistry registry) {
            this.roles = roles;
            this.audit = audit;
            this.prefs = prefs;
            this.actions = actions;
            this.registry = registry;
            return this;
        }

        /**
         * @param clock source of time for audit entries and rate limits
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param burst     commands a person may send at once
         * @param perMinute commands a person may send per minute after the burst
         * @return this builder
         */
        public Builder rateLimit(int burst, int perMinute) {
            this.burst = burst;
            this.perMinute = perMinute;
            return this;
        }

        /**
         * @return the engine
         * @throws IllegalStateException when a runnable command of the catalog has no handler, or a handler
         *                               is registered for an id the catalog does not have
         */
        public CommandEngine build() {
            List<String> missing = catalog.all().stream().filter(c -> !c.isGroup()).map(CommandSpec::id)
                    .filter(id -> !handlers.containsKey(id)).sorted().toList();
            List<String> stray = handlers.keySet().stream()
                    .filter(id -> catalog.byId(id).filter(c -> !c.isGroup()).isEmpty()).sorted().toList();
            if (!missing.isEmpty() || !stray.isEmpty()) {
                throw new IllegalStateException("command catalog and handlers disagree: no handler for " + missing
                        + ", handler without a catalog entry for " + stray);
            }
            return new CommandEngine(this);
        }
    }
}
