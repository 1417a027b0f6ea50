package dev.parley.alert;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something an operations team must know about, such as an account that went offline. Identified by its
 * rule and key: raising the same alert again while it is active does not notify again (except as a
 * reminder), and resolving it tells the team it is over. Texts are locale keys, so each chat reads the
 * alert in its own language.
 *
 * @param rule     what kind of alert, e.g. {@code account_offline}; also the label of the alert metric
 * @param key      which instance, e.g. the account id
 * @param severity how urgent
 * @param titleKey locale key of the heading
 * @param textKey  locale key of the explanation
 * @param args     placeholders of both keys
 * @param actions  buttons that help, e.g. Re-login
 */
public record Alert(String rule, String key, Severity severity, String titleKey, String textKey,
                    Map<String, Object> args, List<Action> actions) {
    /** Rejects missing parts and copies the collections. */
    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(titleKey, "titleKey");
        Objects.requireNonNull(textKey, "textKey");
        args = Map.copyOf(args);
        actions = List.copyOf(actions);
    }

    /** How urgent an alert is. */
    public enum Severity {
        WARNING, CRITICAL
    }

    /**
     * A button on an alert card.
     *
     * @param labelKey locale key of the label
     * @param command  the command it runs, as the person who presses it
     */
    public record Action(String labelKey, String command) {
    }
}
