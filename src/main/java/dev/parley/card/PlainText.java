package dev.parley.card;

/**
 * Renders a card as plain text for the console, the HTTP API's {@code text} field and any channel
 * without rich cards. Buttons become numbered lines with the command they run, so they can be typed.
 */
public final class PlainText {
    private static final int BAR_WIDTH = 20;

    private PlainText() {
    }

    /**
     * @param card the card
     * @return its text rendering
     */
    public static String render(Card card) {
        StringBuilder out = new StringBuilder();
        String mark = mark(card.tone());
        if (card.title() != null && !card.title().isBlank()) {
            out.append(mark).append(card.title()).append('\n');
        }
        if (card.text() != null && !card.text().isBlank()) {
            out.append(card.text()).append('\n');
        }
        for (Card.Field field : card.fields()) {
            out.append("• ").append(field.label());
            if (field.value() != null && !field.value().isBlank()) {
                out.append(field.value().contains("\n") ? ":\n  " + field.value().replace("\n", "\n  ") : ": " + field.value());
            }
            out.append('\n');
        }
        if (card.image() != null) {
            out.append("[").append(card.image().alt()).append("]\n");
        }
        if (card.file() != null) {
            out.append("[").append(card.file().name()).append(", ").append(card.file().bytes().length).append(" B]\n");
        }
        if (card.progress() != null) {
            out.append(bar(card.progress())).append('\n');
        }
        int n = 1;
        for (Button button : card.buttons()) {
            out.append('[').append(n++).append("] ").append(button.label()).append(" → ").append(button.command()).append('\n');
        }
        if (card.footer() != null && !card.footer().isBlank()) {
            out.append(card.footer()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /**
     * @param tone a card's tone
     * @return the symbol text renderings put before its title ({@code ✖ }, {@code ⚠ }, {@code ✔ }, or nothing)
     */
    public static String mark(Card.Tone tone) {
        return switch (tone) {
            case ERROR -> "✖ ";
            case WARNING -> "⚠ ";
            case SUCCESS -> "✔ ";
            case INFO -> "";
        };
    }

    /**
     * @param progress how far a job has come
     * @return a text progress bar with percent and counts
     */
    public static String bar(Progress progress) {
        int percent = progress.percent();
        if (percent < 0) {
            return "… " + progress.done();
        }
        int filled = percent * BAR_WIDTH / 100;
        return "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled) + " " + percent + "% (" + progress.done() + "/"
                + progress.total() + ")";
    }
}
