package dev.parley.channel.telegram;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.channel.ChannelException;
import dev.parley.channel.ChannelGateway;
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
 * Turns Telegram updates into commands and button presses, whether they came by long polling or by webhook.
 * Each person is {@code telegram:<user id>}, their client's {@code language_code} is the language hint. In
 * groups only text starting with {@code /} is read — or a reply to one of the bot's cards that takes replies (an AI
 * draft's) — and a command addressed to another bot ({@code /help@other_bot}) is ignored. A document whose caption
 * is a command, or a command that replies to a document, runs with the document fetched ({@link TelegramFiles}); a
 * document without a command is ignored. A press runs as the person who pressed; when it is refused (role, rate)
 * only the toast says so and the card stays; otherwise the answer replaces the card in place. Updates are handled
 * by a few named threads behind a bounded queue, so a slow command never holds up polling.
 */
final class UpdateRouter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpdateRouter.class.getName());
    private static final int TOAST_LIMIT = 200;
    private static final int REPLY_ATTEMPTS = 3;
    private static final Duration LONGEST_REPLY_WAIT = Duration.ofSeconds(30);

    private final ChannelGateway gateway;
    private final TelegramChannel channel;
    private final TelegramApi api;
    private final TelegramFiles files;
    private final ExecutorService workers;
    private volatile String botUsername;

    /**
     * @param gateway runs commands and presses
     * @param channel posts and edits the answers
     * @param api     answers button presses
     * @param files   fetches the documents commands come with
     * @param threads how many updates are handled at once
     * @param queued  how many may wait; more are dropped with a warning
     */
    UpdateRouter(ChannelGateway gateway, TelegramChannel channel, TelegramApi api, TelegramFiles files, int threads,
                 int queued) {
        this.gateway = gateway;
        this.channel = channel;
        this.api = api;
        this.files = files;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
                r -> Thread.ofPlatform().daemon().name("parley-telegram-" + n.incrementAndGet()).unstarted(r));
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
            workers.execute(() -> handle(update));
        } catch (RejectedExecutionException e) {
            LOG.warning("Telegram update " + update.getUpdateId() + " dropped: too many updates waiting");
        }
    }

    private void handle(Update update) {
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
        if (repliedTo != null && message.hasText()) {
            SentCard card = channel.pressedOn(chatId, repliedTo.getMessageId(), repliedTo.hasPhoto());
            Optional<CommandReply> answer = gateway.replied(identity(from), card, typed,
                    from.getLanguageCode());
            if (answer.isPresent()) {
                post(chatId, answer.get());
                return;
            }
        }
        boolean group = !message.getChat().isUserChat();
        Optional<String> text = commandText(typed, group, knownBotUsername(typed));
        boolean command = text.isPresent() && text.get().startsWith("/");
        if (text.isEmpty() || (message.hasDocument() && !command)) {
            return;
        }
        Document document = !command ? null : message.hasDocument() ? message.getDocument()
                : repliedTo != null && repliedTo.hasDocument() ? repliedTo.getDocument() : null;
        post(chatId, document == null
                ? gateway.typed(identity(from), chatId, text.get(), from.getLanguageCode())
                : gateway.typed(identity(from), chatId, text.get(), from.getLanguageCode(), files.fetch(document)));
    }

    private void post(String chatId, CommandReply reply) {
        SentCard sent = deliver(chatId, () -> channel.send(chatId, reply.card(), reply.actionIds(), reply.locale()));
        if (sent != null) {
            gateway.shown(reply, sent);
        }
    }

    private void pressed(CallbackQuery query) {
        MaybeInaccessibleMessage message = query.getMessage();
        if (message == null || query.getData() == null) {
            answer(query, null, false);
            return;
        }
        String chatId = String.valueOf(message.getChatId());
        User from = query.getFrom();
        CommandReply reply = gateway.pressed(identity(from), chatId, query.getData(), from.getLanguageCode());
        if (reply.outcome() == CommandReply.Outcome.DENIED || reply.outcome() == CommandReply.Outcome.LIMITED) {
            answer(query, reply.card().text() != null ? reply.card().text() : reply.card().title(), true);
            return;
        }
        answer(query, reply.card().title(), false);
        boolean photo = message instanceof Message m && m.hasPhoto();
        SentCard pressedOn = channel.pressedOn(chatId, message.getMessageId(), photo);
        if (!channel.wouldRepost(pressedOn, reply.card())) {
            // the message stops following the card it showed before the answer is edited in, and follows the
            // answer (when it is live) only once it shows it, so no later version lands before the answer
            gateway.replacing(pressedOn);
            SentCard edited = deliver(chatId, () -> {
                channel.replace(pressedOn, reply.card(), reply.actionIds());
                return pressedOn;
            });
            if (edited != null) {
                gateway.shown(reply, pressedOn);
                return;
            }
        }
        // a photo cannot go into a text message, and an old message may no longer be editable: post the answer
        SentCard posted = deliver(chatId, () -> channel.send(chatId, reply.card(), reply.actionIds(), reply.locale()));
        if (posted != null) {
            gateway.shown(reply, posted);
        }
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

    /** Posts an answer someone is waiting for, retrying transient failures a few times. */
    private SentCard deliver(String chatId, Delivery delivery) {
        for (int attempt = 1; ; attempt++) {
            try {
                return delivery.run();
            } catch (ChannelException e) {
                if (!e.isTransient() || attempt >= REPLY_ATTEMPTS) {
                    LOG.warning("could not answer in Telegram chat " + chatId + ": " + e.getMessage());
                    return null;
                }
                Duration pause = e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(attempt);
                if (pause.compareTo(LONGEST_REPLY_WAIT) > 0) {
                    LOG.warning("could not answer in Telegram chat " + chatId + ": " + e.getMessage());
                    return null;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /** Posting or editing an answer. */
    @FunctionalInterface
    private interface Delivery {
        SentCard run() throws ChannelException;
    }

    /** Lets the updates being handled finish (briefly) and drops the waiting ones. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
