package dev.parley.connector;

/**
 * A QR login that was started.
 *
 * @param externalId the account's provider id (new for a new device)
 * @param session    the platform's id of this login attempt (GeWe's uuid)
 * @param qrData     what the QR code encodes; Parley renders it itself
 * @param options    where the login comes from, for polling with the same settings
 */
public record LoginStart(String externalId, String session, String qrData, LoginOptions options) {
}
