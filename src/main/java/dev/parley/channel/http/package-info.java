/**
 * The HTTP command channel: {@link dev.parley.channel.http.CommandApiService} serves {@code POST /api/commands},
 * {@code POST /api/actions} and {@code GET /api/cards/{id}}, where scripts, tests, operators' tooling and
 * {@code ./parley console} run commands and press buttons, answered as plain text and card JSON. The admin bearer
 * token proves a caller may speak for {@code http:} identities; their roles decide the rest.
 *
 * <p>Only the wiring in {@code Parley} imports it. It calls the command engine directly, without the channel port's
 * chats or background deliveries, and must not import another channel adapter, a connector, or any chat SDK.
 */
package dev.parley.channel.http;
