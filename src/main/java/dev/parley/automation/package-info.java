/**
 * Automation shared by keyword rules and broadcasts: saved template texts with variables and spintax
 * ({@link dev.parley.automation.TemplateText}, {@link dev.parley.automation.SavedTemplates}), tags on each account's
 * contacts and groups ({@link dev.parley.automation.Tags}) and the chats that opted out of broadcasts
 * ({@link dev.parley.automation.OptOuts}).
 *
 * <p>Everything automatic is sent through the outbound queue ({@code dev.parley.outbound}) with an origin, so it is
 * paced like any other message, queued at most once per origin and shown as automatic. This package never calls a
 * connector or an SDK, and never writes {@code messages}.
 */
package dev.parley.automation;
