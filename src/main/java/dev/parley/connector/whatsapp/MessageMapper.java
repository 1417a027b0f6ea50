package dev.parley.connector.whatsapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.parley.account.Platform;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a Baileys {@code WAMessage} (as the bridge writes it: the message body is a protobuf object serialized by its
 * own {@code toJSON}, so bytes are Base64 strings, 64-bit numbers strings and enums their names — or, from other code
 * paths, numbers) into Parley's platform-neutral message: text, extended text, captions, replies with their quote,
 * mentions, reactions, edits and withdrawals, media as references, group notices as {@code system}. Wrappers
 * (ephemeral, view-once, document-with-caption, a message sent from the account's other device) are opened first.
 * What is no message a person sees — protocol housekeeping, a message that could not be decrypted yet (Baileys
 * re-delivers it under the same id once it can), status updates and channel posts — gives nothing.
 */
final class MessageMapper {
    /** Body fields that say what kind of content a message is, first match wins. */
    private static final Map<String, MessageType> MEDIA = Map.of(
            "imageMessage", MessageType.IMAGE,
            "videoMessage", MessageType.VIDEO,
            "ptvMessage", MessageType.VIDEO,
            "audioMessage", MessageType.VOICE,
            "documentMessage", MessageType.FILE,
            "stickerMessage", MessageType.EMOJI);
    private static final List<String> WRAPPERS = List.of("ephemeralMessage", "viewOnceMessage", "viewOnceMessageV2",
            "viewOnceMessageV2Extension", "documentWithCaptionMessage", "editedMessage", "associatedChildMessage",
            "groupStatusMessage", "groupStatusMessageV2");
    /** Protocol message types: REVOKE is 0 (and, being the default, may be left out), MESSAGE_EDIT 14. */
    private static final Set<String> REVOKES = Set.of("REVOKE", "0");
    private static final Set<String> EDITS = Set.of("MESSAGE_EDIT", "14");
    /** Stub types of messages Baileys could not decrypt yet: CIPHERTEXT is 2. */
    private static final Set<String> UNDECRYPTED = Set.of("CIPHERTEXT", "2");

    private final String session;

    MessageMapper(String session) {
        this.session = session;
    }

    /**
     * @param m      the {@code WAMessage}
     * @param self   the account's own phone JID, or {@code null} before it is known
     * @param people who is who in this session
     * @return the message, or empty when it is nothing a person sees
     */
    Optional<InboundMessage> map(JsonNode m, String self, People people) {
        JsonNode key = m.path("key");
        String remote = text(key, "remoteJid");
        String id = text(key, "id");
        if (remote == null || id == null || remote.endsWith("@broadcast") || remote.endsWith("@newsletter")
                || UNDECRYPTED.contains(m.path("messageStubType").asText())) {
            return Optional.empty();
        }
        boolean group = Jids.isGroup(remote);
        if (!group && !Jids.isPerson(remote)) {
            return Optional.empty();
        }
        boolean fromMe = key.path("fromMe").asBoolean(false);
        String chat = people.id(remote, text(key, "remoteJidAlt"));
        String sender = fromMe ? (self != null ? self : chat)
                : group ? people.id(text(key, "participant"), text(key, "participantAlt")) : chat;
        if (sender == null) {
            sender = chat;
        }
        long sentAt = seconds(m.path("messageTimestamp")) * 1000L;
        Content content = content(m, people);
        if (content == null) {
            return Optional.empty();
        }
        return Optional.of(new InboundMessage(Platform.WHATSAPP, session, self, id, chat,
                group ? ChatType.GROUP : ChatType.PRIVATE, sender, fromMe ? null : text(m, "pushName"),
                fromMe ? Direction.OUT : Direction.IN, content.type(), content.text(), content.mentions(),
                content.ref(), m.toString(), sentAt));
    }

    /** What the message says, or {@code null} when it is housekeeping. */
    private static Content content(JsonNode m, People people) {
        JsonNode body = unwrap(m.path("message"));
        if (body.isMissingNode() || body.isNull() || body.isEmpty()) {
            return m.has("messageStubType") ? new Content(MessageType.SYSTEM, noticeText(m), List.of(), null) : null;
        }
        return body(body, people);
    }

    /** What a message body says, or {@code null} when it is housekeeping. */
    private static Content body(JsonNode body, People people) {
        if (body.has("conversation")) {
            return new Content(MessageType.TEXT, body.path("conversation").asText(), List.of(), null);
        }
        if (body.has("extendedTextMessage")) {
            JsonNode ext = body.path("extendedTextMessage");
            JsonNode context = ext.path("contextInfo");
            String quoted = context.hasNonNull("quotedMessage") ? text(context, "stanzaId") : null;
            boolean link = ext.hasNonNull("matchedText") || ext.hasNonNull("canonicalUrl");
            MessageType type = quoted != null ? MessageType.QUOTE : link ? MessageType.LINK : MessageType.TEXT;
            return new Content(type, text(ext, "text"), mentions(context, people), quoted);
        }
        for (Map.Entry<String, MessageType> media : MEDIA.entrySet()) {
            if (body.has(media.getKey())) {
                JsonNode part = body.path(media.getKey());
                String text = media.getValue() == MessageType.FILE
                        ? join(text(part, "fileName"), text(part, "caption")) : text(part, "caption");
                return new Content(media.getValue(), text, mentions(part.path("contextInfo"), people),
                        part.path("contextInfo").hasNonNull("quotedMessage")
                                ? text(part.path("contextInfo"), "stanzaId") : null);
            }
        }
        if (body.has("reactionMessage")) {
            JsonNode reaction = body.path("reactionMessage");
            return new Content(MessageType.REACTION, reaction.path("text").asText(""), List.of(),
                    text(reaction.path("key"), "id"));
        }
        if (body.has("protocolMessage")) {
            JsonNode protocol = body.path("protocolMessage");
            String type = protocol.path("type").asText("REVOKE");
            if (REVOKES.contains(type) && protocol.has("key")) {
                return new Content(MessageType.REVOKE, null, List.of(), text(protocol.path("key"), "id"));
            }
            if (EDITS.contains(type)) {
                JsonNode editedBody = unwrap(protocol.path("editedMessage"));
                Content edited = editedBody.isObject() && !editedBody.isEmpty() ? body(editedBody, people) : null;
                return new Content(MessageType.EDIT, edited == null ? null : edited.text(), List.of(),
                        text(protocol.path("key"), "id"));
            }
            return null;
        }
        if (body.has("locationMessage") || body.has("liveLocationMessage")) {
            JsonNode location = body.has("locationMessage") ? body.path("locationMessage") : body.path("liveLocationMessage");
            return new Content(MessageType.LOCATION, join(text(location, "name"), text(location, "address")), List.of(),
                    null);
        }
        if (body.has("contactMessage")) {
            return new Content(MessageType.CARD, text(body.path("contactMessage"), "displayName"), List.of(), null);
        }
        if (body.has("contactsArrayMessage")) {
            List<String> names = new ArrayList<>();
            body.path("contactsArrayMessage").path("contacts").forEach(c -> names.add(c.path("displayName").asText()));
            return new Content(MessageType.CARD, String.join(", ", names), List.of(), null);
        }
        for (String poll : List.of("pollCreationMessage", "pollCreationMessageV2", "pollCreationMessageV3")) {
            if (body.has(poll)) {
                return new Content(MessageType.APP, text(body.path(poll), "name"), List.of(), null);
            }
        }
        if (body.has("call") || body.has("bcallMessage")) {
            return new Content(MessageType.CALL, null, List.of(), null);
        }
        if (body.has("senderKeyDistributionMessage") && body.size() == 1 || body.has("messageContextInfo")
                && body.size() == 1 || body.has("pollUpdateMessage") || body.has("keepInChatMessage")
                || body.has("pinInChatMessage") || body.has("encReactionMessage")) {
            return null; // key distribution, poll votes (encrypted), pins: nothing a person reads
        }
        return new Content(MessageType.APP, firstText(body), List.of(), null);
    }

    /** Opens ephemeral, view-once and other wrappers, and a message the account sent from its other device. */
    private static JsonNode unwrap(JsonNode body) {
        for (int depth = 0; depth < 5; depth++) {
            JsonNode inner = null;
            for (String wrapper : WRAPPERS) {
                if (body.path(wrapper).has("message")) {
                    inner = body.path(wrapper).path("message");
                    break;
                }
            }
            if (inner == null && body.path("deviceSentMessage").has("message")) {
                inner = body.path("deviceSentMessage").path("message");
            }
            if (inner == null) {
                return body;
            }
            body = inner;
        }
        return body;
    }

    /** A notice's words as Baileys has them: its stub type and parameters. */
    private static String noticeText(JsonNode m) {
        List<String> parts = new ArrayList<>();
        parts.add(m.path("messageStubType").asText());
        m.path("messageStubParameters").forEach(p -> parts.add(p.asText()));
        return String.join(" ", parts);
    }

    private static List<String> mentions(JsonNode context, People people) {
        List<String> ids = new ArrayList<>();
        context.path("mentionedJid").forEach(j -> {
            String id = people.id(j.asText(null), null);
            if (id != null) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The first text-like field of an unfamiliar message (buttons, lists, templates, events…), else none. */
    private static String firstText(JsonNode body) {
        for (String field : List.of("text", "caption", "title", "name", "contentText", "hydratedContentText",
                "description", "selectedDisplayText")) {
            Optional<JsonNode> found = Optional.ofNullable(body.findValue(field)).filter(JsonNode::isTextual);
            if (found.isPresent()) {
                return found.get().asText();
            }
        }
        return null;
    }

    /**
     * @param value a timestamp as Baileys writes it: a number, a string, or a protobuf Long {@code {low, high}}
     * @return seconds since the epoch, 0 when missing
     */
    static long seconds(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        if (value.has("low")) {
            return (value.path("high").asLong() << 32) | (value.path("low").asLong() & 0xFFFFFFFFL);
        }
        return 0;
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() || b.equals(a) ? a : a + "\n" + b;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private record Content(MessageType type, String text, List<String> mentions, String ref) {
    }
}
