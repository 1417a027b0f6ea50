package dev.parley.i18n;

/**
 * The locale files are unusable: malformed YAML, or locales that disagree on keys or placeholders. Thrown at
 * start-up so a missing translation is found by the operator's first run, not by a user in a chat.
 */
public final class LocaleException extends RuntimeException {
    LocaleException(String message) {
        super(message);
    }
}
