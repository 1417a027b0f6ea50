/**
 * WeChat accounts through the GeWe API: the only place GeWe's wire formats are known. {@link
 * dev.parley.connector.gewe.GeweConnector} is the port over {@link dev.parley.connector.gewe.GeweClient} (the HTTP
 * API) and {@link dev.parley.connector.gewe.GeweWebhookService} (GeWe's callbacks, parsed by {@link
 * dev.parley.connector.gewe.GeweCallbackParser} into messages, group notices, contact changes and offline reports for
 * the {@link dev.parley.connector.AccountIntake}).
 *
 * <p>It may use the core's vocabulary ({@code connector}, {@code message}, {@code contact}, {@code account}, the HTTP
 * helpers) and nothing of other features; no other package imports it except the wiring in {@code Parley}.
 */
package dev.parley.connector.gewe;
