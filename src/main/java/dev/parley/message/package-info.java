/**
 * The platform-neutral message vocabulary: {@link dev.parley.message.InboundMessage} (what a connector understood,
 * before it is stored), {@link dev.parley.message.StoredMessage}, {@link dev.parley.message.MessageType},
 * {@link dev.parley.message.ChatType} and {@link dev.parley.message.Direction}; {@link dev.parley.message.MessageStore}
 * reads single messages by id, {@link dev.parley.message.RowIds} reads the {@code #123} ids admins type back.
 *
 * <p>It never writes {@code messages}: the ingest committer is the one writer. It imports nothing of Parley but
 * {@code account.Platform}, and must not import a connector or {@code ingest}, which build on it.
 */
package dev.parley.message;
