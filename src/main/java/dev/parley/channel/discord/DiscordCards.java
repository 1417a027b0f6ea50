package dev.parley.channel.discord;

import java.util.ArrayList;
import java.util.List;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.Progress;

import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Parley's cards as Discord messages: an embed (tone as its colour, title, text, fields, progress bar, footer) within
 * Discord's limits (title 256, description 4096, 25 fields of 1024, footer 2048, 6000 in all — cut with an ellipsis),
 * the card's image attached as {@code card.png} and shown in the embed, its buttons as rows of at most five whose
 * custom ids are the action ids, and its file attached. The same rendering serves new messages, edits, interaction
 * replies and updates.
 */
final class DiscordCards {
    private static final int MAX_TITLE = 256;
    private static final int MAX_DESCRIPTION = 4096;
    private static final int MAX_FIELDS = 25;
    private static final int MAX_FIELD_NAME = 256;
    private static final int MAX_FIELD = 1024;
    private static final int MAX_FOOTER = 2048;
    private static final int MAX_TOTAL = 6000;
    private static final int BUTTONS_PER_ROW = 5;
    private static final int MAX_ROWS = 5;
    private static final int MAX_LABEL = 80;
    private static final String IMAGE = "card.png";

    private DiscordCards() {
    }

    static MessageCreateData create(Card card, List<String> actionIds) {
        MessageCreateBuilder message = new MessageCreateBuilder().setEmbeds(embed(card)).setComponents(rows(card, actionIds));
        List<FileUpload> files = files(card);
        if (!files.isEmpty()) {
            message.setFiles(files);
        }
        return message.build();
    }

    static MessageEditData edit(Card card, List<String> actionIds) {
        return new MessageEditBuilder().setEmbeds(embed(card)).setComponents(rows(card, actionIds))
                .setFiles(files(card)).build();
    }

    static MessageEmbed embed(Card card) {
        EmbedBuilder embed = new EmbedBuilder().setColor(switch (card.tone()) {
            case INFO -> 0x3498db;
            case SUCCESS -> 0x2ecc71;
            case WARNING -> 0xf1c40f;
            case ERROR -> 0xe74c3c;
        });
        int left = MAX_TOTAL;
        String title = cut(card.title() == null ? "" : card.title(), MAX_TITLE);
        if (!title.isEmpty()) {
            embed.setTitle(title);
            left -= title.length();
        }
        StringBuilder description = new StringBuilder(card.text() == null ? "" : card.text());
        if (card.progress() != null) {
            description.append(description.isEmpty() ? "" : "\n").append(bar(card.progress()));
        }
        String text = cut(description.toString(), Math.min(MAX_DESCRIPTION, left / 2));
        if (!text.isEmpty()) {
            embed.setDescription(text);
            left -= text.length();
        }
        String footer = card.footer() == null ? "" : cut(card.footer(), Math.min(MAX_FOOTER, 500));
        left -= footer.length();
        int fields = 0;
        for (Card.Field field : card.fields()) {
            String name = cut(field.label() == null || field.label().isBlank() ? "·" : field.label(), MAX_FIELD_NAME);
            String value = cut(field.value() == null || field.value().isBlank() ? "—" : field.value(), MAX_FIELD);
            if (fields == MAX_FIELDS || name.length() + value.length() > left) {
                break;
            }
            embed.addField(name, value, field.inline());
            left -= name.length() + value.length();
            fields++;
        }
        if (!footer.isEmpty()) {
            embed.setFooter(footer);
        }
        if (card.image() != null) {
            embed.setImage("attachment://" + IMAGE);
        }
        return embed.build();
    }

    private static List<ActionRow> rows(Card card, List<String> actionIds) {
        List<ActionRow> rows = new ArrayList<>();
        List<net.dv8tion.jda.api.components.buttons.Button> row = new ArrayList<>();
        for (int i = 0; i < card.buttons().size() && i < actionIds.size() && rows.size() < MAX_ROWS; i++) {
            Button button = card.buttons().get(i);
            row.add(net.dv8tion.jda.api.components.buttons.Button.of(style(button), actionIds.get(i),
                    cut(button.label(), MAX_LABEL)));
            if (row.size() == BUTTONS_PER_ROW) {
                rows.add(ActionRow.of(row));
                row = new ArrayList<>();
            }
        }
        if (!row.isEmpty() && rows.size() < MAX_ROWS) {
            rows.add(ActionRow.of(row));
        }
        return rows;
    }

    private static List<FileUpload> files(Card card) {
        List<FileUpload> files = new ArrayList<>();
        if (card.image() != null) {
            files.add(FileUpload.fromData(card.image().png(), IMAGE));
        }
        if (card.file() != null) {
            files.add(FileUpload.fromData(card.file().bytes(), card.file().name()));
        }
        return files;
    }

    private static ButtonStyle style(Button button) {
        return switch (button.style()) {
            case PRIMARY -> ButtonStyle.PRIMARY;
            case DANGER -> ButtonStyle.DANGER;
            case DEFAULT -> ButtonStyle.SECONDARY;
        };
    }

    private static String bar(Progress progress) {
        int percent = progress.percent();
        if (percent < 0) {
            return "`" + progress.done() + "`";
        }
        int filled = percent / 5;
        return "`" + "█".repeat(filled) + "░".repeat(20 - filled) + "` " + percent + "% (" + progress.done() + "/"
                + progress.total() + ")";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
