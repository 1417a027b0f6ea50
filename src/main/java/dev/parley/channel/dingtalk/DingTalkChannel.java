package dev.parley.channel.dingtalk;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.parley.card.Card;
import dev.parley.card.CardFile;
import dev.parley.channel.ChannelException;
import dev.parley.channel.ChatChannel;
import dev.parley.channel.Recent;
import dev.parley.channel.SendPacer;
import dev.parley.channel.SentCard;

/**
 * DingTalk as a {@link ChatChannel}. A chat is a group ({@code openConversationId}) or a person's one-to-one chat with
 * the robot ({@code user:<staffId>}). A card goes out as a markdown message — through the session webhook of the
 * chat's latest message while it is valid (no token needed), else the robot OpenAPI — with its image uploaded and sent
 * as an image message before it, and its file as a file message after it. With an interactive card template
 * configured, a card with buttons goes out as an interactive card instead, whose updates edit it in place. A markdown
 * message cannot be edited: a new version of it is posted as a new message only when it says something new (its
 * title, tone, image or buttons changed), so a live card's progress ticks do not flood the chat while a new QR code or
 * the final answer still arrives.
 */
final class DingTalkChannel implements ChatChannel {
    /** The channel's name and the prefix of DingTalk identities. */
    static final String NAME = "dingtalk";
    private static final String USER_PREFIX = "user:";
    private static final String CARD_PREFIX = "card:";
    private static final int REMEMBERED = 1000;

    private final DingTalkOpenApi api;
    private final DingTalkMarkdown markdown;
    private final DingTalkSettings settings;
    private final SendPacer pace;
    private final Clock clock;
    private final Map<String, Session> sessions = Recent.map(REMEMBERED);
    private final Map<String, Integer> shownLooks = Recent.map(REMEMBERED);
    private final Map<String, String> cardChats = Recent.map(REMEMBERED);

    DingTalkChannel(DingTalkOpenApi api, DingTalkMarkdown markdown, DingTalkSettings settings, Clock clock) {
        this.api = api;
        this.markdown = markdown;
        this.settings = settings;
        this.clock = clock;
        this.pace = limits();
    }

    /**
     * @return DingTalk's limits as Parley keeps them: the robot takes about 20 messages a minute into one chat (the
     *         custom robot's published limit, after which DingTalk mutes it for 10 minutes), 20 a second overall
     */
    static SendPacer limits() {
        return SendPacer.of("DingTalk", new SendPacer.Rate(20, 20), chat -> SendPacer.Rate.of(20, Duration.ofMinutes(1), 5),
                Duration.ofSeconds(30));
    }

    /**
     * @param message a message to the robot
     * @return the chat id to answer it in
     */
    static String chatOf(RobotMessage message) {
        return message.inGroup() ? message.conversationId() : USER_PREFIX + message.senderStaffId();
    }

    /** @param message a message to the robot: its session webhook answers that chat while it is valid */
    void remember(RobotMessage message) {
        if (message.sessionWebhook() != null && message.sessionWebhookExpiredTime() != null) {
            sessions.put(chatOf(message), new Session(URI.create(message.sessionWebhook()),
                    message.sessionWebhookExpiredTime().toEpochMilli()));
        }
    }

    /**
     * @param outTrackId an interactive card Parley delivered
     * @return where it shows, to answer a press on it; {@code null} when it is not known (any more)
     */
    SentCard cardShowing(String outTrackId) {
        String chatId = cardChats.get(outTrackId);
        return chatId == null ? null : new SentCard(NAME, chatId, CARD_PREFIX + outTrackId);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SentCard send(String chatId, Card card, List<String> actionIds, String locale) throws ChannelException {
        Conversation to = conversation(chatId);
        String imageId = card.image() == null ? null : api.upload("image", "card.png", card.image().png());
        String messageId;
        if (settings.interactiveCards() && !card.buttons().isEmpty()) {
            String outTrackId = UUID.randomUUID().toString();
            pace.await(chatId);
            api.createAndDeliverCard(outTrackId, to, markdown.templateParams(card, actionIds, imageId, locale), "STREAM");
            messageId = CARD_PREFIX + outTrackId;
            cardChats.put(outTrackId, chatId);
        } else {
            if (imageId != null) {
                pace.await(chatId);
                api.send(to, RobotPayload.image(imageId));
            }
            messageId = sendMarkdown(chatId, to, markdown.render(card, actionIds, locale));
        }
        shownLooks.put(messageId, look(card));
        if (card.file() != null) {
            sendFile(chatId, card.file());
        }
        return new SentCard(NAME, chatId, messageId);
    }

    @Override
    public void edit(SentCard sent, Card card, List<String> actionIds, String locale) throws ChannelException {
        if (sent.messageId().startsWith(CARD_PREFIX)) {
            String imageId = card.image() == null ? null : api.upload("image", "card.png", card.image().png());
            pace.await(sent.messageId());
            api.updateCard(sent.messageId().substring(CARD_PREFIX.length()),
                    markdown.templateParams(card, actionIds, imageId, locale));
            return;
        }
        Integer shown = shownLooks.get(sent.messageId());
        if (shown != null && shown == look(card)) {
            return; // only progress moved: a markdown message cannot show it without a new message
        }
        SentCard again = send(sent.chatId(), card, actionIds, locale);
        shownLooks.put(sent.messageId(), shownLooks.get(again.messageId()));
    }

    @Override
    public void sendFile(String chatId, CardFile file) throws ChannelException {
        String mediaId = api.upload("file", file.name(), file.bytes());
        pace.await(chatId);
        int dot = file.name().lastIndexOf('.');
        api.send(conversation(chatId), RobotPayload.file(mediaId, file.name(),
                dot < 0 ? "file" : file.name().substring(dot + 1)));
    }

    private String sendMarkdown(String chatId, Conversation to, DingTalkMarkdown.Markdown message)
            throws ChannelException {
        pace.await(chatId);
        Session session = sessions.get(chatId);
        if (session != null && session.expiresAt() > clock.millis() + 60_000) {
            api.replyBySession(session.webhook(), message.title(), message.text());
            return "session:" + UUID.randomUUID();
        }
        return "api:" + api.send(to, message.payload());
    }

    private static Conversation conversation(String chatId) {
        return chatId.startsWith(USER_PREFIX) ? Conversation.person(chatId.substring(USER_PREFIX.length()))
                : Conversation.group(chatId);
    }

    /** @return what a reader notices changed on a card, progress aside */
    private static int look(Card card) {
        return Objects.hash(card.title(), card.tone(), card.buttons(),
                card.image() == null ? 0 : Arrays.hashCode(card.image().png()));
    }

    /** A chat's latest session webhook and when it stops taking messages. */
    private record Session(URI webhook, long expiresAt) {
    }
}
