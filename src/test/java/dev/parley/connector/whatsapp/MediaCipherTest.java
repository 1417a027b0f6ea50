package dev.parley.connector.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WhatsApp's media encryption: files Baileys itself encrypted ({@code src/test/node/whatsapp-media-vector.mjs}) open,
 * round trips hold for every kind and size, and any file that is not the one its message describes is refused.
 */
class MediaCipherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getDecoder();

    @Test
    void filesBaileysEncryptedOpenWithTheirMessagesKeysAndHashes() throws Exception {
        for (String name : new String[] {"image", "document"}) {
            JsonNode v = vector(name);
            MediaCipher.Kind kind = name.equals("image") ? MediaCipher.Kind.IMAGE : MediaCipher.Kind.DOCUMENT;
            byte[] plain = MediaCipher.decrypt(bytes(v, "encrypted"), bytes(v, "mediaKey"), kind,
                    bytes(v, "fileEncSha256"), bytes(v, "fileSha256"));
            assertThat(plain).isEqualTo(bytes(v, "plain"));
            assertThat(MediaCipher.encrypt(plain, bytes(v, "mediaKey"), kind)).isEqualTo(bytes(v, "encrypted"));
        }
    }

    @Test
    void everyKindAndSizeRoundTrips() throws Exception {
        Random random = new Random(42);
        byte[] key = new byte[32];
        random.nextBytes(key);
        for (MediaCipher.Kind kind : MediaCipher.Kind.values()) {
            for (int size : new int[] {0, 1, 15, 16, 17, 1 << 20}) {
                byte[] plain = new byte[size];
                random.nextBytes(plain);
                byte[] file = MediaCipher.encrypt(plain, key, kind);
                assertThat(file.length % 16).isEqualTo(10);
                assertThat(MediaCipher.decrypt(file, key, kind, null, null)).isEqualTo(plain);
            }
        }
    }

    @Test
    void aFileThatIsNotTheMessagesIsRefused() throws Exception {
        JsonNode v = vector("image");
        byte[] file = bytes(v, "encrypted");
        byte[] key = bytes(v, "mediaKey");
        for (int at : new int[] {0, file.length / 2, file.length - 11, file.length - 1}) {
            byte[] altered = file.clone();
            altered[at] ^= 1;
            assertThatThrownBy(() -> MediaCipher.decrypt(altered, key, MediaCipher.Kind.IMAGE, null, null))
                    .isInstanceOf(MediaCipher.CorruptMediaException.class);
        }
        assertThatThrownBy(() -> MediaCipher.decrypt(java.util.Arrays.copyOf(file, file.length - 16), key,
                MediaCipher.Kind.IMAGE, null, null)).hasMessageContaining("signature");
        assertThatThrownBy(() -> MediaCipher.decrypt(java.util.Arrays.copyOf(file, 20), key, MediaCipher.Kind.IMAGE,
                null, null)).hasMessageContaining("cut short");
        assertThatThrownBy(() -> MediaCipher.decrypt(new byte[0], key, MediaCipher.Kind.IMAGE, null, null))
                .isInstanceOf(MediaCipher.CorruptMediaException.class);
        assertThatThrownBy(() -> MediaCipher.decrypt(file, key, MediaCipher.Kind.VIDEO, null, null))
                .as("an image's key used for a video").isInstanceOf(MediaCipher.CorruptMediaException.class);
        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> MediaCipher.decrypt(file, otherKey, MediaCipher.Kind.IMAGE, null, null))
                .isInstanceOf(MediaCipher.CorruptMediaException.class);
        assertThatThrownBy(() -> MediaCipher.decrypt(file, key, MediaCipher.Kind.IMAGE, new byte[32], null))
                .hasMessageContaining("not the file");
        assertThatThrownBy(() -> MediaCipher.decrypt(file, key, MediaCipher.Kind.IMAGE, null, new byte[32]))
                .hasMessageContaining("not the file");
    }

    private static JsonNode vector(String name) throws IOException {
        try (InputStream in = MediaCipherTest.class.getResourceAsStream("/whatsapp/media/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }

    private static byte[] bytes(JsonNode v, String field) {
        return B64.decode(v.path(field).asText());
    }
}
