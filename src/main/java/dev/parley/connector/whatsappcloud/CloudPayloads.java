package dev.parley.connector.whatsappcloud;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.parley.account.Platform;
import dev.parley.connector.AccountIntake;
import dev.parley.connector.Receipt;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a Cloud API webhook delivery ({@code object: whatsapp_business_account}) into what Parley keeps: messages of
 * every type as archived messages of the number {@code metadata.phone_number_id} names, {@code statuses} as receipts,
 * the senders' profile names, each number's business account ({@code entry.id}) and quality rating changes. Parsing
 * is all or nothing: a delivery that is not what Meta sends is refused whole with the reason, and nothing of it is
 * kept.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components">Webhook components</a>
 */
final class CloudPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ID = 128;

    private CloudPayloads() {
    }

    /**
     * @param body the delivery's bytes, already proven to be Meta's by their signature
     * @return what it says
     * @throws BadPayload when it is not JSON or not shaped like a delivery
     */
    static Delivery parse(byte[] body) throws BadPayload {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadPayload("webhook.error.malformed_json", "detail", e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadPayload("webhook.error.malformed_json", "detail", e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadPayload("webhook.error.not_an_object");
        }
        Delivery delivery = new Delivery();
        if (!"whatsapp_business_account".equals(root.path("object").asText())) {
            return delivery; // another product's webhook (pages, instagram) on the same app: nothing for us
        }
        for (JsonNode entry : root.path("entry")) {
            String waba = entry.path("id").asText("");
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                switch (change.path("field").asText("")) {
                    case "messages" -> messages(delivery, waba, value);
                    case "phone_number_quality_update" -> delivery.quality.add(new QualityUpdate(
                            CloudNumbers.digits(value.path("display_phone_number").asText("")),
                            value.path("event").asText(""), value.path("current_limit").asText("")));
                    default -> delivery.ignored++;
                }
            }
        }
        return delivery;
    }

    private static void messages(Delivery delivery, String waba, JsonNode value) throws BadPayload {
        String phoneId = required(value.path("metadata"), "phone_number_id", "entry.changes.value.metadata.phone_number_id");
        String self = CloudNumbers.digits(value.path("metadata").path("display_phone_number").asText(""));
        if (!waba.isEmpty()) {
            delivery.wabas.put(phoneId, waba);
        }
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
            String waId = contact.path("wa_id").asText("");
            String name = contact.path("profile").path("name").asText("");
            if (!waId.isEmpty() && !name.isEmpty()) {
                names.put(waId, name);
                delivery.names.computeIfAbsent(phoneId, p -> new LinkedHashMap<>()).put(waId, name);
            }
        }
        for (JsonNode message : value.path("messages")) {
            delivery.arrivals.add(new AccountIntake.Arrival(message(phoneId, self, names, message)));
        }
        for (JsonNode status : value.path("statuses")) {
            delivery.receipts.computeIfAbsent(phoneId, p -> new ArrayList<>()).add(receipt(status));
        }
    }

    private static InboundMessage message(String phoneId, String self, Map<String, String> names, JsonNode m)
            throws BadPayload {
        String id = required(m, "id", "messages.id");
        String from = required(m, "from", "messages.from");
        String type = m.path("type").asText("unknown");
        String group = m.path("group_id").asText("");
        JsonNode content = m.path(type);
        MessageType kind = switch (type) {
            case "text", "button", "interactive" -> MessageType.TEXT;
            case "image" -> MessageType.IMAGE;
            case "audio" -> MessageType.VOICE;
            case "video" -> MessageType.VIDEO;
            case "document" -> MessageType.FILE;
            case "sticker" -> MessageType.EMOJI;
            case "location" -> MessageType.LOCATION;
            case "contacts" -> MessageType.CARD;
            case "reaction" -> MessageType.REACTION;
            case "system" -> MessageType.SYSTEM;
            default -> MessageType.UNKNOWN;
        };
        String text = switch (type) {
            case "text" -> content.path("body").asText(null);
            case "button" -> content.path("text").asText(null);
            case "interactive" -> firstText(content.path("button_reply").path("title"),
                    content.path("list_reply").path("title"), content.path("nfm_reply").path("body"));
            case "image", "video", "document" -> firstText(content.path("caption"), content.path("filename"));
            case "location" -> firstText(content.path("name"), content.path("address"));
            case "contacts" -> firstText(content.path(0).path("name").path("formatted_name"));
            case "reaction" -> firstText(content.path("emoji"));
            case "system" -> firstText(content.path("body"));
            default -> null;
        };
        String ref = type.equals("reaction") ? content.path("message_id").asText(null)
                : m.path("context").path("id").asText(null);
        long sentAt = m.path("timestamp").asLong(0) * 1000;
        if (sentAt <= 0) {
            throw new BadPayload("webhook.error.bad_field", "field", "messages.timestamp", "detail",
                    m.path("timestamp").asText(""));
        }
        return new InboundMessage(Platform.WHATSAPP_CLOUD, phoneId, self.isEmpty() ? null : self, id,
                group.isEmpty() ? from : group, group.isEmpty() ? ChatType.PRIVATE : ChatType.GROUP, from,
                names.get(from), Direction.IN, kind, text, List.of(), ref, m.toString(), sentAt);
    }

    private static Receipt receipt(JsonNode status) throws BadPayload {
        String id = required(status, "id", "statuses.id");
        String code = status.path("status").asText("").toLowerCase(Locale.ROOT);
        Receipt.Status kind = switch (code) {
            case "sent" -> Receipt.Status.SENT;
            case "delivered" -> Receipt.Status.DELIVERED;
            case "read", "played" -> Receipt.Status.READ;
            case "failed" -> Receipt.Status.FAILED;
            default -> throw new BadPayload("webhook.error.bad_field", "field", "statuses.status", "detail", code);
        };
        String error = null;
        JsonNode first = status.path("errors").path(0);
        if (first.isObject()) {
            GraphError graph = new GraphError(200, first.path("code").asInt(0), firstText(first.path("title"),
                    first.path("message")) + "", first.path("error_data").path("details").asText(""));
            error = graph.describe();
        }
        return new Receipt(id, kind, status.path("timestamp").asLong(0) * 1000, error);
    }

    private static String required(JsonNode node, String field, String name) throws BadPayload {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new BadPayload("webhook.error.missing_field", "field", name);
        }
        if (value.length() > MAX_ID) {
            throw new BadPayload("webhook.error.field_too_long", "field", name, "max", MAX_ID);
        }
        return value;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isTextual() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }

    /** What one delivery says, by phone number id. */
    static final class Delivery {
        final List<AccountIntake.Arrival> arrivals = new ArrayList<>();
        final Map<String, List<Receipt>> receipts = new LinkedHashMap<>();
        final Map<String, Map<String, String>> names = new LinkedHashMap<>();
        final Map<String, String> wabas = new LinkedHashMap<>();
        final List<QualityUpdate> quality = new ArrayList<>();
        int ignored;
    }

    /**
     * A number's quality rating or messaging limit changed.
     *
     * @param displayDigits the number as displayed, digits only
     * @param event         {@code DOWNGRADE}, {@code UPGRADE}, {@code FLAGGED}, {@code UNFLAGGED}…
     * @param currentLimit  the limit tier now
     */
    record QualityUpdate(String displayDigits, String event, String currentLimit) {
        /** @return whether it warns of a ban or a lower limit */
        boolean warns() {
            return event.equalsIgnoreCase("DOWNGRADE") || event.equalsIgnoreCase("FLAGGED");
        }
    }

    /** A delivery that is not what Meta sends: the locale key of the reason and its arguments. */
    static final class BadPayload extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final transient Object[] args;

        BadPayload(String key, Object... args) {
            super(key, null, false, false);
            this.key = key;
            this.args = args;
        }

        String key() {
            return key;
        }

        Map<String, Object> args() {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                map.put(String.valueOf(args[i]), args[i + 1]);
            }
            return map;
        }
    }
}
