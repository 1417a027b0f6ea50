package dev.parley.channel.discord;

import java.util.List;
import java.util.function.Supplier;

import dev.parley.card.Card;
import dev.parley.card.CardFile;
import dev.parley.channel.ChannelException;
import dev.parley.channel.ChatChannel;
import dev.parley.channel.SentCard;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.utils.FileUpload;

/**
 * Discord as a {@link ChatChannel}: a chat is a channel id (a guild text channel bound for alerts, or the direct
 * message channel of someone who used a command); cards are embeds with buttons ({@link DiscordCards}), edited in
 * place. JDA keeps to Discord's rate limits itself (its per-route buckets and the global limit), so nothing is paced
 * here; Discord refusing a call for good (unknown channel, missing access) is a permanent failure, anything else is
 * retried.
 */
final class DiscordChannel implements ChatChannel {
    /** The channel's name and the prefix of Discord identities. */
    static final String NAME = "discord";

    private final Supplier<JDA> jda;

    /** @param jda the connected client, or {@code null} while it is not connected */
    DiscordChannel(Supplier<JDA> jda) {
        this.jda = jda;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SentCard send(String chatId, Card card, List<String> actionIds, String locale) throws ChannelException {
        Message sent = call(() -> channel(chatId).sendMessage(DiscordCards.create(card, actionIds)).complete());
        return new SentCard(NAME, chatId, sent.getId());
    }

    @Override
    public void edit(SentCard sent, Card card, List<String> actionIds, String locale) throws ChannelException {
        call(() -> channel(sent.chatId()).editMessageById(sent.messageId(), DiscordCards.edit(card, actionIds)).complete());
    }

    @Override
    public void sendFile(String chatId, CardFile file) throws ChannelException {
        call(() -> channel(chatId).sendFiles(FileUpload.fromData(file.bytes(), file.name())).complete());
    }

    private MessageChannel channel(String chatId) {
        JDA client = jda.get();
        if (client == null) {
            throw new IllegalStateException("Discord is not connected yet");
        }
        MessageChannel channel = client.getChannelById(MessageChannel.class, chatId);
        if (channel == null) {
            channel = client.getPrivateChannelById(chatId);
        }
        if (channel == null) {
            throw new IllegalArgumentException("the Discord channel " + chatId + " is not known to the bot");
        }
        return channel;
    }

    private static <T> T call(Supplier<T> call) throws ChannelException {
        try {
            return call.get();
        } catch (ErrorResponseException e) {
            if (e.getErrorCode() == 0 || e.getErrorResponse().getCode() >= 500 || e.isServerError()) {
                throw ChannelException.retryable("Discord: " + e.getMeaning(), e, null);
            }
            throw ChannelException.permanent("Discord refused: " + e.getMeaning(), e);
        } catch (IllegalArgumentException e) {
            throw ChannelException.permanent(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw ChannelException.retryable("Discord: " + e.getMessage(), e, null);
        }
    }
}
