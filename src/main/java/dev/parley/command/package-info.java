/**
 * Commands, whatever the channel: {@link dev.parley.command.CommandCatalog} (every command, declared in
 * {@code commands/*.yaml}), {@link dev.parley.command.CommandParser} (typed text, in any supported language) and
 * {@link dev.parley.command.CommandEngine}, which checks the caller's role, runs the registered
 * {@link dev.parley.command.CommandHandler}, audits the run and answers a card; with
 * {@link dev.parley.command.CardActions} (button ids), {@link dev.parley.command.LiveCards} and
 * {@link dev.parley.command.CoreCommands}.
 *
 * <p>It names no channel and imports no feature (only the audit log, roles, cards, locales and class-path files):
 * features register handlers on {@code CommandEngine.Builder}, channels hand in a
 * {@link dev.parley.command.CommandRequest}. It must not import a channel, a connector or an adapter.
 */
package dev.parley.command;
