package dev.parley.alert;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.i18n.Messages;

/**
 * One delivery of an alert to the sinks: raised, a reminder that it is still active, or resolved.
 *
 * @param alert the alert
 * @param kind  which delivery
 * @param count how many notifications this alert has had, this one included
 */
public record AlertNotice(Alert alert, Kind kind, int count) {
    /** Which delivery. */
    public enum Kind {
        RAISED, REMINDER, RESOLVED
    }

    /**
     * @param messages the localization bundle
     * @param locale   the reader's locale
     * @return the card a chat shows for this notice
     */
    public Card card(Messages messages, String locale) {
        String title = messages.text(locale, alert.titleKey(), alert.args());
        if (kind == Kind.RESOLVED) {
            return Card.builder(messages.text(locale, "alert.resolved_title", "title", title)).tone(Card.Tone.SUCCESS)
                    .text(messages.text(locale, "alert.resolved_text")).build();
        }
        Card.Builder card = Card.builder(kind == Kind.REMINDER
                        ? messages.text(locale, "alert.reminder_title", "title", title, "count", count) : title)
                .tone(alert.severity() == Alert.Severity.CRITICAL ? Card.Tone.ERROR : Card.Tone.WARNING)
                .text(messages.text(locale, alert.textKey(), alert.args()));
        for (Alert.Action action : alert.actions()) {
            card.button(Button.primary(messages.text(locale, action.labelKey()), action.command()));
        }
        return card.build();
    }
}
