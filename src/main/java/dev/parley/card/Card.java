package dev.parley.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a command answers, independent of where it is shown. Each channel renders it natively (a Feishu
 * interactive card, a Telegram message with an inline keyboard, a Discord embed, plain text on the
 * console and the HTTP API). All strings are already localized.
 *
 * @param tone     how the answer should look (info, success, warning, error)
 * @param title    a short heading
 * @param text     the body; {@code **bold**} is the only markup
 * @param fields   labelled values, also used as list rows (search hits, accounts)
 * @param image    an image (QR code, chart), or {@code null}
 * @param progress progress of a long job, or {@code null}
 * @param buttons  actions the reader can take
 * @param footer   a small note under everything, or {@code null}
 * @param file     a file that comes with the card (an export), or {@code null}
 */
public record Card(Tone tone, String title, String text, List<Field> fields, CardImage image, Progress progress,
                   List<Button> buttons, String footer, CardFile file) {

    /** Copies the lists so a card never changes after it is built. */
    public Card {
        Objects.requireNonNull(tone, "tone");
        fields = List.copyOf(fields);
        buttons = List.copyOf(buttons);
    }

    /**
     * @param title the heading
     * @return a builder for an informational card
     */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * @param title the heading
     * @param text  the explanation
     * @return a card that reports a problem
     */
    public static Card error(String title, String text) {
        return builder(title).tone(Tone.ERROR).text(text).build();
    }

    /** How a card should look. */
    public enum Tone {
        INFO, SUCCESS, WARNING, ERROR
    }

    /**
     * A labelled value.
     *
     * @param label what it is
     * @param value its value; {@code **bold**} allowed
     * @param inline whether it may sit beside other short fields
     */
    public record Field(String label, String value, boolean inline) {
    }

    /**
     * Builds a {@link Card}.
     */
    public static final class Builder {
        private final String title;
        private Tone tone = Tone.INFO;
        private String text;
        private final List<Field> fields = new ArrayList<>();
        private CardImage image;
        private Progress progress;
        private final List<Button> buttons = new ArrayList<>();
        private String footer;
        private CardFile file;

        private Builder(String title) {
            this.title = title;
        }

        /**
         * @param tone the look
         * @return this builder
         */
        public Builder tone(Tone tone) {
            this.tone = tone;
            return this;
        }

        /**
         * @param text the body
         * @return this builder
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /**
         * @param label what it is
         * @param value its value
         * @return this builder
         */
        public Builder field(String label, String value) {
            fields.add(new Field(label, value, false));
            return this;
        }

        /**
         * @param label what it is
         * @param value its value
         * @return this builder, with a field that may sit beside other short fields
         */
        public Builder shortField(String label, String value) {
            fields.add(new Field(label, value, true));
            return this;
        }

        /**
         * @param image the image
         * @return this builder
         */
        public Builder image(CardImage image) {
            this.image = image;
            return this;
        }

        /**
         * @param progress progress of a long job
         * @return this builder
         */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /**
         * @param button an action
         * @return this builder
         */
        public Builder button(Button button) {
            buttons.add(button);
            return this;
        }

        /** @return how many buttons the card has so far */
        public int buttonCount() {
            return buttons.size();
        }

        /**
         * @param footer a small note
         * @return this builder
         */
        public Builder footer(String footer) {
            this.footer = footer;
            return this;
        }

        /**
         * @param file a file that comes with the card
         * @return this builder
         */
        public Builder file(CardFile file) {
            this.file = file;
            return this;
        }

        /** @return the card */
        public Card build() {
            return new Card(tone, title, text, fields, image, progress, buttons, footer, file);
        }
    }
}
