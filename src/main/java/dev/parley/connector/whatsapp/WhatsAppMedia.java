package dev.parley.connector.whatsapp;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;

import dev.parley.connector.ConnectorException;
import dev.parley.connector.MediaLink;
import dev.parley.connector.MediaRef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a stored WhatsApp message's media is and how to open it: WhatsApp's CDN serves it encrypted, and the message
 * carries the key ({@code mediaKey}) and the hashes of both forms. The download goes to the message's own {@code url}
 * only when it is an https address on {@code whatsapp.net}; otherwise (and when there is no url) to the media host
 * joined with the message's {@code directPath}, so a message cannot point Parley's downloads anywhere else.
 */
final class WhatsAppMedia {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WRAPPERS = List.of("ephemeralMessage", "viewOnceMessage", "viewOnceMessageV2",
            "viewOnceMessageV2Extension", "documentWithCaptionMessage", "deviceSentMessage");

    private final String host;

    /** @param host where {@code directPath}s are fetched from ({@code https://mmg.whatsapp.net}) */
    WhatsAppMedia(String host) {
        this.host = host.replaceFirst("/+$", "");
    }

    /**
     * @param media a stored message: its raw {@code WAMessage}
     * @return its download and the decryption that opens it
     * @throws ConnectorException when the message carries no media Parley can fetch
     */
    MediaLink link(MediaRef media) throws ConnectorException {
        JsonNode body;
        try {
            body = JSON.readTree(media.raw()).path("message");
        } catch (IOException e) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the stored message is not JSON", e);
        }
        for (int depth = 0; depth < 5; depth++) {
            JsonNode inner = null;
            for (String wrapper : WRAPPERS) {
                if (body.path(wrapper).has("message")) {
                    inner = body.path(wrapper).path("message");
                }
            }
            if (inner == null) {
                break;
            }
            body = inner;
        }
        for (MediaCipher.Kind kind : MediaCipher.Kind.values()) {
            JsonNode part = body.path(kind.field());
            if (part.isObject()) {
                return link(part, kind);
            }
        }
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the message carries no downloadable media", null);
    }

    private MediaLink link(JsonNode part, MediaCipher.Kind kind) throws ConnectorException {
        byte[] mediaKey = bytes(part.path("mediaKey"));
        if (mediaKey == null) {
            throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the message has no media key", null);
        }
        byte[] encHash = bytes(part.path("fileEncSha256"));
        byte[] plainHash = bytes(part.path("fileSha256"));
        String url = url(part.path("url").asText(""), part.path("directPath").asText(""));
        return new MediaLink(url, downloaded -> {
            try {
                return MediaCipher.decrypt(downloaded, mediaKey, kind, encHash, plainHash);
            } catch (MediaCipher.CorruptMediaException e) {
                throw new ConnectorException(ConnectorException.Kind.PERMANENT, e.getMessage(), e);
            }
        });
    }

    private String url(String given, String directPath) throws ConnectorException {
        if (!given.isBlank()) {
            try {
                URI uri = URI.create(given);
                if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getHost().endsWith(".whatsapp.net")) {
                    return given;
                }
            } catch (IllegalArgumentException e) {
                // not a URL: fall back to the direct path
            }
        }
        if (directPath.startsWith("/")) {
            return host + directPath;
        }
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, "the message says nowhere to download from", null);
    }

    /** Bytes as the bridge writes them: Base64 inside a protobuf's JSON, or {@code {"type":"Buffer","data":…}}. */
    private static byte[] bytes(JsonNode value) {
        try {
            if (value.isTextual() && !value.asText().isEmpty()) {
                return Base64.getDecoder().decode(value.asText());
            }
            if (value.path("type").asText().equals("Buffer") && value.path("data").isTextual()) {
                return Base64.getDecoder().decode(value.path("data").asText());
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
