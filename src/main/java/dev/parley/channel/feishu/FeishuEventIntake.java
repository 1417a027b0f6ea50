package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.channel.SeenEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.lark.oapi.core.utils.Jsons;
import com.lark.oapi.event.EventDispatcher;
import com.lark.oapi.event.exception.HandlerNotFoundException;

/**
 * What happens to a Feishu event once it is known to come from Feishu, whichever way it arrived (the signed
 * and encrypted webhook, or the long connection that Feishu authenticated): its {@code header.event_id} is
 * recorded so a re-push runs nothing, then the SDK's dispatcher runs it (messages start a command in the
 * background, card callbacks answer with a toast and the new card). Each way of arrival turns the
 * {@link Outcome} into its own reply.
 */
final class FeishuEventIntake {
    private static final Logger LOG = Logger.getLogger(FeishuEventIntake.class.getName());
    private static final int MAX_EVENT_ID = 64;

    private final SeenEvents seen;
    private final EventDispatcher dispatcher;

    /**
     * @param seen       event ids already handled
     * @param dispatcher where new events go
     */
    FeishuEventIntake(SeenEvents seen, EventDispatcher dispatcher) {
        this.seen = seen;
        this.dispatcher = dispatcher;
    }

    /** How an event ended; {@link #label()} is the {@code result} of {@code parley_webhook_requests_total}. */
    enum Result {
        /** Handled; a card callback's answer is in {@link Outcome#answer()}. */
        OK("ok"),
        /** Already handled: a re-push. */
        DUPLICATE("duplicate"),
        /** No handler for this event type. */
        IGNORED("ignored"),
        /** Not taken on because too many commands run; the event id is forgotten so a re-push runs. */
        BUSY("busy"),
        /** The handler failed; the details are logged. */
        FAILED("error"),
        /** No usable {@code header.event_id}. */
        MALFORMED("bad_request");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        /** @return the metric label */
        String label() {
            return label;
        }
    }

    /**
     * @param result how it ended
     * @param answer the card callback's answer as JSON, or {@code null} when there is none
     */
    record Outcome(Result result, String answer) {
    }

    /**
     * @param event the plaintext event envelope (schema 2.0)
     * @return how it ended
     */
    Outcome take(JsonNode event) {
        String eventId = event.path("header").path("event_id").asText("");
        if (eventId.isEmpty() || eventId.length() > MAX_EVENT_ID) {
            return new Outcome(Result.MALFORMED, null);
        }
        if (!seen.firstTime(eventId)) {
            return new Outcome(Result.DUPLICATE, null);
        }
        try {
            Object answer = dispatcher.doWithoutValidation(event.toString().getBytes(StandardCharsets.UTF_8));
            return new Outcome(Result.OK, answer == null ? null : Jsons.DEFAULT.toJson(answer));
        } catch (HandlerNotFoundException e) {
            return new Outcome(Result.IGNORED, null);
        } catch (RejectedExecutionException e) {
            seen.forget(eventId);
            LOG.warning("Feishu event not taken on: too many commands running; Feishu will push it again");
            return new Outcome(Result.BUSY, null);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "a Feishu event could not be handled", e);
            return new Outcome(Result.FAILED, null);
        }
    }
}
