package dev.parley.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class CardFileTest {
    private final byte[] csv = "\uFEFFday,joins\n2026-11-01,3\n".getBytes(StandardCharsets.UTF_8);
    private final Card card = Card.builder("Export").file(new CardFile("group.csv", "text/csv", csv)).build();

    @Test
    void jsonCarriesTheFileAsADataUrlThatDecodesToTheSameBytes() {
        JsonNode file = CardJson.toJson(card).get("file");
        assertEquals("group.csv", file.get("name").asText());
        assertEquals(csv.length, file.get("size").asInt());
        String data = file.get("data").asText();
        assertTrue(data.startsWith("data:text/csv;base64,"), data);
        assertArrayEquals(csv, Base64.getDecoder().decode(data.substring(data.indexOf(',') + 1)));
    }

    @Test
    void plainTextNamesTheFileAndItsSize() {
        assertTrue(PlainText.render(card).contains("[group.csv, " + csv.length + " B]"), PlainText.render(card));
    }
}
