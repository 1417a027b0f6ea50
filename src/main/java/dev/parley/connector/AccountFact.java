package dev.parley.connector;

import java.util.Objects;

/**
 * Something the platform says about an account that admins should see on its card: a business number's verified name,
 * quality rating or messaging limit.
 *
 * @param labelKey the locale key of the label ({@code account.fact.quality}…)
 * @param value    the value as the platform gives it
 */
public record AccountFact(String labelKey, String value) {
    /** Rejects missing parts. */
    public AccountFact {
        Objects.requireNonNull(labelKey, "labelKey");
        Objects.requireNonNull(value, "value");
    }
}
