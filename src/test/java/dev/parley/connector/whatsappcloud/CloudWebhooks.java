package dev.parley.connector.whatsappcloud;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds WhatsApp Cloud API webhook bodies as Meta posts them (field {@code messages}, and
 * {@code phone_number_quality_update}), as the exact JSON text a test signs with {@link #sign} and posts, so the
 * receiver's signature check sees the same bytes. {@link #escapedUnicode} gives the {@code \}{@code uXXXX} form Meta
 * actually sends, which no longer matches once a receiver re-serializes it.
 */
public final class CloudWebhooks {

    /** The {@code metadata.display_phone_number} of every message and status body (Meta sends digits only). */
    public static final String DISPLAY_NUMBER = "15550100100";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudWebhooks() {
    }

    /**
     * A text message a user sent to the business number.
     *
     * @param wabaId      the WABA the webhook is for
     * @param phoneId     the business number's phone number id
     * @param waId        the user's WhatsApp id (digits)
     * @param name        the user's profile name
     * @param wamid       the message id; {@code wamid.} is prepended unless it is there already
     * @param body        the text
     * @param unixSeconds when the user sent it
     * @return the webhook body
     */
    public static String text(String wabaId, String phoneId, String waId, String name, String wamid, String body,
                              long unixSeconds) {
        ObjectNode value = value(phoneId);
        contact(value, waId, name);
        ObjectNode message = message(value, waId, wamid, unixSeconds, "text");
        message.putObject("text").put("body", body);
        return envelope(wabaId, "messages", value);
    }

    /**
     * An image a user sent, to be fetched through {@code GET /<mediaId>}.
     *
     * @param wabaId      the WABA the webhook is for
     * @param phoneId     the business number's phone number id
     * @param waId        the user's WhatsApp id (digits)
     * @param name        the user's profile name
     * @param wamid       the message id; {@code wamid.} is prepended unless it is there already
     * @param mediaId     the image's media id, e.g. from {@link FakeGraph#media}
     * @param mimeType    e.g. {@code image/jpeg}
     * @param caption     the caption, or {@code null} for none
     * @param unixSeconds when the user sent it
     * @return the webhook body; its {@code sha256} (base64, as in webhooks) is derived from the media id, not
     *     from any bytes
     */
    public static String image(String wabaId, String phoneId, String waId, String name, String wamid,
                               String mediaId, String mimeType, String caption, long unixSeconds) {
        ObjectNode value = value(phoneId);
        contact(value, waId, name);
        ObjectNode image = message(value, waId, wamid, unixSeconds, "image").putObject("image");
        if (caption != null) {
            image.put("caption", caption);
        }
        image.put("mime_type", mimeType)
                .put("sha256", Base64.getEncoder().encodeToString(sha256(mediaId.getBytes(StandardCharsets.UTF_8))))
                .put("id", mediaId);
        return envelope(wabaId, "messages", value);
    }

    /**
     * A delivery status of a message the business sent.
     *
     * @param wabaId        the WABA the webhook is for
     * @param phoneId       the business number's phone number id
     * @param wamid         the sent message's id, e.g. from {@link FakeGraph#sentIds}
     * @param recipientWaId whom it was sent to
     * @param status        {@code sent}, {@code delivered} or {@code read}
     * @param unixSeconds   when the status changed
     * @return the webhook body
     */
    public static String status(String wabaId, String phoneId, String wamid, String recipientWaId, String status,
                                long unixSeconds) {
        ObjectNode value = value(phoneId);
        ObjectNode item = status(value, wamid, recipientWaId, status, unixSeconds);
        item.putObject("conversation").put("id", "c1").putObject("origin").put("type", "service");
        item.putObject("pricing").put("billable", true).put("pricing_model", "CBP").put("category", "service");
        return envelope(wabaId, "messages", value);
    }

    /**
     * A message the business sent that Meta could not deliver.
     *
     * @param wabaId      the WABA the webhook is for
     * @param phoneId     the business number's phone number id
     * @param wamid       the sent message's id
     * @param recipient   whom it was sent to
     * @param code        the error code, e.g. 131026
     * @param title       the error title, e.g. {@code Message Undeliverable}
     * @param unixSeconds when it failed
     * @return the webhook body
     */
    public static String failedStatus(String wabaId, String phoneId, String wamid, String recipient, int code,
                                      String title, long unixSeconds) {
        ObjectNode value = value(phoneId);
        ObjectNode error = status(value, wamid, recipient, "failed", unixSeconds).putArray("errors").addObject()
                .put("code", code)
                .put("title", title)
                .put("message", title);
        error.putObject("error_data").put("details", title);
        return envelope(wabaId, "messages", value);
    }

    /**
     * A change of a business number's quality or messaging limit.
     *
     * @param wabaId        the WABA the webhook is for
     * @param displayNumber the number, as Meta displays it in this webhook
     * @param event         e.g. {@code DOWNGRADE}, {@code UPGRADE}, {@code FLAGGED}
     * @param currentLimit  e.g. {@code TIER_250}
     * @return the webhook body
     */
    public static String qualityUpdate(String wabaId, String displayNumber, String event, String currentLimit) {
        ObjectNode value = JSON.createObjectNode()
                .put("display_phone_number", displayNumber)
                .put("event", event)
                .put("current_limit", currentLimit);
        return envelope(wabaId, "phone_number_quality_update", value);
    }

    /**
     * @param appSecret the Meta app secret
     * @param body      the exact bytes posted
     * @return the {@code X-Hub-Signature-256} header value, {@code sha256=} and lowercase hex HMAC-SHA256
     */
    public static String sign(String appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param json JSON text
     * @return the same JSON with every non-ASCII character written as a lowercase {@code \}{@code uXXXX} escape
     *     (characters outside the BMP as their two surrogates), the form Meta posts
     */
    public static String escapedUnicode(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append("\\u").append(HexFormat.of().toHexDigits(c));
            }
        }
        return out.toString();
    }

    private static ObjectNode value(String phoneId) {
        ObjectNode value = JSON.createObjectNode().put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", DISPLAY_NUMBER).put("phone_number_id", phoneId);
        return value;
    }

    private static void contact(ObjectNode value, String waId, String name) {
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", name);
        contact.put("wa_id", waId);
    }

    private static ObjectNode message(ObjectNode value, String waId, String wamid, long unixSeconds, String type) {
        return value.putArray("messages").addObject()
                .put("from", waId)
                .put("id", wamid.startsWith("wamid.") ? wamid : "wamid." + wamid)
                .put("timestamp", Long.toString(unixSeconds))
                .put("type", type);
    }

    private static ObjectNode status(ObjectNode value, String wamid, String recipient, String status,
                                     long unixSeconds) {
        return value.putArray("statuses").addObject()
                .put("id", wamid)
                .put("status", status)
                .put("timestamp", Long.toString(unixSeconds))
                .put("recipient_id", recipient);
    }

    private static String envelope(String wabaId, String field, ObjectNode value) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", wabaId);
        entry.putArray("changes").addObject().put("field", field).set("value", value);
        return root.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
