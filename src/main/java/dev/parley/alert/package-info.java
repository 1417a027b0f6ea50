/**
 * Alerts for the operations team: {@link dev.parley.alert.Alerts} raises and resolves an {@link dev.parley.alert.Alert}
 * (rule and key, texts as locale keys), notifies once, reminds at intervals and keeps its state in
 * {@code alert_state}; each notice goes to every {@link dev.parley.alert.AlertSink}, the log always
 * ({@link dev.parley.alert.LogAlertSink}); {@link dev.parley.alert.AlertsCommand} is {@code /alerts}.
 *
 * <p>It imports only cards, commands and locales: it must not import the channel port, accounts, a connector or an
 * adapter. Chats bound to alerts get them through a sink the channel package implements and the wiring adds.
 */
package dev.parley.alert;
