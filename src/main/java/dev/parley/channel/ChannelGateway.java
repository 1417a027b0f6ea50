package dev.parley.channel;

import java.util.Optional;

import dev.parley.command.AttachedFile;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandReply;
import dev.parley.command.CommandRequest;
import dev.parley.rbac.Identity;

/**
 * Where chat platform adapters hand over what people typed and pressed: it runs them through the command
 * engine, and follows the live cards among the answers so their later versions are edited into the
 * messages that show them.
 */
public final class ChannelGateway {
    private final CommandEngine engine;
    private final ChannelDeliveries deliveries;
    private final CardReplies replies;

    /**
     * @param engine     runs commands
     * @param deliveries edits live cards in place
     * @param replies    the cards that take replies
     */
    public ChannelGateway(CommandEngine engine, ChannelDeliveries deliveries, CardReplies replies) {
        this.engine = engine;
        this.deliveries = deliveries;
        this.replies = replies;
    }

    /**
     * Runs what someone typed.
     *
     * @param who          who typed it
     * @param chatId       the chat it was typed in
     * @param text         the text (mentions of the bot already removed)
     * @param languageHint the language the platform says the person uses, or {@code null}
     * @return the answer to post in the chat
     */
    public CommandReply typed(Identity who, String chatId, String text, String languageHint) {
        return engine.execute(new CommandRequest(who, chatId, text, null, languageHint));
    }

    /**
     * Runs what someone wrote in reply to one of the bot's messages, when that message shows a card that takes
     * replies; a reply that is itself a command ({@code /…}) is not taken as free text.
     *
     * @param who          who replied
     * @param repliedTo    the message replied to
     * @param text         what they wrote, as is (mentions of the bot already removed)
     * @param languageHint the language the platform says the person uses, or {@code null}
     * @return the answer, empty when the message takes no replies (then the text is nothing for Parley)
     */
    public Optional<CommandReply> replied(Identity who, SentCard repliedTo, String text, String languageHint) {
        if (text.isBlank() || text.strip().startsWith("/")) {
            return Optional.empty();
        }
        return replies.commandFor(repliedTo).map(command -> engine.execute(
                new CommandRequest(who, repliedTo.chatId(), command, null, languageHint, text.strip(), null)));
    }

    /**
     * Runs what someone typed with a file: a document's caption, or a command replying to a file.
     *
     * @param who          who typed it
     * @param chatId       the chat it was typed in
     * @param text         the text (mentions of the bot already removed)
     * @param languageHint the language the platform says the person uses, or {@code null}
     * @param file         the file, fetched only when the command reads it
     * @return the answer to post in the chat
     */
    public CommandReply typed(Identity who, String chatId, String text, String languageHint, AttachedFile file) {
        return engine.execute(new CommandRequest(who, chatId, text, null, languageHint, null, file));
    }

    /**
     * Runs the command behind a pressed button, as the person who pressed it.
     *
     * @param who          who pressed
     * @param chatId       the chat the card is in
     * @param actionId     the button's action id
     * @param languageHint the language the platform says the person uses, or {@code null}
     * @return the answer, usually shown in place of the card that was pressed
     */
    public CommandReply pressed(Identity who, String chatId, String actionId, String languageHint) {
        return engine.press(actionId, new CommandRequest(who, chatId, "", null, languageHint));
    }

    /**
     * @param who          someone
     * @param languageHint the language the platform says they use, or {@code null}
     * @return the locale to write to them in, for what the platform shows outside a card (a toast)
     */
    public String localeOf(Identity who, String languageHint) {
        return engine.localeOf(who, languageHint);
    }

    /**
     * Tells the gateway that an answer is about to replace the card a message shows: the live card it showed no
     * longer follows it, and its versions still waiting are dropped, so none lands over the answer.
     *
     * @param sent the message
     */
    public void replacing(SentCard sent) {
        deliveries.replacing(sent);
    }

    /**
     * Tells the gateway where an answer ended up, so a live card's next versions go there — and a version the job
     * published while the answer was on its way goes there now — and the live card the message showed before (when
     * the answer replaced a card in place) no longer does.
     *
     * @param reply the answer
     * @param sent  the message showing it
     */
    public void shown(CommandReply reply, SentCard sent) {
        if (reply.liveId() == null) {
            deliveries.replacing(sent);
            return;
        }
        deliveries.track(reply.liveId(), sent);
        engine.liveCards().current(reply.liveId()).filter(now -> !now.card().equals(reply.card()))
                .ifPresent(deliveries::liveCardChanged);
    }
}
