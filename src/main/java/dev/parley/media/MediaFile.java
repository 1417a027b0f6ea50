package dev.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.parley.message.MessageType;
import dev.parley.message.StoredMessage;

/**
 * What a downloaded file is, for serving it and showing it: its content type (from its first bytes, else from the
 * file name), a file name to save it as, and its size.
 *
 * @param contentType a MIME type
 * @param fileName    a safe file name
 * @param size        bytes
 */
record MediaFile(String contentType, String fileName, long size) {
    private static final String BINARY = "application/octet-stream";

    /**
     * @param message the message the media belongs to
     * @param file    the downloaded file
     * @return its description
     * @throws IOException when the file cannot be read
     */
    static MediaFile of(StoredMessage message, Path file) throws IOException {
        byte[] head = new byte[16];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        String sniffed = sniff(Arrays.copyOf(head, read));
        String name = message.type() == MessageType.FILE && message.text() != null && !message.text().isBlank()
                ? safe(message.text()) : message.type().code() + "-" + message.id() + extension(sniffed);
        String type = sniffed != null ? sniffed : guess(name);
        return new MediaFile(type, name, Files.size(file));
    }

    /** @return whether it is an image a card can show after conversion to PNG */
    boolean isImage() {
        return contentType.equals("image/png") || contentType.equals("image/jpeg") || contentType.equals("image/gif");
    }

    private static String sniff(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        if (starts(b, '#', '!', 'S', 'I', 'L', 'K') || starts(b, 0x02, '#', '!', 'S', 'I', 'L', 'K')) {
            return "audio/silk";
        }
        if (b.length >= 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "video/mp4";
        }
        return null;
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String extension(String type) {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "application/pdf" -> ".pdf";
            case "audio/silk" -> ".silk";
            case "video/mp4" -> ".mp4";
            default -> "";
        };
    }

    private static String guess(String name) {
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : BINARY;
    }

    /** A file name without path separators, control characters or quotes, at most 120 characters. */
    private static String safe(String name) {
        String cleaned = name.strip().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return cleaned.length() <= 120 ? cleaned : cleaned.substring(cleaned.length() - 120);
    }
}
