package dev.parley.command;

import java.util.List;
import java.util.Optional;

/**
 * Reads a line typed in any chat surface into a {@link ParseResult}, in any supported language whatever the user's
 * locale. The leading {@code /} (or {@code ／}) is optional; a {@code @botname} suffix on the command word is
 * dropped ({@code /search@parley_bot}); names match ignoring case and full-width forms. Arguments follow the rules
 * of {@link Tokenizer} and {@link Binder}. Stateless and thread-safe.
 */
public final class CommandParser {
    private final CommandCatalog catalog;

    /** @param catalog the commands to recognise */
    public CommandParser(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param text a line as the user typed it; null is treated as blank
     * @return what it means
     */
    public ParseResult parse(String text) {
        if (text == null) {
            return new ParseResult.NotACommand();
        }
        int start = Tokenizer.skipSpaces(text, 0);
        if (start < text.length() && (text.charAt(start) == '/' || text.charAt(start) == '／')) {
            start = Tokenizer.skipSpaces(text, start + 1);
        }
        int end = Tokenizer.wordEnd(text, start);
        String typed = withoutBotName(text.substring(start, end));
        if (typed.isEmpty()) {
            return new ParseResult.NotACommand();
        }
        Optional<CommandSpec> found = catalog.find(typed);
        if (found.isEmpty()) {
            return new ParseResult.Unknown(typed, Suggestions.nearest(typed, catalog.commands()));
        }
        CommandSpec command = found.get();
        String invokedAs = typed;
        if (command.isGroup()) {
            int subStart = Tokenizer.skipSpaces(text, end);
            int subEnd = Tokenizer.wordEnd(text, subStart);
            String subTyped = text.substring(subStart, subEnd);
            Optional<CommandSpec> sub = subStart == subEnd ? Optional.empty() : command.subcommand(subTyped);
            Optional<CommandSpec> fallback = command.defaultSubcommand();
            if (sub.isEmpty() && fallback.isPresent()) {
                // the words after the group's name are the default subcommand's arguments: /queue 3 = /queue show 3
                return bind(fallback.get(), text.substring(end), typed);
            }
            if (subStart == subEnd) {
                return new ParseResult.MissingSubcommand(command);
            }
            invokedAs = typed + " " + subTyped;
            if (sub.isEmpty()) {
                CommandSpec group = command;
                return new ParseResult.Unknown(invokedAs,
                        Suggestions.nearest(subTyped, group.subcommands()).or(() -> Optional.of(group)));
            }
            command = sub.get();
            end = subEnd;
        }
        return bind(command, text.substring(end), invokedAs);
    }

    private static ParseResult bind(CommandSpec command, String argumentText, String invokedAs) {
        try {
            List<Token> tokens = Tokenizer.tokenize(argumentText, command::option);
            return new ParseResult.Parsed(command, Binder.bind(command, tokens, argumentText), invokedAs);
        } catch (Problem problem) {
            return new ParseResult.Invalid(command, problem.key().key(), problem.args());
        }
    }

    /** {@code search@parley_bot} → {@code search}: Telegram appends the bot's name in groups. */
    private static String withoutBotName(String word) {
        int at = word.indexOf('@');
        int fullWidthAt = word.indexOf('＠');
        int cut = at < 0 ? fullWidthAt : fullWidthAt < 0 ? at : Math.min(at, fullWidthAt);
        return cut > 0 ? word.substring(0, cut) : word;
    }
}
