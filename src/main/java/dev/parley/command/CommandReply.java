package dev.parley.command;

import java.util.List;
import java.util.Locale;

import dev.parley.card.Card;

/**
 * The engine's answer: the card to show, the action id of each of its buttons (same order), how the
 * command ended, and the locale the card is written in.
 *
 * @param card      what to show
 * @param actionIds one id per button of the card, for channels to put on their native buttons
 * @param outcome   how it ended
 * @param locale    the card's locale
 * @param liveId    the id of the live card this answer is the first version of, or {@code null}
 */
public record CommandReply(Card card, List<String> actionIds, Outcome outcome, String locale, String liveId) {
    /** Copies the ids. */
    public CommandReply {
        actionIds = List.copyOf(actionIds);
    }

    /** How a command ended; also the {@code result} label of {@code parley_commands_total}. */
    public enum Outcome {
        /** It ran. */
        OK,
        /** The caller's role does not allow it. */
        DENIED,
        /** Wrong or missing arguments; the card shows the usage line. */
        USAGE,
        /** It ran into a problem the card explains. */
        ERROR,
        /** No such command; the card suggests the nearest one. */
        UNKNOWN,
        /** The caller typed too much too fast. */
        LIMITED;

        /** @return the lower-case code used in metrics, audit and the HTTP API */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
