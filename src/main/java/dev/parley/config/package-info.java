/**
 * Settings and secrets every part reads the same way: {@link dev.parley.config.Settings} (a text setting, trimmed,
 * blank as unset), {@link dev.parley.config.Secrets} (the admin token and the webhook path secret, generated once into
 * the data directory when not configured) and {@link dev.parley.config.Sealer} (AES-GCM for what Parley keeps at rest
 * that would let someone act as one of its accounts).
 *
 * <p>It imports no other Parley package (adapters, connectors and media import it) and no library but Helidon's
 * {@code Config}. Secret values are never logged.
 */
package dev.parley.config;
