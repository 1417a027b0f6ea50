/**
 * {@code ./parley console}: {@link dev.parley.console.Console} is an interactive prompt (or one command, for scripts)
 * for a running server, and {@link dev.parley.console.CommandClient} the client of the HTTP command channel
 * ({@code POST /api/commands}, {@code POST /api/actions}) it talks through.
 *
 * <p>It reaches Parley only over HTTP: apart from {@code i18n.Messages} for its own texts it must not import the
 * server's packages, so it works against a server in another process.
 */
package dev.parley.console;
