/**
 * Helpers shared by Parley's HTTP endpoints: {@link dev.parley.http.ConnectionLimits} bounds what clients may hold
 * open, {@link dev.parley.http.RequestBodies} reads request bodies under a hard size cap, {@link dev.parley.http.JsonReplies} writes the JSON answers, and
 * {@link dev.parley.http.WebhookMetrics} counts every webhook request by source and result.
 *
 * <p>It serves no route itself and imports no other Parley package (channels, connectors and media import it);
 * nothing platform-specific belongs here.
 */
package dev.parley.http;
