package dev.parley.channel;

import java.util.List;

import dev.parley.card.Card;
import dev.parley.card.CardFile;

/**
 * An admin chat platform (Telegram, Feishu, DingTalk, Discord…) as the core sees it: somewhere cards can be posted,
 * later edited in place, and files sent. Each platform is an adapter package implementing this, rendering a card to
 * its native format; the core never imports a chat SDK. Adapters keep to their platform's rate limits (a
 * {@link SendPacer}) and report throttling as a transient failure with the time to wait.
 */
public interface ChatChannel {
    /** @return the channel's name, also the prefix of its identities ({@code telegram}, {@code feishu}) */
    String name();

    /**
     * Posts a card into a chat.
     *
     * @param chatId    the platform's chat id
     * @param card      the card
     * @param actionIds one action id per button of the card
     * @param locale    the locale the card is written in
     * @return where it was posted, to edit it later
     * @throws ChannelException when it was not posted
     */
    SentCard send(String chatId, Card card, List<String> actionIds, String locale) throws ChannelException;

    /**
     * Replaces a card this channel posted earlier with a newer version.
     *
     * @param sent      where it was posted
     * @param card      the new version
     * @param actionIds one action id per button of the new version
     * @param locale    the locale it is written in
     * @throws ChannelException when it was not edited
     */
    void edit(SentCard sent, Card card, List<String> actionIds, String locale) throws ChannelException;

    /**
     * Sends a file into a chat, as the platform shows files (the file of a card shown in place of another).
     *
     * @param chatId the chat
     * @param file   the file
     * @throws ChannelException when it was not sent
     */
    void sendFile(String chatId, CardFile file) throws ChannelException;

    /**
     * @param sent where a card is shown
     * @param card a card to show there instead
     * @return whether the message can show it (a Telegram text message cannot become a photo); when not, the answer
     *         is posted as a new message
     */
    default boolean canShow(SentCard sent, Card card) {
        return true;
    }
}
