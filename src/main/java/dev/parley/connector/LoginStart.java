package dev.parley.connector;

/**
 * A login that was started: what to show the person with the phone.
 *
 * @param externalId  the account's provider id (new for a new device)
 * @param session     the platform's id of this login attempt (GeWe's uuid), or {@code null}
 * @param qrData      what the QR code encodes (Parley renders it itself), or {@code null} for a pairing code
 * @param pairingCode the code to type on the phone instead of scanning, or {@code null}
 * @param options     where the login comes from, for polling with the same settings
 */
public record LoginStart(String externalId, String session, String qrData, String pairingCode, LoginOptions options) {
    /**
     * A QR login.
     *
     * @param externalId the account's provider id
     * @param session    the platform's id of this login attempt
     * @param qrData     what the QR code encodes
     * @param options    where the login comes from
     */
    public LoginStart(String externalId, String session, String qrData, LoginOptions options) {
        this(externalId, session, qrData, null, options);
    }
}
