package dev.parley.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.parley.card.Button;

import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * A card's buttons as a Telegram inline keyboard. Each button carries the engine's action id as its
 * {@code callback_data}: those ids are 12 ASCII characters, well inside Telegram's 64-byte limit, so no
 * second mapping is needed. Short labels share a row; long ones get their own.
 */
final class InlineKeyboards {
    private static final int ROW_CHARACTERS = 24;
    private static final int ROW_BUTTONS = 3;
    private static final int CALLBACK_DATA_BYTES = 64;

    private InlineKeyboards() {
    }

    /**
     * @param buttons   the card's buttons
     * @param actionIds their action ids, same order
     * @return the keyboard; an empty one removes the buttons of an edited message
     */
    static InlineKeyboardMarkup of(List<Button> buttons, List<String> actionIds) {
        if (buttons.size() != actionIds.size()) {
            throw new IllegalArgumentException(buttons.size() + " buttons but " + actionIds.size() + " action ids");
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        InlineKeyboardRow row = new InlineKeyboardRow();
        int characters = 0;
        for (int i = 0; i < buttons.size(); i++) {
            String id = actionIds.get(i);
            if (id.getBytes(StandardCharsets.UTF_8).length > CALLBACK_DATA_BYTES) {
                throw new IllegalArgumentException("an action id longer than Telegram's 64 bytes: " + id.length());
            }
            String label = buttons.get(i).label();
            if (!row.isEmpty() && (row.size() >= ROW_BUTTONS || characters + label.length() > ROW_CHARACTERS)) {
                rows.add(row);
                row = new InlineKeyboardRow();
                characters = 0;
            }
            row.add(InlineKeyboardButton.builder().text(label).callbackData(id).build());
            characters += label.length();
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }
}
