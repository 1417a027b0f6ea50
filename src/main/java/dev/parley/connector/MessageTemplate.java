package dev.parley.connector;

import java.util.Objects;

/**
 * A template as the platform lists it for an account: what {@code /template list} shows and a template send is
 * checked against.
 *
 * @param name     its name
 * @param language its language code
 * @param status   the platform's review status ({@code APPROVED}, {@code PENDING}, {@code REJECTED}, {@code PAUSED}…)
 * @param category marketing, utility or authentication, as the platform spells it
 * @param body     the text of its body with the placeholders {@code {{1}}…} in it, or {@code ""}
 * @param params   how many body placeholders it has
 */
public record MessageTemplate(String name, String language, String status, String category, String body, int params) {
    /** Rejects missing parts. */
    public MessageTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(body, "body");
    }

    /** @return whether the platform lets it be sent */
    public boolean approved() {
        return status.equalsIgnoreCase("APPROVED");
    }
}
