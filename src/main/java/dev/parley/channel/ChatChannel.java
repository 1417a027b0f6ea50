package dev.parley.channel;

import java.util.List;

import dev.parley.card.Card;

/**
 * An admin chat platform (Telegram, Feishu…) as the core sees it: somewhere cards can be posted and
 * later edited in place. Each platform is an adapter package implementing this; the core never imports a
 * chat SDK. Adapters keep to their platform's rate limits themselves and report throttling as a
 * transient failure with the time to wait.
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
}
