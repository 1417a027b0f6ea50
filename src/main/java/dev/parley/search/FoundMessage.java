package dev.parley.search;

/**
 * A search hit ready to show.
 *
 * @param message the message
 * @param snippet about {@value Snippets#WIDTH} characters of its text around the first match, matches
 *                marked {@code **like this**}
 */
public record FoundMessage(MessageView message, String snippet) {
}
