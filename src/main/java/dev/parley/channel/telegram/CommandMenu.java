package dev.parley.channel.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.parley.channel.ChannelException;
import dev.parley.command.CommandCatalog;
import dev.parley.command.CommandSpec;
import dev.parley.i18n.Messages;

import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/**
 * Registers the command menu Telegram clients show after typing {@code /}, from the command catalog: the
 * default list has the English names with English summaries, and every other locale gets a list for its
 * language ({@code zh-CN} → {@code language_code=zh}) with the same names and summaries in that language.
 * Telegram command names may only be {@code [a-z0-9_]}, so localized aliases such as {@code /搜索} can be typed
 * but cannot be in the menu.
 */
final class CommandMenu {
    private static final int MAX_COMMANDS = 100;
    private static final int MAX_DESCRIPTION = 256;

    private final CommandCatalog catalog;
    private final Messages messages;

    /**
     * @param catalog  the commands
     * @param messages their summaries in each locale
     */
    CommandMenu(CommandCatalog catalog, Messages messages) {
        this.catalog = catalog;
        this.messages = messages;
    }

    /**
     * @param api where to register the menu
     * @throws ChannelException when Telegram refused it
     */
    void register(TelegramApi api) throws ChannelException {
        api.call(SetMyCommands.builder().commands(commands(CommandCatalog.CANONICAL_LOCALE)).build());
        for (String locale : messages.locales()) {
            if (!locale.equals(CommandCatalog.CANONICAL_LOCALE)) {
                api.call(SetMyCommands.builder().commands(commands(locale))
                        .languageCode(Locale.forLanguageTag(locale).getLanguage()).build());
            }
        }
    }

    private List<BotCommand> commands(String locale) {
        List<BotCommand> commands = new ArrayList<>();
        for (CommandSpec command : catalog.commands()) {
            if (commands.size() == MAX_COMMANDS) {
                break;
            }
            String summary = messages.text(locale, command.summaryKey());
            commands.add(new BotCommand(command.name(),
                    summary.length() > MAX_DESCRIPTION ? summary.substring(0, MAX_DESCRIPTION - 1) + "…" : summary));
        }
        return commands;
    }
}
