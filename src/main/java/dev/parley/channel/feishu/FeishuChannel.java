package dev.parley.channel.feishu;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.card.Card;
import dev.parley.i18n.Messages;
import dev.parley.card.CardFile;
import dev.parley.channel.ChannelException;
import dev.parley.channel.ChatChannel;
import dev.parley.channel.SendPacer;
import dev.parley.channel.SentCard;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Feishu as a {@link ChatChannel}: cards become interactive cards (their image uploaded first), a card's
 * file is uploaded and sent as a file message right after it, and edits patch the card message in place.
 * Every call waits for its turn under Feishu's frequency limits ({@link #limits}).
 */
final class FeishuChannel implements ChatChannel {
    /** The channel's name and the prefix of Feishu identities. */
    static final String NAME = "feishu";

    private final FeishuOpenApi api;
    private final SendPacer pace;
    private final Messages messages;

    /**
     * @param api      the Open API
     * @param pace     the frequency limits
     * @param messages the note on a card cut to Feishu's size limit
     */
    FeishuChannel(FeishuOpenApi api, SendPacer pace, Messages messages) {
        this.api = api;
        this.pace = pace;
        this.messages = messages;
    }

    /**
     * @return Feishu's published frequency limits: 5 calls a second into one chat (or onto one message, for card
     *         patches), 50 a second for the whole app; a send waits up to a minute for its turn
     */
    static SendPacer limits() {
        return SendPacer.of("Feishu", new SendPacer.Rate(1, 50), target -> new SendPacer.Rate(1, 5), Duration.ofMinutes(1));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SentCard send(String chatId, Card card, List<String> actionIds, String locale) throws ChannelException {
        String json = cardJson(card, actionIds, locale).toString();
        awaitSlot(chatId);
        String messageId = api.sendCard(chatId, json);
        if (card.file() != null) {
            sendFile(chatId, card.file());
        }
        return new SentCard(NAME, chatId, messageId);
    }

    /** Uploads the file and sends it as a file message. */
    @Override
    public void sendFile(String chatId, CardFile file) throws ChannelException {
        String fileKey = api.uploadFile(file.name(), file.bytes());
        awaitSlot(chatId);
        api.sendFile(chatId, fileKey);
    }

    @Override
    public void edit(SentCard sent, Card card, List<String> actionIds, String locale) throws ChannelException {
        String json = cardJson(card, actionIds, locale).toString();
        awaitSlot(sent.messageId());
        api.patchCard(sent.messageId(), json);
    }

    /**
     * @return the bot's own {@code open_id}
     * @throws ChannelException when Feishu did not say
     */
    String botOpenId() throws ChannelException {
        return api.botOpenId();
    }

    /**
     * @param card      the card
     * @param actionIds one action id per button
     * @param locale    the card's language
     * @return its Feishu card JSON, its image uploaded
     * @throws ChannelException when the image could not be uploaded
     */
    ObjectNode cardJson(Card card, List<String> actionIds, String locale) throws ChannelException {
        String imageKey = card.image() == null ? null : api.uploadImage(card.image().png());
        return FeishuCardJson.render(card, actionIds, imageKey,
                omitted -> messages.text(locale, "feishu.card.cut", Map.of("count", omitted)));
    }

    private void awaitSlot(String target) throws ChannelException {
        pace.await(target);
    }
}
