/**
 * The knowledge base AI drafts are grounded in: {@link dev.parley.kb.KnowledgeBase} keeps passages in
 * {@code kb_entries} and searches them through a Lucene index of its own, rebuilt from the table at each start;
 * {@link dev.parley.kb.KbImport} cuts pasted text or a sent file ({@link dev.parley.kb.KbFile}) into passages, and
 * {@link dev.parley.kb.KbCommands} is {@code /kb add|import|search|remove}.
 *
 * <p>It must not import {@code ai}, which uses it, nor a channel, a connector or an adapter: a file comes as the
 * command's {@code Attachment}. From {@code search} it takes only {@code MessageAnalyzer}, so passages are analyzed
 * like messages; it never touches the message index.
 */
package dev.parley.kb;
