package dev.parley.channel.dingtalk;

import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.channel.ChannelException;
import dev.parley.channel.Interactions;
import dev.parley.channel.SeenEvents;
import dev.parley.channel.SentCard;
import dev.parley.command.CommandReply;
import dev.parley.rbac.Identity;

/**
 * What people do in DingTalk, turned into commands as the person who did it ({@code dingtalk:<senderStaffId>}), the
 * same whether the robot message came over the Stream connection or the HTTP callback. DingTalk delivers group
 * messages only when they @-mention the robot, and every message of a one-to-one chat; each {@code msgId} runs once,
 * also across a restart (DingTalk delivers again when it did not hear back in time). A button of a markdown card is a link that makes the
 * person send {@code /press <action id>}: it runs as a press of that button. A press on an interactive card (its
 * callback) runs the same way, and its answer updates the card in place. A refused press is answered in the chat
 * (DingTalk has no toast for robots).
 */
final class DingTalkConversations implements StreamConnection.Listener {
    private static final Logger LOG = Logger.getLogger(DingTalkConversations.class.getName());
    private static final Pattern PRESS = Pattern.compile("^/press\\s+([A-Za-z0-9]{4,64})$");

    private final Interactions interactions;
    private final DingTalkChannel channel;
    private final SeenEvents seen;

    DingTalkConversations(Interactions interactions, DingTalkChannel channel, SeenEvents seen) {
        this.interactions = interactions;
        this.channel = channel;
        this.seen = seen;
    }

    /** @return the text a button's link makes the person send: {@code /press <action id>} */
    static String pressText(String actionId) {
        return "/press " + actionId;
    }

    /**
     * @param message a message to the robot
     * @return false when it was seen before (a redelivery) and nothing ran
     */
    boolean received(RobotMessage message) {
        if (message.msgId() != null && !seen.firstTime(message.msgId())) {
            return false;
        }
        if (message.senderStaffId() == null || message.senderStaffId().isBlank() || message.text() == null) {
            return true;
        }
        channel.remember(message);
        Identity who = new Identity(DingTalkChannel.NAME, message.senderStaffId());
        String chatId = DingTalkChannel.chatOf(message);
        String text = message.text().strip();
        Matcher press = PRESS.matcher(text);
        if (press.matches()) {
            String actionId = press.group(1);
            interactions.pressedInBackground(new Interactions.Press(who, chatId, actionId, null,
                    new SentCard(DingTalkChannel.NAME, chatId, "tap:" + actionId)), new InChat(chatId));
        } else if (!text.isEmpty()) {
            interactions.typed(new Interactions.Typed(who, chatId, text, text, null, null, null));
        }
        return true;
    }

    @Override
    public void onMessage(RobotMessage message) {
        received(message);
    }

    @Override
    public void onCardAction(CardCallback callback) {
        SentCard card = channel.cardShowing(callback.outTrackId());
        if (card == null || callback.actionId() == null || callback.staffId() == null) {
            LOG.info("a press on a DingTalk card Parley no longer knows was ignored");
            return;
        }
        interactions.pressed(new Interactions.Press(new Identity(DingTalkChannel.NAME, callback.staffId()),
                card.chatId(), callback.actionId(), null, card), new InChat(card.chatId()));
    }

    /** Answers a press in the chat: its refusal as a message, its answer in place of the card (or as a new message). */
    private final class InChat implements Interactions.PressResponse {
        private final String chatId;

        InChat(String chatId) {
            this.chatId = chatId;
        }

        @Override
        public void refused(CommandReply reply) {
            try {
                channel.send(chatId, reply.card(), reply.actionIds(), reply.locale());
            } catch (ChannelException e) {
                LOG.warning("a refused DingTalk press could not be answered: " + e.getMessage());
            }
        }

        @Override
        public boolean answered(CommandReply reply) {
            return false;
        }

        @Override
        public void working(String locale) {
        }

        @Override
        public void failed(String locale) {
        }
    }
}
