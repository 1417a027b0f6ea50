package dev.parley.channel;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.command.AttachedFile;
import dev.parley.command.CommandReply;
import dev.parley.rbac.Identity;

/**
 * The one interaction handler every chat adapter hands its people to: a typed command, a reply to a card, a button
 * press → run it as the person → post the answer, or show it in place of the pressed card → retry what failed
 * transiently ({@link RetryPolicy#ANSWERS}) → tell the deliveries which message shows it, so a live card's later
 * versions follow. An adapter only turns its platform's events into {@link Typed} and {@link Press}, and says how it
 * acknowledges a press ({@link PressResponse}). Each channel gets a few named threads behind a bounded queue, so a
 * slow command never holds up the platform's events.
 */
public final class Interactions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Interactions.class.getName());
    private static final int THREADS = 4;
    private static final int QUEUED = 500;
    /** A platform shows the card of a press's response only once it has the response: a live answer is followed a
     * moment later, so a version edited in sooner is not covered by the answer. */
    private static final Duration LIVE_FOLLOW_DELAY = Duration.ofSeconds(1);

    private final ChannelGateway gateway;
    private final ChannelDeliveries deliveries;
    private final ChatChannel channel;
    private final Duration answerWithin;
    private final ThreadPoolExecutor workers;

    private Interactions(ChannelGateway gateway, ChannelDeliveries deliveries, ChatChannel channel,
                         Duration answerWithin) {
        this.gateway = gateway;
        this.deliveries = deliveries;
        this.channel = channel;
        this.answerWithin = answerWithin;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                r -> Thread.ofPlatform().daemon().name("parley-" + channel.name() + "-" + n.incrementAndGet()).unstarted(r),
                new ThreadPoolExecutor.AbortPolicy());
        this.workers.allowCoreThreadTimeOut(true);
    }

    /**
     * @param gateway      runs commands and presses
     * @param deliveries   follows live cards and guards messages against old versions
     * @param channel      the adapter's channel, registered with the deliveries here
     * @param answerWithin how long the platform waits for a press to be acknowledged, or {@code null} when it waits
     *                     as long as it takes (Telegram: the button's spinner turns until then)
     * @return the interactions of that channel
     */
    public static Interactions of(ChannelGateway gateway, ChannelDeliveries deliveries, ChatChannel channel,
                                  Duration answerWithin) {
        deliveries.register(channel);
        return new Interactions(gateway, deliveries, channel, answerWithin);
    }

    /** @return the channel */
    public ChatChannel channel() {
        return channel;
    }

    /**
     * @param who          someone
     * @param languageHint the language the platform says they use, or {@code null}
     * @return the locale to write to them in outside a card (a toast, a hint)
     */
    public String localeOf(Identity who, String languageHint) {
        return gateway.localeOf(who, languageHint);
    }

    /**
     * Runs in the background what someone wrote, and posts the answer into the chat.
     *
     * @param typed what they wrote
     */
    public void typed(Typed typed) {
        typed(typed, reply -> channel.send(typed.chatId(), reply.card(), reply.actionIds(), reply.locale()));
    }

    /**
     * Runs in the background what someone wrote, and shows the answer the way the platform wants it (Discord answers
     * a slash command through the interaction).
     *
     * @param typed  what they wrote
     * @param answer shows the answer, and says where
     */
    public void typed(Typed typed, Answer answer) {
        run("a message", () -> {
            CommandReply reply = answerTo(typed);
            if (reply != null) {
                show(typed.chatId(), reply, answer);
            }
        });
    }

    /** @return the answer to what someone wrote, or {@code null} when it is nothing for Parley */
    private CommandReply answerTo(Typed typed) {
        if (typed.repliedTo() != null) {
            var replied = gateway.replied(typed.who(), typed.repliedTo(), typed.text(), typed.languageHint());
            if (replied.isPresent()) {
                return replied.get();
            }
        }
        if (typed.command() == null || typed.command().isBlank()) {
            return null;
        }
        return typed.file() == null ? gateway.typed(typed.who(), typed.chatId(), typed.command(), typed.languageHint())
                : gateway.typed(typed.who(), typed.chatId(), typed.command(), typed.languageHint(), typed.file());
    }

    /**
     * Runs the command behind a pressed button and answers the press: within {@link #answerWithin} through
     * {@code response} (refused, or answered — in the acknowledgement itself where the platform allows, else edited in
     * place of the pressed card); later, after {@link PressResponse#working}, by editing the card (or posting when the
     * press was refused or the card cannot show the answer). Returns once the press is acknowledged.
     *
     * @param press    who pressed what, where
     * @param response how the platform acknowledges it
     */
    public void pressed(Press press, PressResponse response) {
        if (answerWithin == null) {
            answerPress(gateway.pressed(press.who(), press.chatId(), press.actionId(), press.languageHint()), press,
                    response);
            return;
        }
        CompletableFuture<CommandReply> running;
        try {
            running = CompletableFuture.supplyAsync(
                    () -> gateway.pressed(press.who(), press.chatId(), press.actionId(), press.languageHint()), workers);
        } catch (RejectedExecutionException e) {
            LOG.warning(channel.name() + ": a button press was dropped, too many commands waiting");
            response.failed(localeOf(press.who(), press.languageHint()));
            return;
        }
        try {
            answerPress(running.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS), press, response);
        } catch (TimeoutException e) {
            response.working(localeOf(press.who(), press.languageHint()));
            running.thenAcceptAsync(reply -> late(reply, press.pressedOn()), workers);
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, channel.name() + ": a button press failed", e.getCause());
            response.failed(localeOf(press.who(), press.languageHint()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.failed(localeOf(press.who(), press.languageHint()));
        }
    }

    /**
     * Runs a press in the background, for platforms that wait as long as it takes (see {@link #of}) and deliver
     * presses on a thread that must not be held up.
     *
     * @param press    who pressed what, where
     * @param response how the platform acknowledges it
     */
    public void pressedInBackground(Press press, PressResponse response) {
        run("a button press", () -> pressed(press, response));
    }

    private void answerPress(CommandReply reply, Press press, PressResponse response) {
        if (reply.outcome() != CommandReply.Outcome.OK) {
            response.refused(reply);
        } else if (response.answered(reply)) {
            shownByResponse(reply, press.pressedOn());
        } else {
            showInPlace(reply, press.pressedOn());
        }
    }

    /** The platform shows the answer with its acknowledgement of the press: follow it, and send its file. */
    private void shownByResponse(CommandReply reply, SentCard pressedOn) {
        deliveries.replacing(pressedOn);
        if (reply.liveId() == null) {
            gateway.shown(reply, pressedOn);
        } else {
            CompletableFuture.delayedExecutor(LIVE_FOLLOW_DELAY.toMillis(), TimeUnit.MILLISECONDS, workers)
                    .execute(() -> gateway.shown(reply, pressedOn));
        }
        sendFileOf(reply, pressedOn.chatId());
    }

    private void late(CommandReply reply, SentCard pressedOn) {
        if (reply.outcome() != CommandReply.Outcome.OK) {
            show(pressedOn.chatId(), reply, r -> channel.send(pressedOn.chatId(), r.card(), r.actionIds(), r.locale()));
        } else {
            showInPlace(reply, pressedOn);
        }
    }

    /** Edits the answer into the pressed card; posts it when the card cannot show it or no longer takes edits. */
    private void showInPlace(CommandReply reply, SentCard pressedOn) {
        if (channel.canShow(pressedOn, reply.card())) {
            try {
                deliveries.replaceNow(channel, pressedOn, reply.card(), reply.actionIds(), reply.locale());
                gateway.shown(reply, pressedOn);
                sendFileOf(reply, pressedOn.chatId());
                return;
            } catch (ChannelException e) {
                LOG.info(channel.name() + ": the answer to a press could not replace its card, posting it instead: "
                        + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        show(pressedOn.chatId(), reply, r -> channel.send(pressedOn.chatId(), r.card(), r.actionIds(), r.locale()));
    }

    private void show(String chatId, CommandReply reply, Answer answer) {
        try {
            SentCard sent = RetryPolicy.ANSWERS.run(() -> answer.show(reply));
            if (sent != null) {
                gateway.shown(reply, sent);
            }
        } catch (ChannelException e) {
            LOG.warning("could not answer in " + channel.name() + " chat " + chatId + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendFileOf(CommandReply reply, String chatId) {
        if (reply.card().file() == null) {
            return;
        }
        run("a file", () -> {
            try {
                RetryPolicy.ANSWERS.run(() -> {
                    channel.sendFile(chatId, reply.card().file());
                    return chatId;
                });
            } catch (ChannelException e) {
                LOG.warning("a file for " + channel.name() + " chat " + chatId + " was not sent: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void run(String what, Runnable work) {
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, channel.name() + ": handling " + what + " failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warning(channel.name() + ": " + what + " was dropped, too many commands waiting");
        }
    }

    /** Lets the commands being handled finish (a few seconds) and drops the waiting ones; idempotent. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning(channel.name() + " commands still running at shutdown were abandoned");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Something someone wrote to the bot.
     *
     * @param who          who wrote it
     * @param chatId       the chat it was written in
     * @param text         what they wrote, mentions of the bot removed (a card's answer takes it as is)
     * @param command      the command it is when it is not a card's answer ({@code /cmd@bot} cut to {@code /cmd}), or
     *                     {@code null} when it is not addressed to the bot (a group message that only replies to a card)
     * @param languageHint the language the platform says they use, or {@code null}
     * @param repliedTo    the bot's message it replies to, or {@code null}
     * @param file         the file that comes with the command, fetched when the command reads it, or {@code null}
     */
    public record Typed(Identity who, String chatId, String text, String command, String languageHint,
                        SentCard repliedTo, AttachedFile file) {
    }

    /**
     * A button someone pressed.
     *
     * @param who          who pressed
     * @param chatId       the chat of the card
     * @param actionId     the button's action id
     * @param languageHint the language the platform says they use, or {@code null}
     * @param pressedOn    the message showing the card
     */
    public record Press(Identity who, String chatId, String actionId, String languageHint, SentCard pressedOn) {
    }

    /** Shows an answer to what someone wrote. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param reply the answer
         * @return the message showing it
         * @throws ChannelException when it was not shown
         */
        SentCard show(CommandReply reply) throws ChannelException;
    }

    /** How a platform acknowledges one press; each is called at most once, on the thread that called {@code pressed}. */
    public interface PressResponse {
        /**
         * The press did not run (no role, rate, wrong state): tell the presser alone (a toast, an ephemeral message);
         * the card stays as it is.
         *
         * @param reply why, in the presser's language
         */
        void refused(CommandReply reply);

        /**
         * The answer is ready in time: acknowledge the press.
         *
         * @param reply the answer
         * @return true when the acknowledgement itself shows the answer in place of the card (a callback response that
         *         carries a card); false to have it edited in now
         */
        boolean answered(CommandReply reply);

        /**
         * The answer takes longer than the platform waits: acknowledge now; it is edited in when ready.
         *
         * @param locale the presser's locale
         */
        void working(String locale);

        /**
         * The press could not be run (the command failed, too much waiting).
         *
         * @param locale the presser's locale
         */
        void failed(String locale);
    }
}
