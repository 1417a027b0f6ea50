package dev.parley.channel.telegram;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.card.Card;
import dev.parley.card.CardFile;
import dev.parley.card.CardImage;
import dev.parley.channel.ChannelException;
import dev.parley.channel.ChatChannel;
import dev.parley.channel.Recent;
import dev.parley.channel.RetryPolicy;
import dev.parley.channel.SendPacer;
import dev.parley.channel.SentCard;

import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageCaption;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * Posts and edits cards in Telegram chats. A card becomes an HTML message with an inline keyboard; a card with
 * an image (a login QR code, a chart) becomes a photo whose caption is the card, or, when the card is longer
 * than a caption may be (1024), a photo captioned with the title followed by the card as a message; a card
 * longer than a message (4096) is split between lines and its buttons go on the last part; a card's file is
 * sent as a document after it. Edits keep that shape: a photo is replaced only when the image changed, a text
 * that grew too long is cut with an ellipsis. Every call is paced under Telegram's flood limits ({@link #limits}).
 */
public final class TelegramChannel implements ChatChannel {
    /** The channel's name, also the prefix of Telegram identities. */
    public static final String NAME = "telegram";
    private static final int REMEMBERED_MESSAGES = 1000;
    private static final int TITLE_CAPTION_LIMIT = 200;

    private final TelegramApi api;
    private final SendPacer pacer;
    /** The image shown by each recent photo message, to re-upload a photo only when it changed. */
    private final Map<String, Integer> photoHashes = Recent.map(REMEMBERED_MESSAGES);
    /** Text message → the photo-and-text pair it completes, to edit both when its button is pressed. */
    private final Map<String, String> pairsByText = Recent.map(REMEMBERED_MESSAGES);

    TelegramChannel(TelegramApi api, SendPacer pacer) {
        this.api = api;
        this.pacer = pacer;
    }

    /**
     * @param longestWait the longest a send waits for its turn; longer waits fail as transient
     * @return Telegram's flood limits: about one message a second per private chat (short bursts allowed), 20 a minute
     *         per group (their ids are negative), about 30 a second overall
     */
    static SendPacer limits(Duration longestWait) {
        return SendPacer.of("Telegram", new SendPacer.Rate(30, 30),
                chat -> chat.startsWith("-") ? SendPacer.Rate.of(20, Duration.ofMinutes(1), 5) : new SendPacer.Rate(3, 1),
                longestWait);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SentCard send(String chatId, Card card, List<String> actionIds, String locale) throws ChannelException {
        try {
            return post(chatId, card, actionIds);
        } catch (ChannelException e) {
            throttleAfter(chatId, e);
            throw e;
        }
    }

    private SentCard post(String chatId, Card card, List<String> actionIds) throws ChannelException {
        InlineKeyboardMarkup keyboard = actionIds.isEmpty() ? null : InlineKeyboards.of(card.buttons(), actionIds);
        MessageRef ref;
        if (card.image() != null) {
            ref = postPhoto(chatId, card, keyboard);
        } else {
            List<String> parts = TelegramText.split(TelegramText.lines(card, false), TelegramText.MESSAGE_LIMIT);
            Integer last = sendText(chatId, parts.getFirst(), parts.size() == 1 ? keyboard : null);
            for (int i = 1; i < parts.size(); i++) {
                last = sendRest(chatId, parts.get(i), i == parts.size() - 1 ? keyboard : null, i, parts.size());
            }
            ref = new MessageRef(null, last);
        }
        if (card.file() != null) {
            sendFile(chatId, card.file());
        }
        return new SentCard(NAME, chatId, ref.toString());
    }

    @Override
    public void sendFile(String chatId, CardFile file) throws ChannelException {
        pace(chatId);
        api.call(SendDocument.builder().chatId(chatId)
                .document(new InputFile(new ByteArrayInputStream(file.bytes()), file.name())).build());
    }

    /** A text message cannot become a photo: a card with an image is posted instead. */
    @Override
    public boolean canShow(SentCard sent, Card card) {
        return card.image() == null || MessageRef.parse(sent.messageId()).photo() != null;
    }

    @Override
    public void edit(SentCard sent, Card card, List<String> actionIds, String locale) throws ChannelException {
        try {
            editMessages(sent, card, actionIds);
        } catch (ChannelException e) {
            throttleAfter(sent.chatId(), e);
            throw e;
        }
    }

    private void editMessages(SentCard sent, Card card, List<String> actionIds) throws ChannelException {
        MessageRef ref = MessageRef.parse(sent.messageId());
        InlineKeyboardMarkup keyboard = InlineKeyboards.of(card.buttons(), actionIds);
        String chatId = sent.chatId();
        if (ref.photo() != null) {
            String caption = ref.text() == null
                    ? TelegramText.fit(TelegramText.captionLines(card), TelegramText.CAPTION_LIMIT)
                    : titleCaption(card);
            InlineKeyboardMarkup photoKeyboard = ref.text() == null ? keyboard : null;
            if (card.image() != null && imageChanged(chatId, ref.photo(), card.image())) {
                pace(chatId);
                api.call(EditMessageMedia.builder().chatId(chatId).messageId(ref.photo())
                        .media(InputMediaPhoto.builder().media(new ByteArrayInputStream(card.image().png()), "card.png")
                                .caption(caption).parseMode(ParseMode.HTML).build())
                        .replyMarkup(photoKeyboard).build());
                remember(chatId, ref.photo(), card.image());
            } else if (ref.text() == null) {
                pace(chatId);
                unlessUnchanged(() -> api.call(EditMessageCaption.builder().chatId(chatId).messageId(ref.photo())
                        .caption(caption).parseMode(ParseMode.HTML).replyMarkup(photoKeyboard).build()));
            }
        }
        if (ref.text() != null) {
            String text = TelegramText.fit(TelegramText.lines(card, ref.photo() != null), TelegramText.MESSAGE_LIMIT);
            pace(chatId);
            unlessUnchanged(() -> api.call(EditMessageText.builder().chatId(chatId).messageId(ref.text()).text(text)
                    .parseMode(ParseMode.HTML).replyMarkup(keyboard).build()));
        }
    }

    private MessageRef postPhoto(String chatId, Card card, InlineKeyboardMarkup keyboard) throws ChannelException {
        List<TelegramText.Line> lines = TelegramText.lines(card, true);
        boolean captionFits = TelegramText.fits(lines, TelegramText.CAPTION_LIMIT);
        pace(chatId);
        var photo = api.call(SendPhoto.builder().chatId(chatId)
                .photo(new InputFile(new ByteArrayInputStream(card.image().png()), "card.png"))
                .caption(captionFits ? TelegramText.fit(lines, TelegramText.CAPTION_LIMIT) : titleCaption(card))
                .parseMode(ParseMode.HTML)
                .replyMarkup(captionFits ? keyboard : null).build());
        remember(chatId, photo.getMessageId(), card.image());
        if (captionFits) {
            return new MessageRef(photo.getMessageId(), null);
        }
        List<String> parts = TelegramText.split(lines, TelegramText.MESSAGE_LIMIT);
        Integer last = null;
        for (int i = 0; i < parts.size(); i++) {
            last = sendText(chatId, parts.get(i), i == parts.size() - 1 ? keyboard : null);
        }
        MessageRef pair = new MessageRef(photo.getMessageId(), last);
        pairsByText.put(chatId + ":" + last, pair.toString());
        return pair;
    }

    /**
     * @param chatId    the chat of a message someone pressed a button on
     * @param messageId that message
     * @param photo     whether it is a photo
     * @return the card it belongs to (with the photo before it, when the card was posted as a photo and a text)
     */
    SentCard pressedOn(String chatId, int messageId, boolean photo) {
        String pair = pairsByText.get(chatId + ":" + messageId);
        String ref = pair != null ? pair : new MessageRef(photo ? messageId : null, photo ? null : messageId).toString();
        return new SentCard(NAME, chatId, ref);
    }

    /**
     * Sends a later part of a long card. Its earlier parts are out, so a failure must not make the caller send the
     * card again from the start: throttling is waited out here, and what still fails is reported as permanent.
     */
    private Integer sendRest(String chatId, String html, InlineKeyboardMarkup keyboard, int part, int parts)
            throws ChannelException {
        try {
            return RetryPolicy.ANSWERS.run(() -> sendText(chatId, html, keyboard));
        } catch (ChannelException e) {
            throw ChannelException.permanent("part " + (part + 1) + " of " + parts
                    + " of a long card was not sent (the ones before it were): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChannelException.permanent("interrupted while sending a long card", e);
        }
    }

    private Integer sendText(String chatId, String html, InlineKeyboardMarkup keyboard) throws ChannelException {
        pace(chatId);
        return api.call(SendMessage.builder().chatId(chatId).text(html).parseMode(ParseMode.HTML).replyMarkup(keyboard)
                .build()).getMessageId();
    }

    private static String titleCaption(Card card) {
        String title = card.title() == null ? "" : card.title();
        return "<b>" + TelegramText.escape(title.length() > TITLE_CAPTION_LIMIT
                ? title.substring(0, TITLE_CAPTION_LIMIT) + "…" : title) + "</b>";
    }

    private boolean imageChanged(String chatId, int messageId, CardImage image) {
        Integer known = photoHashes.get(chatId + ":" + messageId);
        return known == null || known != Arrays.hashCode(image.png());
    }

    private void remember(String chatId, int messageId, CardImage image) {
        photoHashes.put(chatId + ":" + messageId, Arrays.hashCode(image.png()));
    }

    private void pace(String chatId) throws ChannelException {
        pacer.await(chatId);
    }

    /** Runs an edit; Telegram refusing one because nothing changed is not a failure. */
    private void unlessUnchanged(Edit edit) throws ChannelException {
        try {
            edit.run();
        } catch (ChannelException e) {
            if (!e.isTransient() && e.getMessage().contains("message is not modified")) {
                return;
            }
            throw e;
        }
    }

    /** An edit call. */
    @FunctionalInterface
    private interface Edit {
        void run() throws ChannelException;
    }

    /** A 429 leaves the chat alone as long as Telegram asked. */
    private void throttleAfter(String chatId, ChannelException e) {
        if (e.retryAfter() != null) {
            pacer.throttled(chatId, e.retryAfter());
        }
    }
}
