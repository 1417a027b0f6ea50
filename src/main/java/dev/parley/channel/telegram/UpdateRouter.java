package dev.parley.channel.telegram;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.channel.ChannelException;
import dev.parley.channel.Interactions;
import dev.parley.channel.SentCard;
import dev.parley.command.CommandReply;
import dev.parley.rbac.Identity;

import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Turns Telegram updates into what people typed and pressed, for {@link Interactions}, whether they came by long
 * polling or by webhook. Each person is {@code telegram:<user id>}, their client's {@code language_code} is the
 * language hint. In groups only text starting with {@code /} is read — or a reply to one of the bot's cards that takes
 * replies (an AI draft's) — and a command addressed to another bot ({@code /help@other_bot}) is ignored. A document
 * whose caption is a command, or a command that replies to a document, runs with the document, downloaded only when
 * the command reads it ({@link TelegramFiles}); a document without a command is ignored. A press runs as the person
 * who pressed; when it is refused (role, rate, state) only the toast says so and the card stays; otherwise the answer
 * replaces the card in place.
 */
final class UpdateRouter {
    private static final Logger LOG = Logger.getLogger(UpdateRouter.class.getName());
    private static final int TOAST_LIMIT = 200;

    private final Interactions interactions;
    private final TelegramChannel channel;
    private final TelegramApi api;
    private final TelegramFiles files;
    private volatile String botUsername;

    /**
     * @param interactions runs commands and presses and shows their answers
     * @param channel      where a pressed message's card is
     * @param api          answers button presses
     * @param files        fetches the documents commands come with
     */
    UpdateRouter(Interactions interactions, TelegramChannel channel, TelegramApi api, TelegramFiles files) {
        this.interactions = interactions;
        this.channel = channel;
        this.api = api;
        this.files = files;
    }

    /** @param username the bot's own user name, from {@code getMe}, to recognise {@code /cmd@username} */
    void botUsername(String username) {
        this.botUsername = username;
    }

    /** @param updates updates to handle in the background */
    void accept(List<Update> updates) {
        updates.forEach(this::accept);
    }

    /** @param update an update to handle in the background */
    void accept(Update update) {
        try {
            if (update.hasMessage()) {
                typed(update.getMessage());
            } else if (update.hasCallbackQuery()) {
                pressed(update.getCallbackQuery());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Telegram update " + update.getUpdateId() + " failed", e);
        }
    }

    private void typed(Message message) {
        User from = message.getFrom();
        String typed = message.hasText() ? message.getText() : message.hasDocument() ? message.getCaption() : null;
        if (typed == null || from == null || Boolean.TRUE.equals(from.getIsBot())) {
            return;
        }
        String chatId = String.valueOf(message.getChatId());
        Message repliedTo = message.getReplyToMessage();
        SentCard card = repliedTo != null && message.hasText()
                ? channel.pressedOn(chatId, repliedTo.getMessageId(), repliedTo.hasPhoto()) : null;
        boolean group = !message.getChat().isUserChat();
        String command = commandText(typed, group, knownBotUsername(typed)).orElse(null);
        boolean slash = command != null && command.startsWith("/");
        if (message.hasDocument() && !slash) {
            command = null;
        }
        if (command == null && card == null) {
            return;
        }
        Document document = !slash ? null : message.hasDocument() ? message.getDocument()
                : repliedTo != null && repliedTo.hasDocument() ? repliedTo.getDocument() : null;
        interactions.typed(new Interactions.Typed(identity(from), chatId, typed, command, from.getLanguageCode(), card,
                document == null ? null : () -> Optional.of(files.fetch(document))));
    }

    private void pressed(CallbackQuery query) {
        MaybeInaccessibleMessage message = query.getMessage();
        if (message == null || query.getData() == null) {
            answer(query, null, false);
            return;
        }
        String chatId = String.valueOf(message.getChatId());
        User from = query.getFrom();
        boolean photo = message instanceof Message m && m.hasPhoto();
        SentCard pressedOn = channel.pressedOn(chatId, message.getMessageId(), photo);
        interactions.pressedInBackground(new Interactions.Press(identity(from), chatId, query.getData(),
                from.getLanguageCode(), pressedOn), new Interactions.PressResponse() {
            @Override
            public void refused(CommandReply reply) {
                answer(query, reply.card().text() != null ? reply.card().text() : reply.card().title(), true);
            }

            @Override
            public boolean answered(CommandReply reply) {
                answer(query, reply.card().title(), false);
                return false;
            }

            @Override
            public void working(String locale) {
                answer(query, null, false);
            }

            @Override
            public void failed(String locale) {
                answer(query, null, false);
            }
        });
    }

    /**
     * @param text        what was typed
     * @param group       whether it was typed in a group
     * @param botUsername the bot's user name, or {@code null} when not known yet
     * @return the command to run, without {@code @botname}; empty when it is not for this bot
     */
    static Optional<String> commandText(String text, boolean group, String botUsername) {
        String typed = text.strip();
        if (!typed.startsWith("/")) {
            return group || typed.isEmpty() ? Optional.empty() : Optional.of(typed);
        }
        int end = 0;
        while (end < typed.length() && !Character.isWhitespace(typed.charAt(end))) {
            end++;
        }
        String head = typed.substring(0, end);
        int at = head.indexOf('@');
        if (at < 0) {
            return Optional.of(typed);
        }
        if (botUsername == null || !head.substring(at + 1).equalsIgnoreCase(botUsername)) {
            return Optional.empty();
        }
        return Optional.of(head.substring(0, at) + typed.substring(end));
    }

    /**
     * The bot's user name, asked of Telegram now when a {@code /cmd@name} arrives before start-up learnt it (a webhook
     * can deliver before {@code getMe} answered).
     */
    private String knownBotUsername(String text) {
        String known = botUsername;
        if (known != null || !text.strip().startsWith("/") || text.indexOf('@') < 0) {
            return known;
        }
        try {
            known = api.call(new GetMe()).getUserName();
            botUsername = known;
        } catch (ChannelException e) {
            LOG.warning("a command for a named bot is ignored: the bot's own name is unknown (" + e.getMessage() + ")");
        }
        return known;
    }

    private static Identity identity(User user) {
        return new Identity(TelegramChannel.NAME, String.valueOf(user.getId()));
    }

    private void answer(CallbackQuery query, String text, boolean alert) {
        String toast = text == null ? null : text.length() > TOAST_LIMIT ? text.substring(0, TOAST_LIMIT - 1) + "…" : text;
        try {
            api.call(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text(toast).showAlert(alert).build());
        } catch (ChannelException e) {
            LOG.warning("could not answer a Telegram button press: " + e.getMessage());
        }
    }
}
