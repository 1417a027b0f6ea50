/**
 * AI reply drafts for customer chats: {@link dev.parley.ai.DraftWatcher} follows committed messages and hands a
 * customer's burst to {@link dev.parley.ai.Drafter}, which asks a {@link dev.parley.ai.ReplyProvider} (an
 * OpenAI-compatible endpoint, or the knowledge base itself, {@link dev.parley.ai.KbProvider}) within
 * {@link dev.parley.ai.AiQuota}, stores the draft ({@link dev.parley.ai.DraftStore}) and posts its approval card;
 * {@link dev.parley.ai.AiCommands} ({@code /ai}) and {@link dev.parley.ai.CostCommand} ({@code /cost}) steer it.
 *
 * <p>It must not import a connector, an adapter or {@code ingest}: it reads messages from the database
 * ({@link dev.parley.ai.Conversations}), and a reply leaves only through the outbound queue
 * ({@link dev.parley.ai.DraftSender}), paced like every other send.
 */
package dev.parley.ai;
