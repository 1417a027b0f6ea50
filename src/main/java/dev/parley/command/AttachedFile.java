package dev.parley.command;

import java.util.Optional;

/**
 * The file that came with a command (a document it captions, the file it replies to), fetched from the chat platform
 * only when the command reads it — after the role check, so nobody without the role makes Parley download anything.
 */
@FunctionalInterface
public interface AttachedFile {
    /**
     * Fetches it; called at most once per command.
     *
     * @return the file (without its content when it is too large or the platform did not deliver it), or empty when
     *         what the command came with is not a file after all
     */
    Optional<Attachment> fetch();
}
