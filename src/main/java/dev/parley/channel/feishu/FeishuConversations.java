package dev.parley.channel.feishu;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import dev.parley.card.Card;
import dev.parley.channel.ChannelException;
import dev.parley.channel.ChannelGateway;
import dev.parley.channel.SentCard;
import dev.parley.command.Attachment;
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
 *   <li>{@code card.action.trigger}: the button's action id runs as the presser. An answer ready within
 *       {@code answerWithin} comes back in the callback response (toast plus the new card in place of the
 *       pressed one); a slower one gets a "working on it" toast and is patched in when ready. A press that
 *       does not run (denied, wrong usage) only answers a toast, so a shared card never changes because
 *       someone without the right to press pressed.</li>
 * </ul>
 * Feishu gives no language in its events: the person's {@code /lang} choice, else the default locale — for cards
 * and for the toasts of presses alike (an unreadable press, with no presser, gets the default locale).
 */
final class FeishuConversations {
    private static final Logger LOG = Logger.getLogger(FeishuConversations.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MENTION = Pattern.compile("@_user_\\d+");
    private static final int SEND_ATTEMPTS = 3;
    private static final int MAX_TOAST = 200;
    private static final Duration LIVE_FOLLOW_DELAY = Duration.ofSeconds(1);

    private final ChannelGateway gateway;
    private final FeishuChannel channel;
    private final FeishuFiles files;
    private final Messages messages;
    private final Executor executor;
    private final Duration answerWithin;
    private volatile String botOpenId;

    /**
     * @param gateway      runs commands
     * @param channel      posts and patches cards
     * @param files        fetches the files commands reply to
     * @param messages     toast texts
     * @param executor     where commands run (bounded; a full queue rejects)
     * @param answerWithin how long a button press may take to be answered in the callback response
     */
    FeishuConversations(ChannelGateway gateway, FeishuChannel channel, FeishuFiles files, Messages messages,
                        Executor executor, Duration answerWithin) {
        this.gateway = gateway;
        this.channel = channel;
        this.files = files;
        this.messages = messages;
        this.executor = executor;
        this.answerWithin = answerWithin;
    }

    /** Reads the bot's own {@code open_id} in the background, so group messages mentioning others are left alone. */
    void learnWhoTheBotIs() {
        executor.execute(() -> {
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
        if ("file".equals(message.getMessageType()) && "p2p".equals(message.getChatType())) {
            String chatId = message.getChatId();
            Identity who = new Identity(FeishuChannel.NAME, openId);
            executor.execute(() -> hintAtReplying(who, chatId));
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
        Identity who = new Identity(FeishuChannel.NAME, openId);
        String chatId = message.getChatId();
        executor.execute(() -> answer(who, chatId, text, repliedTo, addressed));
    }

    private boolean mentionsTheBot(MentionEvent[] mentions) {
        if (mentions == null || mentions.length == 0) {
            return false;
        }
        String bot = botOpenId;
        return bot == null || Arrays.stream(mentions).anyMatch(m -> m.getId() != null && bot.equals(m.getId().getOpenId()));
    }

    /**
     * A reply to a card that takes replies answers it; otherwise only a message addressed to the bot is a command,
     * with the file it replies to when it replies to one.
     */
    private void answer(Identity who, String chatId, String text, String repliedTo, boolean addressed) {
        try {
            Optional<CommandReply> replied = repliedTo == null ? Optional.empty()
                    : gateway.replied(who, new SentCard(FeishuChannel.NAME, chatId, repliedTo), text, null);
            if (replied.isEmpty() && !addressed) {
                return;
            }
            Optional<Attachment> file = replied.isPresent() || repliedTo == null || !text.startsWith("/")
                    ? Optional.empty() : files.repliedTo(repliedTo);
            CommandReply reply = replied.isPresent() ? replied.get()
                    : file.isPresent() ? gateway.typed(who, chatId, text, null, file.get())
                    : gateway.typed(who, chatId, text, null);
            SentCard sent = post(chatId, reply);
            if (sent != null) {
                gateway.shown(reply, sent);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a Feishu command failed", e);
        }
    }

    private void hintAtReplying(Identity who, String chatId) {
        String locale = gateway.localeOf(who, null);
        Card hint = Card.builder(messages.text(locale, "feishu.file_hint.title", Map.of()))
                .text(messages.text(locale, "feishu.file_hint.text", Map.of())).build();
        try {
            channel.send(chatId, hint, List.of(), locale);
        } catch (ChannelException e) {
            LOG.warning("the hint about a file sent to the Feishu bot was not posted: " + e.getMessage());
        }
    }

    private SentCard post(String chatId, CommandReply reply) {
        for (int attempt = 1; ; attempt++) {
            try {
                return channel.send(chatId, reply.card(), reply.actionIds(), reply.locale());
            } catch (ChannelException e) {
                if (!e.isTransient() || attempt >= SEND_ATTEMPTS) {
                    LOG.warning("the answer to a Feishu command was not posted: " + e.getMessage());
                    return null;
                }
                try {
                    Thread.sleep((e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(attempt)).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
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
        String locale = gateway.localeOf(who, null);
        String chatId = data.getContext().getOpenChatId();
        SentCard pressedCard = new SentCard(FeishuChannel.NAME, chatId, data.getContext().getOpenMessageId());
        CompletableFuture<CommandReply> running = CompletableFuture.supplyAsync(
                () -> gateway.pressed(who, chatId, action, null), executor);
        try {
            CommandReply reply = running.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
            return inPlace(reply, pressedCard);
        } catch (TimeoutException e) {
            running.thenAcceptAsync(reply -> patchLater(reply, pressedCard), executor);
            return toast("info", messages.text(locale, "feishu.toast.working", Map.of()));
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "a Feishu button press failed", e.getCause());
            return toast("error", messages.text(locale, "feishu.toast.failed", Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return toast("error", messages.text(locale, "feishu.toast.failed", Map.of()));
        }
    }

    private P2CardActionTriggerResponse inPlace(CommandReply reply, SentCard pressedCard) {
        if (reply.outcome() != CommandReply.Outcome.OK) {
            return toast(toastType(reply.outcome()), toastText(reply.card()));
        }
        P2CardActionTriggerResponse response = toast("success", toastText(reply.card()));
        try {
            CallBackCard card = new CallBackCard();
            card.setType("raw");
            card.setData(JSON.convertValue(channel.cardJson(reply.card(), reply.actionIds(), reply.locale()), Map.class));
            response.setCard(card);
        } catch (ChannelException e) {
            LOG.warning("the answer to a Feishu button press could not be shown: " + e.getMessage());
            return toast("error", messages.text(reply.locale(), "feishu.toast.failed", Map.of()));
        }
        if (reply.liveId() == null) {
            gateway.shown(reply, pressedCard);
        } else {
            // Feishu shows the card of this response only once it has it: a live answer's next version, patched
            // sooner, could land first and be covered by it, so the answer is followed a moment later (a version
            // published meanwhile is delivered then)
            gateway.replacing(pressedCard);
            CompletableFuture.delayedExecutor(LIVE_FOLLOW_DELAY.toMillis(), TimeUnit.MILLISECONDS, executor)
                    .execute(() -> gateway.shown(reply, pressedCard));
        }
        sendFileOf(reply, pressedCard.chatId());
        return response;
    }

    private void patchLater(CommandReply reply, SentCard pressedCard) {
        if (reply.outcome() != CommandReply.Outcome.OK) {
            post(pressedCard.chatId(), reply);
            return;
        }
        try {
            channel.edit(pressedCard, reply.card(), reply.actionIds(), reply.locale());
            gateway.shown(reply, pressedCard);
            sendFileOf(reply, pressedCard.chatId());
        } catch (ChannelException e) {
            LOG.warning("the answer to a Feishu button press could not be patched in: " + e.getMessage());
        }
    }

    private void sendFileOf(CommandReply reply, String chatId) {
        if (reply.card().file() == null) {
            return;
        }
        executor.execute(() -> {
            try {
                channel.sendFile(chatId, reply.card().file());
            } catch (ChannelException e) {
                LOG.warning("a file for Feishu was not sent: " + e.getMessage());
            }
        });
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
