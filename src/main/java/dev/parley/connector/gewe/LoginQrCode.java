package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A login QR code from {@code /login/getLoginQrCode}: show it, then poll {@code checkLogin} with the
 * {@code uuid}. Keep the {@code appId}: it names the cloud device, and logging the same WeChat account
 * in again must reuse it.
 *
 * @param appId       the device id (new when none was given)
 * @param uuid        the QR's id, needed by {@code checkLogin}
 * @param qrData      the URL encoded in the QR, to render one's own image from
 * @param qrImgBase64 GeWe's rendering as a data URL ({@code data:image/jpg;base64,…}), or {@code null}
 */
public record LoginQrCode(String appId, String uuid, String qrData, String qrImgBase64) {

    /**
     * @param path the API path, for errors
     * @param data the reply's {@code data}
     * @return the QR code
     * @throws GeweException if the reply lacks the device id, the uuid or the QR content
     */
    static LoginQrCode of(String path, JsonNode data) throws GeweException {
        LoginQrCode code = new LoginQrCode(GeweReplies.text(data, "appId"), GeweReplies.text(data, "uuid"),
                GeweReplies.text(data, "qrData"), GeweReplies.text(data, "qrImgBase64"));
        if (code.appId == null || code.uuid == null || code.qrData == null) {
            throw GeweException.malformed(path, 200, "no appId, uuid or qrData");
        }
        return code;
    }
}
