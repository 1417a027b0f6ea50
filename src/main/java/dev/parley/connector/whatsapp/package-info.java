/**
 * WhatsApp Web accounts through the Baileys bridge: the only place WhatsApp's wire details are known (JIDs and LIDs,
 * Baileys's events and socket methods, close codes, media encryption). {@link
 * dev.parley.connector.whatsapp.WhatsAppConnector} is the port; {@link dev.parley.connector.whatsapp.Bridge}
 * supervises the child process that speaks the line contract of {@code bridge/whatsapp/README.md}; {@link
 * dev.parley.connector.whatsapp.SessionStore} keeps every session's credentials and signal keys sealed in MariaDB;
 * {@link dev.parley.connector.whatsapp.MessageMapper} and {@link dev.parley.connector.whatsapp.GroupMapper} turn
 * Baileys's payloads into the core's messages, member lists and group changes for the
 * {@link dev.parley.connector.AccountIntake}.
 *
 * <p>It may use the core's vocabulary ({@code connector}, {@code message}, {@code contact}, {@code account},
 * {@code config.Sealer}, {@code ingest}'s refusal) and nothing of other features; no other package imports it except
 * the wiring in {@code Parley}. It must not grow logic into the bridge: everything beyond passing events and calls
 * through belongs here.
 */
package dev.parley.connector.whatsapp;
