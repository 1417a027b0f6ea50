/**
 * Sending from managed accounts: {@link dev.parley.outbound.OutboundQueue} is the durable queue every message Parley
 * sends goes through, sent by one worker per account at a human pace ({@link dev.parley.outbound.Pacing});
 * {@link dev.parley.outbound.OutboundCommands} is {@code /send}, {@code /reply}, {@code /revoke} and {@code /queue},
 * {@link dev.parley.outbound.ReplyWindows} guards free text, {@link dev.parley.outbound.Templates} keeps the templates.
 *
 * <p>It must not import {@code ai} (which queues through it), a channel or an adapter: platform calls go through the
 * connector port, one at a time per account, and what was sent reaches {@code messages} only through the ingest
 * committer.
 */
package dev.parley.outbound;
