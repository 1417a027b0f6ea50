/**
 * The connector port: what the core needs from a messaging platform to run accounts on it, and the one way a
 * platform's reports come in. {@link dev.parley.connector.AccountConnector} is what the core calls (log in, stay
 * online, send and withdraw, read contacts and groups, fetch media); {@link dev.parley.connector.AccountIntake} is
 * what every connector hands its platform's reports to (messages through the group commit, account state, contacts,
 * member lists and membership changes with their actors), and it tells the features on the
 * {@link dev.parley.connector.AccountEventBus}. {@link dev.parley.connector.Connectors} holds the connectors of this
 * installation, one per platform, each built by its adapter's {@code create(ConnectorContext)}.
 *
 * <p>This package names no platform: ids it passes are opaque strings the adapters spell (a sent message's receipt,
 * a chat id a connector {@linkplain dev.parley.connector.AccountConnector#chat classifies}). It must not import an
 * adapter package ({@code connector.gewe}, {@code connector.whatsapp}) nor any platform's SDK; adapters import it.
 */
package dev.parley.connector;
