package dev.parley.command;

/**
 * The command catalog is unusable. The message starts with the file and line and says what is wrong, e.g.
 * {@code commands/search.yaml:12: option 'since' has unknown type 'duraton' (expected one of: ...)}; thrown at
 * start-up so a broken catalog never reaches a chat.
 */
public final class CatalogException extends RuntimeException {
    CatalogException(String message) {
        super(message);
    }

    static CatalogException at(Origin origin, String reason) {
        return new CatalogException(origin + ": " + reason);
    }
}
