package dev.parley.channel.feishu;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.parley.card.Card;
import dev.parley.channel.ChannelException;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.channel.Interactions;
import dev.parley.channel.SentCard;
import dev.parley.command.AttachedFile;
import dev.parley.command.CommandReply;
import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lark.oapi.event.EventDispatcher;
import com.lark.oapi.event.cardcallback.P2CardActionTriggerHandler;
import com.lark.oapi.event.cardcallback.model.CallBackCard;
import com.lark.oapi.event.cardcallback.model.CallBackToast;
import com.lark.oapi.event.cardcallback.model.P2CardActionTrigger;
import com.lark.oapi.event.cardcallback.model.P2CardActionTriggerData;
import com.lark.oapi.event.cardcallback.model.P2CardActionTriggerResponse;
import com.lark.oapi.service.im.ImService;
import com.lark.oapi.service.im.v1.model.EventMessage;
import com.lark.oapi.service.im.v1.model.MentionEvent;
import com.lark.oapi.service.im.v1.model.P2MessageReceiveV1;

/**
 * What people do in Feishu, turned into commands as the person who did it ({@code feishu:<open_id>}):
 * <ul>
 *   <li>{@code im.message.receive_v1}: a text message, with the {@code @_user_N} mention placeholders
 *       removed, runs in the background and its answer is posted into the chat. In a direct chat every
 *       message counts; in a group only messages that mention the bot (its {@code open_id} is read once at
 *       start; until it is known, any mention counts — with the default scope
 *       {@code im:message.group_at_msg:readonly} Feishu only delivers messages that mention the bot anyway). A reply
 *       ({@code parent_id}) to a card that takes replies (an AI draft's) is that card's answer, with or without a
 *       mention. Messages of other bots and non-text messages are ignored, except that a file sent in a direct chat
 *       is answered with a hint (in the sender's {@code /lang} language, else the default one): Feishu cannot
 *       caption a file, so a file is imported by replying a command to it; a command whose message replies
 *       ({@code parent_id}) to a {@code file} message runs with that file ({@link FeishuFiles}). Files in groups
 *       are left alone.</li>
 *   <li>{@code card.action.trigger}: the button's action id runs as the presser ({@link Interactions}). An answer
 *       ready in time comes back in the callback response (toast plus the new card in place of the pressed one); a
 *       slower one gets a "working on it" toast and is patched in when ready. A press that does not run (denied,
 *       wrong usage) only answers a toast, so a shared card never changes because someone without the right to press
 *       pressed.</li>
 * </ul>
 * Feishu gives no language in its events: the person's {@code /lang} choice, else the default locale — for cards
 * and for the toasts of presses alike (an unreadable press, with no presser, gets the default locale).
 */
final class FeishuConversations {
    private static final Logger LOG = Logger.getLogger(FeishuConversations.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MENTION = Pattern.compile("@_user_\\d+");
    private static final int MAX_TOAST = 200;

    private final Interactions interactions;
    private final FeishuChannel channel;
    private final ChannelDeliveries deliveries;
    private final FeishuFiles files;
    private final Messages messages;
    private volatile String botOpenId;

    /**
     * @param interactions runs commands and presses and shows their answers
     * @param channel      renders cards for callback responses
     * @param deliveries   posts the hint about files in the background
     * @param files        fetches the files commands reply to
     * @param messages     toast texts
     */
    FeishuConversations(Interactions interactions, FeishuChannel channel, ChannelDeliveries deliveries, FeishuFiles files,
                        Messages messages) {
        this.interactions = interactions;
        this.channel = channel;
        this.deliveries = deliveries;
        this.files = files;
        this.messages = messages;
    }

    /** Reads the bot's own {@code open_id} in the background, so group messages mentioning others are left alone. */
    void learnWhoTheBotIs() {
        Thread.ofPlatform().daemon().name("parley-feishu-whoami").start(() -> {
            try {
                botOpenId = channel.botOpenId();
            } catch (ChannelException e) {
                LOG.warning("the Feishu bot's open_id is unknown, so any mention in a group counts: " + e.getMessage());
            }
        });
    }

    /** @return the SDK's dispatcher for already verified and decrypted events, routed to this */
    EventDispatcher dispatcher() {
        return EventDispatcher.newBuilder("", "")
                .onP2MessageReceiveV1(new ImService.P2MessageReceiveV1Handler() {
                    @Override
                    public void handle(P2MessageReceiveV1 event) {
                        received(event);
                    }
                })
                .onP2CardActionTrigger(new P2CardActionTriggerHandler() {
                    @Override
                    public P2CardActionTriggerResponse handle(P2CardActionTrigger event) {
                        return pressed(event);
                    }
                })
                .build();
    }

    private void received(P2MessageReceiveV1 event) {
        if (event.getEvent() == null || event.getEvent().getMessage() == null || event.getEvent().getSender() == null
                || event.getEvent().getSender().getSenderId() == null) {
            return;
        }
        EventMessage message = event.getEvent().getMessage();
        String openId = event.getEvent().getSender().getSenderId().getOpenId();
        if (!"user".equals(event.getEvent().getSender().getSenderType()) || openId == null) {
            return;
        }
        Identity who = new Identity(FeishuChannel.NAME, openId);
        String chatId = message.getChatId();
        if ("file".equals(message.getMessageType()) && "p2p".equals(message.getChatType())) {
            hintAtReplying(who, chatId);
            return;
        }
        if (!"text".equals(message.getMessageType())) {
            return;
        }
        boolean addressed = "p2p".equals(message.getChatType()) || mentionsTheBot(message.getMentions());
        String repliedTo = message.getParentId() == null || message.getParentId().isBlank() ? null : message.getParentId();
        if (!addressed && repliedTo == null) {
            return;
        }
        String text = MENTION.matcher(text(message.getContent())).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return;
        }
        // a command replying to a message runs with that message's file, when it is one
        AttachedFile file = repliedTo == null || !text.startsWith("/") ? null : () -> files.repliedTo(repliedTo);
        interactions.typed(new Interactions.Typed(who, chatId, text, addressed ? text : null, null,
                repliedTo == null ? null : new SentCard(FeishuChannel.NAME, chatId, repliedTo), file));
    }

    private boolean mentionsTheBot(MentionEvent[] mentions) {
        if (mentions == null || mentions.length == 0) {
            return false;
        }
        String bot = botOpenId;
        return bot == null || Arrays.stream(mentions).anyMatch(m -> m.getId() != null && bot.equals(m.getId().getOpenId()));
    }

    private void hintAtReplying(Identity who, String chatId) {
        String locale = interactions.localeOf(who, null);
        Card hint = Card.builder(messages.text(locale, "feishu.file_hint.title", Map.of()))
                .text(messages.text(locale, "feishu.file_hint.text", Map.of())).build();
        deliveries.post(FeishuChannel.NAME, chatId, hint, List.of(), locale);
    }

    private P2CardActionTriggerResponse pressed(P2CardActionTrigger event) {
        P2CardActionTriggerData data = event.getEvent();
        Object actionId = data == null || data.getAction() == null || data.getAction().getValue() == null ? null
                : data.getAction().getValue().get(FeishuCardJson.ACTION_KEY);
        if (!(actionId instanceof String action) || data.getOperator() == null || data.getOperator().getOpenId() == null
                || data.getContext() == null) {
            return toast("error", messages.text(messages.defaultLocale(), "feishu.toast.unknown_button", Map.of()));
        }
        Identity who = new Identity(FeishuChannel.NAME, data.getOperator().getOpenId());
        String chatId = data.getContext().getOpenChatId();
        SentCard pressedCard = new SentCard(FeishuChannel.NAME, chatId, data.getContext().getOpenMessageId());
        CallbackResponse response = new CallbackResponse();
        interactions.pressed(new Interactions.Press(who, chatId, action, null, pressedCard), response);
        return response.answer;
    }

    /** The callback's answer to one press: a toast, with the new card when the answer was ready in time. */
    private final class CallbackResponse implements Interactions.PressResponse {
        private P2CardActionTriggerResponse answer;

        @Override
        public void refused(CommandReply reply) {
            answer = toast(toastType(reply.outcome()), toastText(reply.card()));
        }

        @Override
        public boolean answered(CommandReply reply) {
            answer = toast("success", toastText(reply.card()));
            try {
                CallBackCard card = new CallBackCard();
                card.setType("raw");
                card.setData(JSON.convertValue(channel.cardJson(reply.card(), reply.actionIds(), reply.locale()), Map.class));
                answer.setCard(card);
                return true;
            } catch (ChannelException e) {
                LOG.warning("the answer to a Feishu button press could not go into the callback, patching it in: "
                        + e.getMessage());
                return false;
            }
        }

        @Override
        public void working(String locale) {
            answer = toast("info", messages.text(locale, "feishu.toast.working", Map.of()));
        }

        @Override
        public void failed(String locale) {
            answer = toast("error", messages.text(locale, "feishu.toast.failed", Map.of()));
        }
    }

    private static String toastType(CommandReply.Outcome outcome) {
        return switch (outcome) {
            case OK -> "success";
            case USAGE, LIMITED -> "warning";
            case DENIED, ERROR, UNKNOWN -> "error";
        };
    }

    private static String toastText(Card card) {
        String text = card.text() == null || card.text().isBlank() ? card.title() : card.title() + ": " + card.text();
        text = text.replace("**", "");
        return text.length() <= MAX_TOAST ? text : text.substring(0, MAX_TOAST - 1) + "…";
    }

    private static P2CardActionTriggerResponse toast(String type, String content) {
        CallBackToast toast = new CallBackToast();
        toast.setType(type);
        toast.setContent(content);
        P2CardActionTriggerResponse response = new P2CardActionTriggerResponse();
        response.setToast(toast);
        return response;
    }

    private static String text(String content) {
        if (content == null) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(content);
            return json == null ? "" : json.path("text").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
