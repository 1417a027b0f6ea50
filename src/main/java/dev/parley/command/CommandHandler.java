package dev.parley.command;

import dev.parley.card.Card;

/** Runs one command of the catalog; registered with the engine under the command's id. */
@FunctionalInterface
public interface CommandHandler {
    /**
     * @param invocation the parsed command, who asked, and their locale
     * @return the answer
     * @throws CommandException for a problem the user should read about (no such account, nothing to do…)
     */
    Card handle(Invocation invocation);
}
