/**
 * Keyword auto-reply rules ({@code /rule}) and auto-tagging rules ({@code /tag auto}): what a customer's text, or a
 * member joining a group, sets off — a reply through the outbound queue, a hand-over to AI drafting, or a tag — and
 * the opt-out words that are recorded instead.
 *
 * <p>It owns the {@code rules} and {@code rule_firings} tables. It reads {@code messages}, {@code group_events} and
 * {@code accounts} (never writes them), matches keywords with the search analyzer
 * ({@code dev.parley.search.MessageAnalyzer}) so a keyword matches what {@code /search} would find, and sends only
 * through {@code dev.parley.outbound.OutboundQueue} with the origin {@code rule:<firing id>}. It never calls a
 * connector or an SDK. AI drafting learns what rules did only from {@code rule_firings}.
 */
package dev.parley.automation.rules;
