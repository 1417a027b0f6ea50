package dev.parley.card;

import java.util.Objects;

/**
 * An action on a card. Pressing it runs {@code command} as the person who pressed it, so a button can
 * never do more than its presser may do by typing. Channels give each button a short action id.
 *
 * @param label   what the button says
 * @param command the command text it runs, e.g. {@code /search 退款 page:2}
 * @param style   how it looks
 */
public record Button(String label, String command, Style style) {
    /** Rejects missing parts. */
    public Button {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(style, "style");
    }

    /**
     * @param label   what the button says
     * @param command the command it runs
     * @return a plain button
     */
    public static Button of(String label, String command) {
        return new Button(label, command, Style.DEFAULT);
    }

    /** How a button looks. */
    public enum Style {
        DEFAULT, PRIMARY, DANGER
    }
}
