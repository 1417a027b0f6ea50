package dev.parley.kb;

/**
 * A passage of the knowledge base, as found by a search.
 *
 * @param id    its row id, as admins see it ({@code /kb remove 12})
 * @param text  the passage
 * @param score how well it matched the question (higher is better; 0 when listed, not searched)
 */
public record KbEntry(long id, String text, float score) {
}
