package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A login confirmation dialog shown on the phone by {@code /login/dialogLogin} (no QR code): poll
 * {@code checkLogin} with the {@code uuid} as for a QR login.
 *
 * @param appId the device id
 * @param uuid  the id to poll {@code checkLogin} with
 */
public record DialogLogin(String appId, String uuid) {

    /**
     * @param path  the API path, for errors
     * @param appId the device id asked for, used when the reply does not echo it
     * @param data  the reply's {@code data}
     * @return the dialog login
     * @throws GeweException if the reply has no uuid
     */
    static DialogLogin of(String path, String appId, JsonNode data) throws GeweException {
        String uuid = GeweReplies.text(data, "uuid");
        if (uuid == null) {
            throw GeweException.malformed(path, 200, "no uuid");
        }
        String echoed = GeweReplies.text(data, "appId");
        return new DialogLogin(echoed == null ? appId : echoed, uuid);
    }
}
