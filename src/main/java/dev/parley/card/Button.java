package dev.parley.card;

import java.util.Objects;

/**
 * An action on a card. Pressing it runs {@code command} as the person who pressed it, so a button can
 * never do more than its presser may do by typing. Channels give each button a short action id.
 * Confirm and Cancel buttons answer a question a command asked before doing something destructive:
 * they work once, for a few minutes, and pressing one uses up the other.
 *
 * @param label   what the button says
 * @param command the command text it runs, e.g. {@code /search 退款 page:2} (for Cancel: the command it cancels)
 * @param style   how it looks
 * @param kind    plain action, confirmation or cancellation
 */
public record Button(String label, String command, Style style, Kind kind) {
    /** Rejects missing parts. */
    public Button {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param label   what the button says
     * @param command the command it runs
     * @return a plain button
     */
    public static Button of(String label, String command) {
        return new Button(label, command, Style.DEFAULT, Kind.RUN);
    }

    /**
     * @param label   what the button says
     * @param command the command it runs
     * @return a highlighted button for the expected next step
     */
    public static Button primary(String label, String command) {
        return new Button(label, command, Style.PRIMARY, Kind.RUN);
    }

    /**
     * @param label   what the button says
     * @param command the command to run, confirmed
     * @return a button that runs the command without asking again
     */
    public static Button confirm(String label, String command) {
        return new Button(label, command, Style.DANGER, Kind.CONFIRM);
    }

    /**
     * @param label   what the button says
     * @param command the command being cancelled
     * @return a button that answers "cancelled" and uses up the matching Confirm
     */
    public static Button cancel(String label, String command) {
        return new Button(label, command, Style.DEFAULT, Kind.CANCEL);
    }

    /** How a button looks. */
    public enum Style {
        DEFAULT, PRIMARY, DANGER
    }

    /** What pressing does. */
    public enum Kind {
        /** Runs the command. */
        RUN,
        /** Runs the command as confirmed. */
        CONFIRM,
        /** Runs nothing; the question is answered "no". */
        CANCEL
    }
}
