/**
 * Bringing accounts into service and keeping them there: {@link dev.parley.login.LoginService} runs a QR or
 * pairing-code login from chat as a live card; {@link dev.parley.login.LoginCommands} is
 * {@code /bot add|relogin|code|cancel|logout|remove}; {@link dev.parley.login.OnlineMonitor} reconnects accounts that
 * went offline, alerts when they do not come back, and checks the online ones.
 *
 * <p>It reaches platforms only through the connector port and must not import an adapter or any platform SDK, nor
 * {@code outbound}: the queue hears of state changes as an {@code AccountStateListener} of the monitor.
 */
package dev.parley.login;
